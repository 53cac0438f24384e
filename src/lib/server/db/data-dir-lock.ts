import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite takes no lock of its own: two processes on one folder silently lose writes.
// We keep a lock file holding the owner's pid. It only ever appears complete: it is written
// and synced under a private name, then hard-linked into place, which fails if a lock is
// already there, so of two processes starting at the same instant exactly one gets it.
// A lock whose process is gone is stale (kill -9 leaves one behind) and is taken over, by
// one process at a time. A lock file that names no process is never taken for stale: it may
// be one being written by a process that cannot link (some network file systems).

const LOCK_NAME = 'hotwash.lock';
const TAKEOVER_SUFFIX = '.takeover';
// A takeover holds its marker for microseconds; one this old was left by a crash.
const ABANDONED_TAKEOVER_MS = 10_000;
const TRY_FOR_MS = 3_000;
// How long a lock file that names no process may take to become readable: a process writing
// it (exclusive-create fallback) needs microseconds.
const UNREADABLE_PATIENCE_MS = 1_000;

export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holderPid: number | null,
		readonly holderCommand: string
	) {
		super(
			holderPid === null
				? `The data folder ${dataDir} has a lock file (${LOCK_NAME}) that names no process: ` +
						'another Hotwash may be starting there right now. If none is, delete that file and start again.'
				: `The data folder ${dataDir} is in use by process ${holderPid}` +
						(holderCommand ? ` (${holderCommand})` : '') +
						'. Stop that process first, or point HOTWASH_DATA_DIR at another folder.'
		);
		this.name = 'DataDirLockedError';
	}
}

type LockInfo = { pid: number; host: string; startedAt: string; command: string };
type SeenLock = { stat: fs.Stats; info: LockInfo | null };

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: it exists but belongs to someone else; still alive.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function sleep(ms: number) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function parseLock(text: string): LockInfo | null {
	try {
		const info = JSON.parse(text) as Partial<LockInfo>;
		return Number.isInteger(info.pid) && (info.pid as number) > 0 ? (info as LockInfo) : null;
	} catch {
		return null;
	}
}

/** The lock file as it is now, or null when there is none. */
function look(file: string): SeenLock | null {
	try {
		const stat = fs.statSync(file);
		return { stat, info: parseLock(fs.readFileSync(file, 'utf8')) };
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
}

const sameFile = (a: fs.Stats, b: fs.Stats) => a.ino === b.ino && a.dev === b.dev;

/** Writes our lock under a private name, synced, so that it is whole before anyone sees it. */
function writePrivate(file: string, info: LockInfo): string {
	const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
	const fd = fs.openSync(temp, 'wx', 0o600);
	try {
		fs.writeSync(fd, JSON.stringify(info));
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	return temp;
}

/** Puts our lock in place if there is none; false when another is there. */
function create(file: string, info: LockInfo): boolean {
	const temp = writePrivate(file, info);
	try {
		fs.linkSync(temp, file);
		return true;
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') return false;
		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
	} finally {
		fs.rmSync(temp, { force: true });
	}
	// No hard links here: exclusive create. A reader may see it empty for a moment, and
	// treats that as held, never as stale.
	try {
		fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	}
}

/**
 * Replaces the stale lock we saw with ours, under a takeover marker (a directory, created
 * atomically) so that two processes finding the same stale lock cannot both replace it.
 */
function takeOver(file: string, stale: SeenLock, info: LockInfo): boolean {
	const marker = file + TAKEOVER_SUFFIX;
	try {
		fs.mkdirSync(marker);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		try {
			if (Date.now() - fs.statSync(marker).mtimeMs > ABANDONED_TAKEOVER_MS) fs.rmdirSync(marker);
		} catch {
			// Gone already: the other process finished its takeover.
		}
		sleep(10);
		return false;
	}
	try {
		// Still the very file we judged stale? Nobody else replaces it while we hold the marker.
		const now = look(file);
		if (!now || !sameFile(now.stat, stale.stat)) return false;
		const temp = writePrivate(file, info);
		fs.renameSync(temp, file);
		return true;
	} finally {
		fs.rmdirSync(marker);
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
	const deadline = Date.now() + TRY_FOR_MS;
	let unreadableSince: number | null = null;
	while (Date.now() < deadline) {
		if (create(file, mine)) return releaser(file);
		const seen = look(file);
		if (!seen) continue;
		if (!seen.info) {
			// Perhaps being written this instant (exclusive-create fallback): look again shortly.
			unreadableSince ??= Date.now();
			if (Date.now() - unreadableSince > UNREADABLE_PATIENCE_MS)
				throw new DataDirLockedError(dataDir, null, '');
			sleep(50);
			continue;
		}
		unreadableSince = null;
		// Our own pid can only be a leftover: a container restarts with the same pid.
		if (seen.info.pid !== process.pid && processAlive(seen.info.pid))
			throw new DataDirLockedError(dataDir, seen.info.pid, seen.info.command);
		if (takeOver(file, seen, mine)) return releaser(file);
	}
	throw new Error(`Could not take the lock on ${dataDir}; try again.`);
}

function releaser(file: string) {
	const ours = fs.statSync(file);
	return () => {
		const now = look(file);
		if (now && sameFile(now.stat, ours) && now.info?.pid === process.pid)
			fs.rmSync(file, { force: true });
	};
}
