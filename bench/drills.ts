// Drill real-time benchmark: `npm run bench:drills` (builds, then runs this). Figures, not
// tests; results with the machine's description go in bench/RESULTS.md.
//
// (a) Fan-out: N participant streams on one instance, injects released,
//     latency from the event's time to its receipt on every stream (p50, p99) and server
//     memory per idle stream; the same clients against a bare node:http broadcaster and
//     against realtime/sse.ts alone on node:http.
// (b) Answers: concurrent clients posting answers through the API (autocannon).
//
// Options: --sizes=100,500,1000,2000 --rounds=5 --answer-clients=20 --answer-seconds=15
//          --only=bare|stream|hotwash ('stream': realtime/sse.ts alone on node:http).
// PostgreSQL too when DATABASE_URL is set (a fresh database is created on that server and
// dropped after). Uses the build in build[-E2E_SLOT] (BENCH_BUILD_DIR to override).
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createBenchDrill, type BenchDrill } from './lib/drill-setup';
import {
	freshDatabase,
	login,
	RouteMissingError,
	startHotwash,
	type HotwashServer
} from './lib/hotwash';
import { rssBytes, startNode, waitForHttp } from './lib/processes';
import { SseFleet } from './lib/sse-fleet';
import { kb, ms, percentile, sleep } from './lib/stats';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('sizes', '100,500,1000,2000').split(',').map(Number);
const rounds = Number(arg('rounds', '5'));
const answerClients = Number(arg('answer-clients', '20'));
const answerSeconds = Number(arg('answer-seconds', '15'));
const only = arg('only', '');
const slot = process.env.E2E_SLOT;
const buildDir = process.env.BENCH_BUILD_DIR ?? path.join(root, slot ? `build-${slot}` : 'build');
const basePort = Number(process.env.BENCH_PORT ?? 4400 + 10 * Number(slot ?? 0));

type FanOut = {
	target: string;
	streams: number;
	p50: number;
	p99: number;
	max: number;
	spreadP99: number;
	/** Median round trip of the request that made the change (its commit included). */
	changeMs: number;
	perStream: number;
	receipts: number;
	note: string;
};
const fanOuts: FanOut[] = [];
const answerRuns: string[] = [];

// An inject's worth of text, so the baseline moves as many bytes as a real release.
const injectPayload = {
	injectId: 'reports-arrive',
	title: 'Staff report a "shared document" from Hannah Price',
	channel: 'siem-alert',
	body: 'x'.repeat(1200)
};

/** A server under test, started fresh for each size so memory is measured from its start. */
type Running = {
	url: string;
	headers: Record<string, string>;
	pid: number;
	/** Makes the server send one event (or a few) to every stream. */
	trigger(): Promise<unknown>;
	stop(): Promise<void>;
};

/** Runs every size on a fresh server; stops at the first size that does not hold. */
async function fanOutSizes(target: string, start: () => Promise<Running>): Promise<void> {
	for (const n of sizes) {
		const running = await start();
		try {
			if (!(await fanOut(target, n, running))) return;
		} finally {
			await running.stop();
		}
	}
}

async function fanOut(target: string, streams: number, server: Running): Promise<boolean> {
	// Warm up first (code paths compiled, pools and buffers allocated, start-up garbage
	// gone), so the memory measured is what the streams themselves hold.
	const warm = await SseFleet.open(WARM_STREAMS, server.url, server.headers);
	await server.trigger();
	await warm.allReceivedAfter(0, 15_000);
	await sleep(2000);
	const before = await steadyRss(server.pid);
	let fleet: SseFleet;
	try {
		fleet = await SseFleet.open(streams, server.url, server.headers);
	} catch (e) {
		warm.close();
		fanOuts.push(row(target, streams, [], NaN, `could not open: ${(e as Error).message}`));
		return false;
	}
	await sleep(2000); // idle: replays done, heartbeats not yet due
	const idle = await steadyRss(server.pid);
	const start = fleet.minLastId();
	let note = '';
	const triggerMs: number[] = [];
	for (let r = 0; r < rounds && !note; r++) {
		const last = fleet.minLastId();
		const sent = Date.now();
		await server.trigger();
		triggerMs.push(Date.now() - sent);
		if (!(await fleet.allReceivedAfter(last, 15_000)))
			note = `round ${r + 1}: not every stream got the event within 15 s (${fleet.dropped} dropped)`;
		await sleep(300);
	}
	fanOuts.push(
		row(
			target,
			streams,
			fleet.latenciesAfter(start),
			(idle - before) / streams,
			note,
			fleet.spreadAfter(start),
			percentile(triggerMs, 50)
		)
	);
	fleet.close();
	warm.close();
	console.log(format(fanOuts.at(-1)!));
	return !note;
}

const WARM_STREAMS = 20;

/** Resident memory after a full collection: the median of a few samples over a second. */
async function steadyRss(pid: number): Promise<number> {
	process.kill(pid, 'SIGUSR2');
	await sleep(500);
	const samples: number[] = [];
	for (let i = 0; i < 5; i++) {
		samples.push(rssBytes(pid));
		await sleep(250);
	}
	return percentile(samples, 50);
}

function row(
	target: string,
	streams: number,
	lat: number[],
	perStream: number,
	note: string,
	spread: number[] = [],
	changeMs = NaN
): FanOut {
	return {
		target,
		streams,
		p50: percentile(lat, 50),
		p99: percentile(lat, 99),
		max: percentile(lat, 100),
		spreadP99: percentile(spread, 99),
		changeMs,
		perStream,
		receipts: lat.length,
		note
	};
}

