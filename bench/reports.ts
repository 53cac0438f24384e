// Report benchmark: `npm run bench:reports` (builds, then runs this). Figures, not tests; the
// run is appended to bench/RESULTS.md with the machine's description (--no-write: print only).
//
// One ended drill of 60 injects and 50 participants, made through the domain functions
// (tests/db/large-drill-fixture.ts) in a fresh data folder, then, in one run:
//   1. Hotwash: its after-action report as the built server answers it,
//      GET /api/v1/reports/aar/{drillId}.pdf, sequential requests after a warm-up: latency and
//      the server process's peak resident memory (VmRSS sampled every 20 ms, and VmHWM).
//      Also the layout alone in this process (loadAar once, renderAar each time).
//   2. Baseline: the drill's results page printed by headless Chromium (page.goto + page.pdf),
//      signed in as the same user, the same counts: latency and the browser's memory.
//
// Options: --warmup=3 --requests=15 --no-write --timeout-minutes=15 --profile (where the CPU
// time goes: the in-process renders under the inspector's profiler, the server under
// --cpu-prof, summed by package and function; a profiled run is not written to RESULTS.md).
// The PDFs of the last request of each kind are kept in .tmp/bench-reports-out[-slot]/.
// Uses the build in build[-E2E_SLOT] (BENCH_BUILD_DIR to override); port 4405 (+10 per slot,
// BENCH_PORT to override). PGlite only: the database is not what a report costs.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { chromium, type Browser } from '@playwright/test';
import { systemActor } from '../src/lib/server/audit/log';
import { openPglite } from '../src/lib/server/db/connect';
import { migrationsFromFolder } from '../src/lib/server/db/folder-migrations';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { loadAar, renderAar } from '../src/lib/server/reports/aar';
import { loadReportFonts } from '../src/lib/server/reports/report-fonts';
import * as users from '../src/lib/server/users/users';
import { createLargeEndedDrill } from '../tests/db/large-drill-fixture';
import {
	allocationsWhile,
	latestProfile,
	profileWhile,
	summariseProfile,
	type CpuProfile
} from './lib/profiles';
import { loginAs, startHotwash, type HotwashServer, type HotwashStore } from './lib/hotwash';
import { memoryOf, processTree, resetPeakRss, RssSampler } from './lib/processes';
import {
	appendToSection,
	commitDescription,
	cpuBusy,
	machineDescription,
	markdownTable
} from './lib/results';
import { ms, percentile, sleep } from './lib/stats';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const flag = (name: string) => process.argv.includes(`--${name}`);
const warmup = Number(arg('warmup', '3'));
const requests = Number(arg('requests', '15'));
const profile = flag('profile');
// Profiled runs are slower: their figures are not results.
const write = !flag('no-write') && !profile;
const timeoutMinutes = Number(arg('timeout-minutes', '15'));
const slot = process.env.E2E_SLOT;
const buildDir = process.env.BENCH_BUILD_DIR ?? path.join(root, slot ? `build-${slot}` : 'build');
const port = Number(process.env.BENCH_PORT ?? 4405 + 10 * Number(slot ?? 0));
const outDir = path.join(root, `.tmp/bench-reports-out${slot ? `-${slot}` : ''}`);
const aloneData = path.join(outDir, 'aar-data.v8');
const resultsFile = path.join(root, 'bench/RESULTS.md');

const SIZE = { injects: 60, participants: 50 };
const TARGET = { latencyMs: 1000, peakRssBytes: 200 * 2 ** 20, ratio: 3 };
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const chromiumPath =
	process.env.CHROME_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// A lead who is not in the drill reads it whole (results page and report), like an auditor
// would; made here with a password we know, so the server loads no demo data.
const reader = {
	email: 'bench-reader@hotwash.example',
	password: crypto.randomBytes(18).toString('base64url'),
	displayName: 'Benchmark Reader'
};

// ---- everything this run started stops, also on error, Ctrl-C or the overall time limit
const stoppers: (() => Promise<unknown>)[] = [];
async function stopAll() {
	while (stoppers.length) await stoppers.pop()!().catch(() => {});
}
// Ctrl-C arrives twice (from the terminal and relayed by tsx): the second must not end the
// run before its server has stopped and its data folder is gone.
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

type Timed = { latencies: number[]; bytes: Buffer };
type Memory = { before: number; peak: number; hwm: number | null; samples: number };

// ---- the data
type Prepared = {
	drillId: string;
	fixtureMs: number;
	loadMs: number;
	render: Timed;
	/** With --profile: this process's CPU profile of the renders (timings then include it). */
	cpu?: CpuProfile;
	/** With --profile: what a render allocates. */
	allocations?: string;
};

