// Where the time and the memory went: V8 CPU profiles of a server (node --cpu-prof) or of a
// stretch of this process's own work (profileWhile), self time by package and by function,
// idle left out; and what a stretch of work allocates (allocationsWhile).
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

type CallFrame = { functionName: string; url: string; lineNumber: number };
export type CpuProfile = {
	nodes: { id: number; callFrame: CallFrame }[];
	samples: number[];
	timeDeltas: number[];
};

/** The newest profile node --cpu-prof wrote into `dir`, or null. */
export function latestProfile(dir: string): CpuProfile | null {
	if (!fs.existsSync(dir)) return null;
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => path.join(dir, f))
		.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
	return files.length ? (JSON.parse(fs.readFileSync(files[0], 'utf8')) as CpuProfile) : null;
}

/** Runs `work` with this process's CPU profiler on (sampling every 200 µs). */
export async function profileWhile<T>(work: () => Promise<T>): Promise<[T, CpuProfile]> {
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: 200 });
		await session.post('Profiler.start');
		const result = await work();
		const { profile } = await session.post('Profiler.stop');
		return [result, profile as unknown as CpuProfile];
	} finally {
		session.disconnect();
	}
}

/** "pdfkit", "@electric-sql/pglite", "app", "node:zlib", "(garbage collector)"… */
function packageOf(frame: CallFrame): string {
	const url = frame.url;
	if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
	if (url.startsWith('wasm://')) return 'PGlite (WebAssembly)';
	if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?([^/]+).*$/, 'node:$2');
	const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (inModules) return inModules[1];
	return 'app (Hotwash code, incl. bundled libraries)';
}

function functionOf(frame: CallFrame): string {
	const where = frame.url
		? ` ${frame.url.replace(/^.*?\/((?:node_modules|build[^/]*|src)\/)/, '$1')}:${frame.lineNumber + 1}`
		: '';
	return `${frame.functionName || '(anonymous)'}${where}`;
}

/** Self time by package and the busiest functions, as shares of the non-idle time. */
export function summariseProfile(profile: CpuProfile, title: string, top = 15): string {
	const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
	const byPackage = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let busy = 0;
	profile.samples.forEach((id, i) => {
		const frame = frames.get(id)!;
		const us = profile.timeDeltas[i] ?? 0;
		if (frame.functionName === '(idle)') return;
		busy += us;
		const pkg = packageOf(frame);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
		const fn = functionOf(frame);
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
	});
	const lines = (map: Map<string, number>, n: number) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(
				([k, us]) =>
					`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${`${Math.round(us / 1000)} ms`.padStart(8)}  ${k}`
			);
	return [
		`${title}: ${Math.round(busy / 1000)} ms on the CPU (idle left out)`,
		' by package (self time):',
		...lines(byPackage, 12),
		' by function (self time):',
		...lines(byFunction, top)
	].join('\n');
}

type HeapNode = { callFrame: CallFrame; selfSize: number; children: HeapNode[] };

/**
 * Runs `work` under V8's sampling heap profiler, counting garbage too (objects the young and
 * old generation collections took): what `work` allocates, by package and by function.
 */
export async function allocationsWhile(work: () => Promise<unknown>, title: string, runs: number) {
	const session = new Session();
	session.connect();
	try {
		await session.post('HeapProfiler.enable');
		await session.post('HeapProfiler.startSampling', {
			samplingInterval: 4096,
			includeObjectsCollectedByMajorGC: true,
			includeObjectsCollectedByMinorGC: true
		});
		await work();
		const { profile } = await session.post('HeapProfiler.stopSampling');
		const byPackage = new Map<string, number>();
		const byFunction = new Map<string, number>();
		let total = 0;
		const walk = (node: HeapNode, depth: number) => {
			total += node.selfSize;
			const pkg = packageOf(node.callFrame);
			byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.selfSize);
			const fn = functionOf(node.callFrame);
			byFunction.set(fn, (byFunction.get(fn) ?? 0) + node.selfSize);
			if (depth < 10_000) for (const child of node.children) walk(child, depth + 1);
		};
		walk(profile.head as unknown as HeapNode, 0);
		const mb = (bytes: number) => `${(bytes / runs / 2 ** 20).toFixed(1)} MB`.padStart(9);
		const lines = (map: Map<string, number>, n: number) =>
			[...map.entries()]
				.sort((a, b) => b[1] - a[1])
				.slice(0, n)
				.map(([k, bytes]) => `  ${mb(bytes)}  ${k}`);
		return [
			`${title}: ${mb(total).trim()} allocated per run (garbage included)`,
			' by package:',
			...lines(byPackage, 8),
			' by function:',
			...lines(byFunction, 12)
		].join('\n');
	} finally {
		session.disconnect();
	}
}
