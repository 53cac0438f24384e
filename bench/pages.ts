// Page benchmark: `npm run bench:pages` (builds, then runs this). Figures, not tests; each
// run is appended to bench/RESULTS.md with the machine's description (--no-write: print only).
//
// The built server on a fresh data folder with demo data (PostgreSQL instead when
// DATABASE_URL is set: a fresh database on that server, dropped after), the demo lead and
// auditor signed in through the login form, then the pages people read every day, one after
// another, each loaded by autocannon (N connections for S seconds after a short warm-up):
// requests/s, p50/p99 latency, bytes per answer and each page's throughput as a share of the
// lightest signed-in page's in the same run. Any answer other than 2xx, any error or
// timeout stops the run with an error. Also the server's resident memory: idle right after
// start (demo data loaded), its peak during the load, idle after it.
//
// Options: --seconds=10 --warmup=2 --connections=10 --only=version,diff (keys below; the
// bare signed-in page is always measured) --label="before issue 13" (added to the heading
// in RESULTS.md) --no-write --timeout-minutes=20 --profile (the server under --cpu-prof: where
// its CPU time went, by package and function, printed at the end; a profiled run is not
// written to RESULTS.md).
// Uses the build in build[-E2E_SLOT] (BENCH_BUILD_DIR to override); port 4408 (+10 per slot,
// BENCH_PORT to override).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { api, login, startHotwash, type HotwashServer, type Session } from './lib/hotwash';
import { memoryOf, resetPeakRss, restingRss, RssSampler } from './lib/processes';
import { latestProfile, summariseProfile } from './lib/profiles';
import {
	appendToSection,
	commitDescription,
	cpuBusy,
	machineDescription,
	markdownTable
} from './lib/results';
import { sleep } from './lib/stats';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const flag = (name: string) => process.argv.includes(`--${name}`);
const seconds = Number(arg('seconds', '10'));
const warmupSeconds = Number(arg('warmup', '2'));
const connections = Number(arg('connections', '10'));
const only = arg('only', '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);
const label = arg('label', '');
const profile = flag('profile');
const write = !flag('no-write') && !profile;
const timeoutMinutes = Number(arg('timeout-minutes', '20'));
const slot = process.env.E2E_SLOT;
const buildDir = process.env.BENCH_BUILD_DIR ?? path.join(root, slot ? `build-${slot}` : 'build');
const port = Number(process.env.BENCH_PORT ?? 4408 + 10 * Number(slot ?? 0));
const databaseUrl = process.env.DATABASE_URL || undefined;
const resultsFile = path.join(root, 'bench/RESULTS.md');
for (const [name, value] of Object.entries({ seconds, warmupSeconds, connections, timeoutMinutes }))
	if (!(value >= 0) || (name !== 'warmupSeconds' && value === 0))
		throw new Error(`--${name}: expected a positive number`);

/** The scenario whose facilitator view is measured (a built-in one, in every library). */
const SCENARIO = 'phishing-mailbox-takeover';

// ---- everything this run started stops, also on error, Ctrl-C or the overall time limit
const stoppers: (() => Promise<unknown>)[] = [];
async function stopAll() {
	while (stoppers.length) await stoppers.pop()!().catch(() => {});
}
// Ctrl-C reaches this process twice (from the terminal and relayed by tsx): a second signal
// must not end it before its server has stopped and its data folder is gone.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		console.error(`\n${signal}: stopping`);
		void stopAll().then(() => process.exit(130));
	});
const watchdog = setTimeout(() => {
	console.error(`\nThe benchmark ran over ${timeoutMinutes} minutes: stopping`);
	void stopAll().then(() => process.exit(1));
}, timeoutMinutes * 60_000);
watchdog.unref();

// ---- the pages
type Who = 'nobody' | 'lead' | 'auditor';
type Page = {
	key: string;
	name: string;
	path: string;
	who: Who;
	/** Found in the page's HTML when it is the view meant (its hydration data). */
	expect?: RegExp;
};