async function prepare(store: HotwashStore): Promise<Prepared> {
	const handle = await openPglite(store.dataDir);
	try {
		await migrateToLatest(handle.db, await migrationsFromFolder(path.join(root, 'migrations')));
		await handle.db
			.transaction()
			.execute((trx) => users.create(trx, systemActor('benchmark'), { ...reader, role: 'lead' }));
		let t = performance.now();
		const made = await createLargeEndedDrill(handle.db, SIZE);
		const fixtureMs = performance.now() - t;
		const drillId = made.drillId;
		// The layout alone, in this process: the data loaded once, drawn again and again.
		t = performance.now();
		const data = await loadAar(handle.db, drillId);
		const loadMs = performance.now() - t;
		const fonts = loadReportFonts();
		const context = {
			reportId: 'RBENCH0000',
			createdAt: new Date(Math.floor(Date.now() / 1000) * 1000),
			requestedBy: reader.displayName,
			auditHead: { seq: 0, hash: '0'.repeat(64) }
		};
		// For the layout in a process of its own (bench/lib/render-alone.ts), after the server.
		fs.writeFileSync(aloneData, v8.serialize({ data, context }));
		const renderAll = () => timed(() => renderAar(data, context, fonts));
		if (!profile) return { drillId, fixtureMs, loadMs, render: await renderAll() };
		const [render, cpu] = await profileWhile(renderAll);
		const allocations = await allocationsWhile(
			async () => {
				for (let i = 0; i < 3; i++) await renderAar(data, context, fonts);
			},
			'renderAar in this process, 3 more runs',
			3
		);
		return { drillId, fixtureMs, loadMs, render, cpu, allocations };
	} finally {
		await handle.close();
	}
}

/**
 * `warmup` runs, then `requests` timed ones, one after another; the last result kept. What
 * `setup` makes for each run is made before its clock starts, and `teardown` after it stops.
 */
async function timed<S = void>(
	run: (state: S) => Promise<Buffer>,
	setup?: () => Promise<S>,
	teardown?: (state: S) => Promise<void>
): Promise<Timed> {
	const latencies: number[] = [];
	let bytes: Buffer = Buffer.alloc(0);
	for (let i = 0; i < warmup + requests; i++) {
		const state = (await setup?.()) as S;
		const t = performance.now();
		let elapsed: number;
		try {
			bytes = await run(state);
			elapsed = performance.now() - t;
		} finally {
			await teardown?.(state);
		}
		if (i >= warmup) latencies.push(elapsed);
		if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
			throw new Error(`Run ${i + 1} did not give a PDF: ${bytes.subarray(0, 200).toString()}`);
	}
	return { latencies, bytes };
}

// ---- 1. Hotwash, through the built server
async function hotwashRun(
	server: HotwashServer,
	cookie: string,
	drillId: string
): Promise<Timed & { memory: Memory }> {
	const url = `${server.base}/api/v1/reports/aar/${drillId}.pdf`;
	// Start-up garbage collected and settled, so "before" is the idle server.
	process.kill(server.pid, 'SIGUSR2');
	await sleep(1000);
	const before = memoryOf(server.pid)!.rss;
	const peakReset = resetPeakRss(server.pid);
	const sampler = new RssSampler(() => [server.pid], 20, Infinity);
	try {
		const result = await timed(async () => {
			const response = await fetch(url, {
				headers: { cookie, accept: 'application/pdf' },
				signal: AbortSignal.timeout(60_000)
			});
			const body = Buffer.from(await response.arrayBuffer());
			if (response.status !== 200)
				throw new Error(`GET ${url} answered ${response.status}: ${body.subarray(0, 500)}`);
			return body;
		});
		const peak = sampler.stop();
		const hwm = peakReset ? memoryOf(server.pid)!.hwm : null;
		return { ...result, memory: { before, peak, hwm, samples: sampler.samples } };
	} finally {
		sampler.stop();
	}
}

// ---- 2. Chromium printing the results page
async function chromiumRun(
	server: HotwashServer,
	cookie: string,
	drillId: string
): Promise<Timed & { memory: Memory; version: string; launchMs: number; processes: number }> {
	const t = performance.now();
	const browser: Browser = await chromium.launch({
		executablePath: chromiumPath,
		args: CHROMIUM_ARGS,
		timeout: 60_000
	});
	stoppers.push(() => browser.close());
	try {
		const launchMs = performance.now() - t;
		const context = await browser.newContext();
		const [name, value] = cookie.split('; ')[0].split(/=(.*)/s);
		await context.addCookies([{ name, value, url: server.base }]);
		const pagePath = `/drills/${drillId}/results`;
		// The browser: every process under this one that is not the server.
		const serverTree = () => new Set(processTree(server.pid));
		const browserPids = () => {
			const skip = serverTree();
			return processTree(process.pid).filter((p) => p !== process.pid && !skip.has(p));
		};
		await sleep(500);
		const before = browserPids().reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0);
		const sampler = new RssSampler(browserPids, 20, 250);
		let processes = 0;
		try {
			// A new tab for each print, opened before the clock starts and closed after it stops.
			const result = await timed(
				async (page) => {
					const response = await page.goto(server.base + pagePath, { timeout: 60_000 });
					if (response?.status() !== 200 || new URL(page.url()).pathname !== pagePath)
						throw new Error(`Chromium got ${response?.status()} at ${page.url()}`);
					const pdf = await page.pdf({ format: 'A4' });
					processes = Math.max(processes, browserPids().length);
					return pdf;
				},
				() => context.newPage(),
				(page) => page.close()
			);
			const peak = sampler.stop();
			return {
				...result,
				memory: { before, peak, hwm: null, samples: sampler.samples },
				version: browser.version(),
				launchMs,
				processes
			};
		} finally {
			sampler.stop();
		}
	} finally {
		stoppers.pop();
		await browser.close();
	}
}