const format = (f: FanOut) =>
	`| ${f.target} | ${f.streams} | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.max)} | ${ms(f.spreadP99)} | ${ms(f.changeMs)} | ${kb(f.perStream)} | ${f.receipts} | ${f.note} |`;

const publishTo = (port: number) => () =>
	fetch(`http://127.0.0.1:${port}/publish`, {
		method: 'POST',
		body: JSON.stringify(injectPayload)
	});

async function bare(): Promise<Running> {
	const port = basePort + 1;
	const child = startNode(
		path.join(root, 'bench/lib/bare-broadcaster.js'),
		[String(port)],
		process.env
	);
	await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
	return {
		url: `http://127.0.0.1:${port}/events`,
		headers: {},
		pid: child.process.pid!,
		trigger: publishTo(port),
		stop: child.stop
	};
}

/** The stream alone (bench/lib/stream-server.ts) on one engine. */
async function streamOnly(serverUrl?: string): Promise<Running> {
	const port = basePort + 2;
	const fresh = serverUrl ? await freshDatabase(serverUrl) : undefined;
	const env: NodeJS.ProcessEnv = { ...process.env, HOTWASH_LOG_LEVEL: 'warn' };
	delete env.DATABASE_URL;
	if (fresh) env.DATABASE_URL = fresh.url;
	const child = startNode(path.join(root, 'bench/lib/stream-server.ts'), [String(port)], env, [
		'--import',
		'tsx'
	]);
	await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
	return {
		url: `http://127.0.0.1:${port}/events`,
		headers: {},
		pid: child.process.pid!,
		trigger: publishTo(port),
		async stop() {
			await child.stop();
			await fresh?.drop();
		}
	};
}

/** A built Hotwash on a fresh data folder, a live drill, its participant's streams. */
async function hotwash(databaseUrl?: string) {
	const server = await startHotwash({ buildDir, port: basePort, databaseUrl });
	try {
		const lead = await login(server, 'lead');
		const trainee = await login(server, 'trainee');
		const drill = await createBenchDrill(lead, trainee);
		const running: Running & { drill: typeof drill; cookie: string; server: HotwashServer } = {
			url: server.base + drill.eventsPath,
			headers: { cookie: trainee.cookie },
			pid: server.pid,
			trigger: () => drill.releaseInject(),
			stop: () => server.stop(),
			drill,
			cookie: trainee.cookie,
			server
		};
		return running;
	} catch (e) {
		await server.stop();
		throw e;
	}
}

async function answers(server: HotwashServer, cookie: string, drill: BenchDrill): Promise<void> {
	const latencies: number[] = [];
	let failed = 0;
	const request = drill.answerRequest;
	const instance = autocannon({
		url: `${server.base}${request.path}`,
		method: 'POST',
		connections: answerClients,
		duration: answerSeconds,
		headers: {
			cookie,
			origin: server.origin,
			'content-type': request.contentType,
			accept: request.contentType === 'application/json' ? 'application/json' : 'text/html'
		},
		body: request.body
	});
	// A form answer succeeds with its 303 back to the drill page.
	instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
		if (status < 400) latencies.push(time);
		else failed++;
	});
	const result = await instance;
	const line = `| Hotwash ${server.engine}, ${request.via} | ${answerClients} | ${(latencies.length / answerSeconds).toFixed(0)} /s | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(percentile(latencies, 99))} | ${failed} | ${result.errors + result.timeouts} |`;
	answerRuns.push(line);
	console.log(line);
}

function machine(): string {
	const cpus = os.cpus();
	const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
	return `${os.availableParallelism()} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${gib(os.totalmem())} RAM (${gib(os.freemem())} free at start), Node ${process.version}, ${os.type()} ${os.release()}`;
}

console.log(`Drill real-time benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine()}`);
console.log(`sizes ${sizes.join(', ')}, ${rounds} rounds each; build ${buildDir}`);
const databaseUrl = process.env.DATABASE_URL;
const engines: (string | undefined)[] = databaseUrl ? [undefined, databaseUrl] : [undefined];
const engineName = (url?: string) => (url ? 'postgres' : 'pglite');
if (!only || only === 'bare') await fanOutSizes('bare node:http', bare);
if (!only || only === 'stream')
	for (const url of engines)
		await fanOutSizes(`eventStream alone, ${engineName(url)}`, () => streamOnly(url));
if (!only || only === 'hotwash')
	for (const url of engines) {
		try {
			await fanOutSizes(`Hotwash ${engineName(url)}`, () => hotwash(url));
			const running = await hotwash(url);
			try {
				await running.drill.ensureRunning();
				await answers(running.server, running.cookie, running.drill);
			} finally {
				await running.stop();
			}
		} catch (e) {
			if (!(e instanceof RouteMissingError)) throw e;
			console.log(
				`Hotwash ${engineName(url)} skipped: ${e.message}; the drill API is not there yet.`
			);
			fanOuts.push(row(`Hotwash ${engineName(url)}`, 0, [], NaN, e.message));
		}
	}
console.log('\n## Fan-out\n');
console.log(
	'| Target | Streams | p50 | p99 | max | Spread p99 | Release request | Memory per idle stream | Receipts | Note |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const f of fanOuts) console.log(format(f));
if (answerRuns.length) {
	console.log('\n## Answers\n');
	console.log('| Target | Clients | Answers | p50 | p95 | p99 | Refused | Errors |');
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const line of answerRuns) console.log(line);
}
