import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite takes no lock of its own: two processes on one folder silently lose writes.
// We keep a lock file holding the owner's pid; a lock whose process is gone is stale
// (kill -9 leaves one behind) and is taken over.

const LOCK_NAME = 'hotwash.lock';

export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holderPid: number,
		readonly holderCommand: string
	) {
		super(
			`The data folder ${dataDir} is in use by process ${holderPid}` +
				(holderCommand ? ` (${holderCommand})` : '') +
				'. Stop that process first, or point HOTWASH_DATA_DIR at another folder.'
		);
		this.name = 'DataDirLockedError';
	}
}

type LockInfo = { pid: number; host: string; startedAt: string; command: string };

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: it exists but belongs to someone else; still alive.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readLock(file: string): LockInfo | null {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
	} catch {
		return null;
	}
}

/** Takes the folder's lock or throws DataDirLockedError; returns a function that releases it. */
export function lockDataDir(dataDir: string, command = process.argv.slice(1).join(' ')) {
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const file = path.join(dataDir, LOCK_NAME);
	const mine: LockInfo = {
		pid: process.pid,
		host: os.hostname(),
		startedAt: new Date().toISOString(),
		command: command.slice(0, 200)
	};
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
			return () => release(file);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		const holder = readLock(file);
		if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
			throw new DataDirLockedError(dataDir, holder.pid, holder.command);
		}
		// Stale (or unreadable, half-written by a crash): remove and try again.
		fs.rmSync(file, { force: true });
	}
	throw new Error(`Could not take the lock on ${dataDir}`);
}

function release(file: string) {
	const holder = readLock(file);
	if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}