type Ids = {
	planId: string;
	approvedId: string;
	fromId: string;
	fromLabel: string;
	draftId: string;
};

/**
 * The demo plan, its approved version, the one before it (what a reader compares) and its
 * draft.
 */
async function findIds(lead: Session): Promise<Ids> {
	const { plans } = await api<{ plans: { id: string; title: string }[] }>(
		lead,
		'GET',
		'/api/v1/plans'
	);
	if (!plans.length) throw new Error('The demo data has no plan');
	const planId = plans[0].id;
	const { versions } = await api<{
		versions: { id: string; number: string; status: string; approvedAt: string | null }[];
	}>(lead, 'GET', `/api/v1/plans/${planId}/versions`);
	const approved = versions.find((v) => v.status === 'approved');
	if (!approved) throw new Error(`Plan ${planId} has no approved version`);
	// The newest superseded version: the diff a reader opens to see what the plan in force
	// changed. A draft when there is none.
	const earlier =
		versions
			.filter((v) => v.status === 'superseded' && v.approvedAt)
			.sort((a, b) => b.approvedAt!.localeCompare(a.approvedAt!))[0] ??
		versions.find((v) => v.id !== approved.id);
	if (!earlier) throw new Error(`Plan ${planId} has a single version: nothing to diff`);
	// The matrix page edits a draft's matrix (an approved version answers 409 there).
	const draft = versions.find((v) => v.status === 'draft');
	if (!draft) throw new Error(`Plan ${planId} has no draft: the matrix page edits drafts only`);
	return {
		draftId: draft.id,
		planId,
		approvedId: approved.id,
		fromId: earlier.id,
		fromLabel: `${earlier.number} (${earlier.status}) → ${approved.number} (approved)`
	};
}

function pages(ids: Ids): Page[] {
	const version = `/plans/${ids.planId}/versions/${ids.approvedId}`;
	return [
		// No page without data exists, and none is added for the benchmark: the login form is
		// the lightest page served without a session (its load only reads ?next).
		{ key: 'login', name: 'Bare page, no session (`/login`)', path: '/login', who: 'nobody' },
		// The lightest signed-in page: the layout's user and one flag from the session, no query
		// of its own (/account also lists sessions and API tokens).
		{
			key: 'bare',
			name: 'Bare page, signed in (`/account/password`)',
			path: '/account/password',
			who: 'lead'
		},
		{ key: 'dashboard', name: 'Dashboard', path: '/', who: 'lead' },
		{ key: 'plans', name: 'Plan list', path: '/plans', who: 'lead' },
		{ key: 'version', name: 'Approved plan version', path: version, who: 'lead' },
		{
			key: 'diff',
			name: `Diff ${ids.fromLabel}`,
			path: `/plans/${ids.planId}/diff?from=${ids.fromId}&to=${ids.approvedId}`,
			who: 'lead'
		},
		// Only a draft's matrix has a page of its own (its editor); an approved version's matrix
		// is part of the version page above.
		{
			key: 'matrix',
			name: 'Matrix of the draft (its editor)',
			path: `/plans/${ids.planId}/versions/${ids.draftId}/matrix`,
			who: 'lead'
		},
		{ key: 'scenarios', name: 'Scenario library', path: '/scenarios', who: 'lead' },
		{
			key: 'scenario',
			name: `Scenario, facilitator view (\`${SCENARIO}\`)`,
			path: `/scenarios/${SCENARIO}`,
			who: 'lead',
			expect: /view:"facilitator"/
		},
		{ key: 'audit', name: 'Audit trail', path: '/audit', who: 'auditor' }
	];
}

// ---- one page under load
type Measured = {
	page: Page;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	bytesPerAnswer: number;
	bodyBytes: number;
	answers: number;
	non2xx: number;
};

let running: { stop(): void } | undefined;
stoppers.push(async () => running?.stop());

