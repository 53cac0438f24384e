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

	it('takes over a lock left by a process that died (kill -9)', () => {
		const dir = tempDir();
		const dead = spawnSync(process.execPath, ['-e', 'process.pid']);
		writeLockOf(dir, dead.pid!);
		const release = lockDataDir(dir);
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'hotwash.lock'), 'utf8')).pid).toBe(
			process.pid
		);
		release();
		expect(fs.existsSync(path.join(dir, 'hotwash.lock'))).toBe(false);
	});

	it('takes over a half-written lock file', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'hotwash.lock'), '{"pid": 12');
		expect(() => lockDataDir(dir)()).not.toThrow();
	});
});