// ---- reporting
const mb = (bytes: number | null) =>
	bytes === null || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kbytes = (n: number) => `${Math.round(n / 1024).toLocaleString('en-GB')} KB`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

/** The pages of a PDF, by pdfinfo (poppler-utils); null without it. */
function pagesOf(file: string): number | null {
	try {
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', timeout: 30_000 });
		return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
	} catch {
		return null;
	}
}

const SECTION = '## Reports (`npm run bench:reports`)';

// ---- the run
console.log(
	`Report benchmark: the AAR of a drill with ${SIZE.injects} injects and ${SIZE.participants} participants, ` +
		`${warmup} warm-up + ${requests} measured requests each; build ${path.relative(root, buildDir)}, port ${port}`
);
if (!fs.existsSync(path.join(buildDir, 'index.js')))
	throw new Error(`No build in ${buildDir}: run \`npm run bench:reports\` (it builds first)`);
const profileDir = path.join(root, `.tmp/bench-reports-profile${slot ? `-${slot}` : ''}`);
if (profile) fs.rmSync(profileDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
// Other work on the two cores moves every figure; the build just before lifts the load
// average, so look at how busy the CPUs are right now instead.
const busyAtStart = await cpuBusy(3000);
console.log(`The CPUs were ${Math.round(busyAtStart * 100)}% busy in the 3 s before the run.`);

let prepared: Prepared | undefined;
const server = await startHotwash({
	buildDir,
	port,
	name: 'bench-reports',
	prepare: async (store) => {
		console.log('Making the drill and drawing its report in this process…');
		prepared = await prepare(store);
	},
	nodeOptions: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
});
stoppers.push(() => server.stop());
const { drillId, fixtureMs, loadMs, render } = prepared!;
console.log(
	`Drill ${drillId} made in ${ms(fixtureMs)}; loadAar ${ms(loadMs)}; renderAar p50 ${ms(percentile(render.latencies, 50))}`
);
let hotwash: Awaited<ReturnType<typeof hotwashRun>>;
let browser: Awaited<ReturnType<typeof chromiumRun>>;
try {
	const { cookie } = await loginAs(server, reader.email, reader.password);
	console.log('Hotwash: GET /api/v1/reports/aar/{drillId}.pdf…');
	hotwash = await hotwashRun(server, cookie, drillId);
	console.log(
		`Chromium (${chromiumPath ?? "Playwright's own"}): /drills/{drillId}/results → page.pdf…`
	);
	browser = await chromiumRun(server, cookie, drillId);
} finally {
	stoppers.pop();
	await server.stop();
}

// The layout alone in a fresh process: its memory without the server's, and the longest the
// event loop waited while it ran (what other requests would wait).
console.log('renderAar in a process of its own…');
const alone = JSON.parse(
	execFileSync(
		process.execPath,
		[
			'--expose-gc',
			'--import',
			'tsx',
			path.join(root, 'bench/lib/render-alone.ts'),
			aloneData,
			String(warmup + requests)
		],
		{ cwd: root, encoding: 'utf8', timeout: 5 * 60_000 }
	)
		.trim()
		.split('\n')
		.at(-1)!
) as {
	baselineRss: number;
	peakRss: number;
	latencies: number[];
	maxLoopDelayMs: number;
	p99LoopDelayMs: number;
};
const aloneTimed: Timed = { latencies: alone.latencies.slice(warmup), bytes: Buffer.alloc(0) };
clearTimeout(watchdog);

const files = {
	hotwash: path.join(outDir, 'hotwash-aar.pdf'),
	render: path.join(outDir, 'render-aar.pdf'),
	chromium: path.join(outDir, 'chromium-results.pdf')
};
fs.writeFileSync(files.hotwash, hotwash.bytes);
fs.writeFileSync(files.render, render.bytes);
fs.writeFileSync(files.chromium, browser.bytes);

const p50 = (t: Timed) => percentile(t.latencies, 50);
const p95 = (t: Timed) => percentile(t.latencies, 95);
const max = (t: Timed) => percentile(t.latencies, 100);
const pdfCell = (file: string, bytes: Buffer) =>
	`${pagesOf(file) ?? '?'} pp., ${kbytes(bytes.length)}`;
const ratio = p50(browser) / p50(hotwash);
const hotwashPeak = Math.max(hotwash.memory.peak, hotwash.memory.hwm ?? 0);

const rows = [
	[
		'Hotwash, `GET /api/v1/reports/aar/{id}.pdf`',
		ms(p50(hotwash)),
		ms(p95(hotwash)),
		ms(max(hotwash)),
		`${mb(hotwash.memory.before)} → ${mb(hotwash.memory.peak)} (VmHWM ${mb(hotwash.memory.hwm)})`,
		pdfCell(files.hotwash, hotwash.bytes)
	],
	[
		'Hotwash, `renderAar` alone in-process',
		ms(p50(render)),
		ms(p95(render)),
		ms(max(render)),
		'',
		pdfCell(files.render, render.bytes)
	],
	[
		'Hotwash, `renderAar` in a process of its own',
		ms(p50(aloneTimed)),
		ms(p95(aloneTimed)),
		ms(max(aloneTimed)),
		`${mb(alone.baselineRss)} → ${mb(alone.peakRss)} (VmHWM)`,
		''
	],
	[
		'Chromium, `/drills/{id}/results` + `page.pdf`',
		ms(p50(browser)),
		ms(p95(browser)),
		ms(max(browser)),
		`${mb(browser.memory.before)} → ${mb(browser.memory.peak)} (${browser.processes} processes)`,
		pdfCell(files.chromium, browser.bytes)
	]
];
// Nearest rank: of 15 values, p95 is the slowest.
const p95Rank = Math.ceil(0.95 * requests);
const p95Words =
	p95Rank >= requests
		? `p95 of ${requests} by nearest rank is the slowest`
		: `p95 is the ${p95Rank}th of ${requests}`;
const markdown = [
	`### ${new Date().toISOString().slice(0, 16).replace('T', ', ')} UTC, commit ${commitDescription(root)}`,
	'',
	`${machineDescription()}, Chromium ${browser.version}; the CPUs ${Math.round(busyAtStart * 100)}% busy in the 3 s before the run` +
		`${busyAtStart > 0.15 ? ' (**other work on the machine**)' : ''}.`,
	`${warmup} warm-up and ${requests} measured requests each, one after another (${p95Words});`,
	`the drill (${SIZE.injects} injects, ${SIZE.participants} participants) made in ${ms(fixtureMs)}, \`loadAar\` ${ms(loadMs)} in-process;`,
	`Chromium launched in ${ms(browser.launchMs)} (not counted). Memory: the server's RSS idle → the peak of`,
	`samples every 20 ms during the requests (${hotwash.memory.samples} samples); Chromium: the sum over its processes.`,
	'',
	markdownTable(['Producer', 'p50', 'p95', 'max', 'RSS before → peak', 'PDF'], rows),
	'',
	`- Hotwash p95 ≤ 1 s: ${met(p95(hotwash) <= TARGET.latencyMs)} (${ms(p95(hotwash))}).`,
	`- Hotwash peak RSS ≤ 200 MB: ${met(hotwashPeak <= TARGET.peakRssBytes)} (${mb(hotwashPeak)}; ` +
		`${mb(hotwashPeak - hotwash.memory.before)} above the idle server).`,
	`- The report alone (its own process, fonts and data loaded, no database): peak RSS ${mb(alone.peakRss)}, ` +
		`${met(alone.peakRss <= TARGET.peakRssBytes)} against 200 MB; the event loop waited at most ${ms(alone.maxLoopDelayMs)} ` +
		`(p99 ${ms(alone.p99LoopDelayMs)}) during the layouts: the longest other requests wait for a report.`,
	`- Chromium p50 / Hotwash p50 ≥ 3: ${met(ratio >= TARGET.ratio)} (${ratio.toFixed(1)}×).`
].join('\n');
console.log(`\n${markdown}\n`);
console.log(`PDFs kept in ${path.relative(root, outDir)}/`);
if (profile) {
	console.log(`\n${summariseProfile(prepared!.cpu!, 'renderAar in this process, all runs')}`);
	console.log(`\n${prepared!.allocations}`);
	const serverProfile = latestProfile(profileDir);
	console.log(
		serverProfile
			? `\n${summariseProfile(serverProfile, 'The server, its whole life (start, log-in, the requests)')}`
			: '\nThe server wrote no CPU profile.'
	);
}
if (write) {
	appendToSection(resultsFile, SECTION, markdown);
	console.log(`Appended to ${path.relative(root, resultsFile)}.`);
}