/** One autocannon run; throws on anything but 2xx, errors or timeouts. */
async function load(url: string, headers: Record<string, string>, duration: number) {
	const instance = autocannon({ url, connections, duration, headers, timeout: 30 });
	running = instance;
	try {
		const result = await instance;
		const codes = Object.entries(result.statusCodeStats as Record<string, { count: number }>)
			.map(([code, { count }]) => `${code}: ${count}`)
			.join(', ');
		if (result.non2xx || result.errors || result.timeouts || !result['2xx'])
			throw new Error(
				`${url}: ${result.non2xx} answers not 2xx, ${result.errors} errors, ${result.timeouts} timeouts ` +
					`of ${result.requests.total} (status codes ${codes || 'none'})`
			);
		return result;
	} finally {
		running = undefined;
	}
}

async function measure(server: HotwashServer, page: Page, cookie: string): Promise<Measured> {
	const url = server.base + page.path;
	const headers: Record<string, string> = { accept: 'text/html' };
	if (cookie) headers.cookie = cookie;
	// The page itself, not a redirect to the login form or an error page.
	const response = await fetch(url, { headers, redirect: 'manual' });
	const body = await response.text();
	if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html'))
		throw new Error(
			`GET ${page.path} as ${page.who} answered ${response.status} ` +
				`${response.headers.get('location') ?? ''}: ${body.slice(0, 300)}`
		);
	if (page.expect && !page.expect.test(body))
		throw new Error(`GET ${page.path} as ${page.who}: not the view meant (no ${page.expect})`);
	if (warmupSeconds > 0) await load(url, headers, warmupSeconds);
	const result = await load(url, headers, seconds);
	const answers = result['2xx'] as number;
	return {
		page,
		requestsPerSecond: answers / (result.duration as number),
		p50: result.latency.p50,
		p99: result.latency.p99,
		bytesPerAnswer: result.throughput.total / result.requests.total,
		bodyBytes: Buffer.byteLength(body),
		answers,
		non2xx: result.non2xx
	};
}

// ---- reporting
const mb = (bytes: number | null) =>
	bytes === null || !Number.isFinite(bytes) ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MB`;
const kbytes = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const millis = (n: number) => (n >= 10 ? `${Math.round(n).toLocaleString('en-GB')} ms` : `${n} ms`);
const perSecond = (n: number) => (n >= 10 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1));
const share = (n: number) => (n >= 0.1 ? `${Math.round(n * 100)}%` : `${(n * 100).toFixed(1)}%`);

const SECTION = '## Pages (`npm run bench:pages`)';
const INTRO = `\`npm run bench:pages\` builds the app, then runs \`bench/pages.ts\` (options:
\`--seconds=10 --warmup=2 --connections=10 --only=version,diff --label=… --no-write\`; with
\`E2E_SLOT\` it builds into and serves \`build-<slot>\`). One engine per run: the built server on a
fresh data folder with the demo data (PGlite), or, with \`DATABASE_URL\`, on a fresh database on that
PostgreSQL server, dropped after. Each run appends its figures below, with the machine and the
commit.

- **Signed in**: the demo lead (every page but the audit trail) and the demo auditor (the audit
  trail), through the login form with the passwords the server wrote at its first start; each
  request carries the session cookie and \`accept: text/html\`, as a browser's navigation would
  (no \`accept-encoding\`: answers are measured uncompressed).
- **Load**: autocannon in the benchmark's own process (on the same cores as the server), the
  given connections for the given seconds per page, one page after another, after a warm-up of
  the same kind that is not counted. _Requests/s_: 2xx answers over the run's duration. _p50/p99_:
  autocannon's latency to the whole answer. _Bytes per answer_: everything read (headers and
  body) over the answers. _Share of bare_: the page's requests/s over the bare signed-in page's in the
  same run. Any answer other than 2xx, error or timeout fails the run.
- **The bare pages**: Hotwash has no page without data, and none was added for this: without a
  session the login form stands in (its load reads only \`?next\`); signed in,
  \`/account/password\` (the layout's user and one flag; \`/account\` also lists sessions and
  tokens). The bare signed-in page is measured again at the end to show how much the machine
  drifted during the run.
- **Memory**: the server's VmRSS, the median of five samples over a second: idle a second after it
  first answered \`/healthz\` (the demo data loaded), then after a full collection
  (forced, so the load starts from it); the peak of samples every 20 ms during the load (and
  VmHWM, reset before it); idle again 5 s after the load, and after a full collection. VmHWM
  before the reset is the peak of start-up.`;

