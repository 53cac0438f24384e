// Child processes for the benchmarks: servers under test run apart from the clients, so a
// server's memory can be read on its own and the clients' work does not count as its.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from './stats';

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
			if (child.exitCode !== null) return;
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
		if (child.process.exitCode !== null)
			throw new Error(`The server exited (${child.process.exitCode}):\n${child.output()}`);
		try {
			const response = await fetch(url);
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
