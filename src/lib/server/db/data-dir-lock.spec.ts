import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
const tempDir = () => {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-lock-'));
	dirs.push(d);
	return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function writeLockOf(dir: string, pid: number) {
	fs.writeFileSync(
		path.join(dir, 'hotwash.lock'),
		JSON.stringify({
			pid,
			host: os.hostname(),
			startedAt: new Date().toISOString(),
			command: 'node build'
		})
	);
}

const deadPid = () => spawnSync(process.execPath, ['-e', 'process.pid']).pid!;

// Each racer waits for the same instant, then tries the lock of every round's folder in turn
// (many rounds give the race many chances), reports what it got (W won, R refused) and holds
// it until the test has every report.
const ROUNDS = 40;
const racer = `
const { lockDataDir } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 'data-dir-lock.ts'))});
const [dir, startAt] = process.argv.slice(-2);
while (Date.now() < Number(startAt)) {}
let outcomes = '';
for (let round = 0; round < ${ROUNDS}; round++) {
	try { lockDataDir(dir + '/round-' + round, 'racer'); outcomes += 'W'; }
	catch (e) { outcomes += e.name === 'DataDirLockedError' ? 'R' : '!' + e.message; }
}
process.stdout.write(outcomes);
setTimeout(() => process.exit(0), 60000);
`;

/** Starts `n` processes that race for the lock of each round's folder; how each round went. */
async function race(dir: string, n: number, prepareRound: (roundDir: string) => void = () => {}) {
	for (let round = 0; round < ROUNDS; round++) {
		fs.mkdirSync(path.join(dir, `round-${round}`));
		prepareRound(path.join(dir, `round-${round}`));
	}
	const startAt = Date.now() + 3000;
	const children = Array.from({ length: n }, () =>
		spawn(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', racer, dir, String(startAt)],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		)
	);
	let reports: string[];
	try {
		reports = await Promise.all(
			children.map(
				(child) =>
					new Promise<string>((resolve) => {
						let out = '';
						child.stdout.on('data', (d) => {
							out += d;
							if (out.length >= ROUNDS) resolve(out);
						});
						child.once('exit', () => resolve(out || 'exited without an answer'));
					})
			)
		);
	} finally {
		for (const child of children) child.kill('SIGKILL');
	}
	return Array.from({ length: ROUNDS }, (_, round) => ({
		winners: reports.filter((r) => r[round] === 'W').length,
		refused: reports.filter((r) => r[round] === 'R').length,
		files: fs.readdirSync(path.join(dir, `round-${round}`))
	}));
}

describe('data folder lock', () => {
	it('refuses a folder held by another live process, naming the folder and the process', () => {
		const dir = tempDir();
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
		try {
			writeLockOf(dir, holder.pid!);
			expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
			expect(() => lockDataDir(dir)).toThrow(new RegExp(`${dir}.*process ${holder.pid}`));
		} finally {
			holder.kill('SIGKILL');
		}
	});

	it('takes over a lock left by a process that died (kill -9), and releases it', () => {
		const dir = tempDir();
		writeLockOf(dir, deadPid());
		const release = lockDataDir(dir);
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'hotwash.lock'), 'utf8')).pid).toBe(
			process.pid
		);
		release();
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it.each([
		['an empty', ''],
		['a half-written', '{"pid": 12'],
		['a pid-less', '{"host": "x"}']
	])('never takes %s lock file for stale, and says what to do', (_kind, content) => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'hotwash.lock'), content);
		expect(() => lockDataDir(dir)).toThrow(/names no process.*delete that file/);
		expect(fs.readFileSync(path.join(dir, 'hotwash.lock'), 'utf8')).toBe(content);
	});

	it('gives the lock to exactly one of many processes started at the same instant', async () => {
		const rounds = await race(tempDir(), 6);
		for (const round of rounds)
			expect(round).toEqual({ winners: 1, refused: 5, files: ['hotwash.lock'] });
	}, 30_000);

	it('lets exactly one of many processes take over the same stale lock', async () => {
		const dead = deadPid();
		const rounds = await race(tempDir(), 6, (roundDir) => writeLockOf(roundDir, dead));
		for (const round of rounds)
			expect(round).toEqual({ winners: 1, refused: 5, files: ['hotwash.lock'] });
	}, 30_000);
});