// ---- the run
if (!fs.existsSync(path.join(buildDir, 'index.js')))
	throw new Error(`No build in ${buildDir}: run \`npm run bench:pages\` (it builds first)`);
const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
console.log(
	`Page benchmark on ${engine}: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s ` +
		`per page; build ${path.relative(root, buildDir)}, port ${port}`
);
/** The PostgreSQL server's version, for the machine's description. */
async function postgresVersion(url: string): Promise<string> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ server_version: string }>('show server_version');
		return rows[0].server_version.split(' ')[0];
	} finally {
		await client.end();
	}
}
const postgres = databaseUrl ? await postgresVersion(databaseUrl) : '';
const busyAtStart = await cpuBusy(3000);
console.log(`The CPUs were ${Math.round(busyAtStart * 100)}% busy in the 3 s before the run.`);

const startedAt = performance.now();
const profileDir = path.join(root, `.tmp/bench-pages-profile${slot ? `-${slot}` : ''}`);
if (profile) fs.rmSync(profileDir, { recursive: true, force: true });
const starting = startHotwash({
	buildDir,
	port,
	databaseUrl,
	name: 'bench-pages',
	nodeOptions: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
});
// startHotwash leaves the data folder behind when the server does not come up.
const forgetDataDir = () =>
	fs.rmSync(path.join(root, `.tmp/bench-pages-${port}`), { recursive: true, force: true });
// Stopped also when a signal comes while it is still starting.
stoppers.push(() => starting.then((s) => s.stop(), forgetDataDir));
const server = await starting.catch((e) => {
	forgetDataDir();
	throw e;
});
const startMs = performance.now() - startedAt;
const measured: Measured[] = [];
let again: Measured | undefined;
const memory = {
	startHwm: 0,
	idleStart: 0,
	idleStartCollected: 0,
	peak: 0,
	hwm: null as number | null,
	samples: 0,
	idleAfter: 0,
	idleAfterCollected: 0
};
try {
	console.log(`The server answered /healthz ${(startMs / 1000).toFixed(1)} s after the start.`);
	await sleep(1000);
	memory.startHwm = memoryOf(server.pid)!.hwm;
	memory.idleStart = await restingRss(server.pid, false);
	memory.idleStartCollected = await restingRss(server.pid, true);
	console.log(
		`RSS idle after start ${mb(memory.idleStart)} (after a full collection ` +
			`${mb(memory.idleStartCollected)}; start-up peak ${mb(memory.startHwm)})`
	);
	const lead = await login(server, 'lead');
	const sessions: Record<Who, string> = {
		nobody: '',
		lead: lead.cookie,
		auditor: (await login(server, 'auditor')).cookie
	};
	const ids = await findIds(lead);
	const all = pages(ids);
	const unknown = only.filter((k) => !all.some((p) => p.key === k));
	if (unknown.length)
		throw new Error(`--only: no page ${unknown.join(', ')} (${all.map((p) => p.key).join(', ')})`);
	const chosen = all.filter((p) => p.key === 'bare' || !only.length || only.includes(p.key));
	// The bare signed-in page first: every other page is compared with it.
	chosen.sort((a, b) => Number(b.key === 'bare') - Number(a.key === 'bare'));
	const peakReset = resetPeakRss(server.pid);
	const sampler = new RssSampler(() => [server.pid], 20, Infinity);
	try {
		for (const page of chosen) {
			const m = await measure(server, page, sessions[page.who]);
			measured.push(m);
			console.log(
				`${page.key.padEnd(10)} ${perSecond(m.requestsPerSecond).padStart(6)}/s  p50 ${millis(m.p50)}  ` +
					`p99 ${millis(m.p99)}  ${kbytes(m.bytesPerAnswer)} per answer (body ${kbytes(m.bodyBytes)})`
			);
		}
		again = await measure(server, chosen[0], sessions.lead);
		console.log(`bare again ${perSecond(again.requestsPerSecond).padStart(6)}/s`);
	} finally {
		memory.peak = sampler.stop();
		memory.samples = sampler.samples;
	}
	memory.hwm = peakReset ? memoryOf(server.pid)!.hwm : null;
	await sleep(5000);
	memory.idleAfter = await restingRss(server.pid, false);
	memory.idleAfterCollected = await restingRss(server.pid, true);
} finally {
	stoppers.pop();
	await server.stop();
}
clearTimeout(watchdog);

