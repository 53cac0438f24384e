// Child processes for the benchmarks: servers under test run apart from the clients, so a
// server's memory can be read on its own and the clients' work does not count as its.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { percentile, sleep } from './stats';

export type Child = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Runs `node script ...args`, keeping the last of its output for error messages. */
export function startNode(
	script: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	nodeOptions: string[] = []
): Child {
	const child = spawn(process.execPath, ['--expose-gc', ...nodeOptions, script, ...args], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** Waits for `url` to answer 200, or throws with the child's output. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		// Killed by a signal, a process has no exit code, only the signal's name.
		const { exitCode, signalCode } = child.process;
		if (exitCode !== null || signalCode !== null)
			throw new Error(`The server exited (${exitCode ?? signalCode}):\n${child.output()}`);
		try {
			// A server that accepts but never answers must not hold the wait past its end.
			const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
}

/** Resident memory of a process, in bytes (Linux). */
export function rssBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = /VmRSS:\s+(\d+) kB/.exec(status);
	if (!kb) throw new Error(`No VmRSS for process ${pid}`);
	return Number(kb[1]) * 1024;
}

/** A process's resident memory now and its peak so far (VmRSS, VmHWM), in bytes (Linux). */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
	let status: string;
	try {
		status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return null; // gone
	}
	const field = (name: string) =>
		Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
	return { rss: field('VmRSS') * 1024, hwm: field('VmHWM') * 1024 };
}

/**
 * Resets a process's peak resident memory (VmHWM) to its current RSS, so the peak read later
 * is the peak of what happened since; false where the kernel or our rights do not allow it.
 */
export function resetPeakRss(pid: number): boolean {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** The process and all its descendants (children, their children…), from /proc. */
export function processTree(rootPid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		const list = children.get(ppid) ?? [];
		list.push(Number(entry));
		children.set(ppid, list);
	}
	const tree: number[] = [];
	const queue = [rootPid];
	while (queue.length && tree.length < 10_000) {
		const pid = queue.shift()!;
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

/** The command name of a process (its /proc comm), or '' when it is gone. */
export function commandOf(pid: number): string {
	try {
		return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return '';
	}
}

/**
 * Samples the summed resident memory of some processes every `everyMs` until stopped: the
 * highest sum seen. `pids` is asked again every `refreshMs` (a browser starts and ends
 * renderer processes as pages come and go).
 */
export class RssSampler {
	peak = 0;
	samples = 0;
	private pids: number[];
	private timer: NodeJS.Timeout;
	private refreshed = Date.now();

	constructor(
		private readonly which: () => number[],
		readonly everyMs = 20,
		private readonly refreshMs = 250
	) {
		this.pids = which();
		this.timer = setInterval(() => this.sample(), everyMs);
		this.timer.unref();
		this.sample();
	}

	private sample() {
		if (Date.now() - this.refreshed >= this.refreshMs) {
			this.pids = this.which();
			this.refreshed = Date.now();
		}
		let sum = 0;
		for (const pid of this.pids) sum += memoryOf(pid)?.rss ?? 0;
		this.samples++;
		if (sum > this.peak) this.peak = sum;
	}

	/** Stops sampling; the peak, with one last sample taken now. */
	stop(): number {
		clearInterval(this.timer);
		this.sample();
		return this.peak;
	}
}

/**
 * A server's resident memory at rest: the median of five VmRSS samples over a second, after
 * a full collection first when `collect` (the benchmark servers collect on SIGUSR2, see
 * serve-hotwash.js, and run with --expose-gc).
 */
export async function restingRss(pid: number, collect: boolean): Promise<number> {
	if (collect) {
		process.kill(pid, 'SIGUSR2');
		await sleep(1000);
	}
	const samples: number[] = [];
	for (let i = 0; i < 5; i++) {
		samples.push(rssBytes(pid));
		await sleep(250);
	}
	return percentile(samples, 50);
}