const bare = measured.find((m) => m.page.key === 'bare')!;
if (!again) throw new Error('The bare signed-in page was not measured again');
const rows = [
	...measured,
	{ ...again, page: { ...again.page, name: 'Bare page, signed in, again' } }
].map((m) => [
	m.page.name,
	m.page.who === 'nobody' ? '—' : m.page.who,
	perSecond(m.requestsPerSecond),
	share(m.requestsPerSecond / bare.requestsPerSecond),
	millis(m.p50),
	millis(m.p99),
	kbytes(m.bytesPerAnswer)
]);
const busyNote = busyAtStart > 0.15 ? ' (**other work on the machine**)' : '';
const markdown = [
	`### ${new Date().toISOString().slice(0, 16).replace('T', ', ')} UTC, ${engine}, commit ${commitDescription(root)}${label ? `: ${label}` : ''}`,
	'',
	`${machineDescription()}${postgres ? `, PostgreSQL ${postgres} on the same machine` : ''}; the CPUs ` +
		`${Math.round(busyAtStart * 100)}% busy in the 3 s before the run${busyNote}.`,
	`${connections} connections, ${warmupSeconds} s warm-up then ${seconds} s per page; every answer 2xx ` +
		`(${measured.reduce((n, m) => n + m.answers, again.answers).toLocaleString('en-GB')} measured). ` +
		`The server answered \`/healthz\` ${(startMs / 1000).toFixed(1)} s after it was started ` +
		`(fresh ${databaseUrl ? 'database' : 'data folder'}, migrations, demo data).`,
	'',
	markdownTable(
		['Page', 'As', 'Requests/s', 'Share of bare', 'p50', 'p99', 'Bytes per answer'],
		rows,
		[false, false, true, true, true, true, true]
	),
	'',
	`Memory (VmRSS): idle after start ${mb(memory.idleStart)} (after a full collection ` +
		`${mb(memory.idleStartCollected)}; start-up peak ${mb(memory.startHwm)}); peak during the load ` +
		`${mb(memory.peak)} (VmHWM ${mb(memory.hwm)}, ${memory.samples} samples); idle 5 s after the load ` +
		`${mb(memory.idleAfter)} (after a full collection ${mb(memory.idleAfterCollected)}).`
].join('\n');
console.log(`\n${markdown}\n`);
if (profile) {
	const serverProfile = latestProfile(profileDir);
	console.log(
		serverProfile
			? summariseProfile(serverProfile, 'The server, its whole life (start, log-in, the load)', 30)
			: 'The server wrote no CPU profile.'
	);
}
if (write) {
	appendToSection(resultsFile, SECTION, markdown, INTRO);
	console.log(`Appended to ${path.relative(root, resultsFile)}.`);
}
