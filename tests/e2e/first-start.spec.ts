import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import {
	freePort,
	freshDataDir,
	instanceEnv,
	instanceLogin,
	instanceScript,
	startInstance
} from './app-instance';

// The first start on a new embedded data folder does its one-off work (creating the database,
// migrating, loading the demo data) in a child process that exits when done, so the server
// never carries the memory that work took (bench/RESULTS.md); it says each step once; and a
// signal in the middle stops the child too, leaving a folder the next start completes.

test.skip(!!process.env.TEST_DATABASE_URL, 'the embedded engine only');

const count = (text: string, part: string) => text.split(part).length - 1;

test('a first start says each step once, then serves the demo logins it printed', async ({
	request
}) => {
	const data = freshDataDir('first-start');
	const instance = await startInstance({
		port: await freePort(),
		dataDir: data.dir,
		databaseUrl: null
	});
	try {
		const out = instance.output();
		for (const line of [
			'Creating the embedded database',
			'Migrating the database (1 of',
			'Loading demo data',
			'Demo logins (shown once',
			'Hotwash is starting at',
			'Hotwash is ready at'
		])
			expect(count(out, line), `"${line}" in:\n${out}`).toBe(1);
		const { email, password } = instanceLogin(data.dir, 'lead@hotwash.example');
		const login = await request.post(`${instance.url}/login`, {
			form: { email, password },
			headers: { Origin: instance.url, Accept: 'text/html' },
			maxRedirects: 0
		});
		expect(login.status()).toBe(303);
		// The server itself never ran the database's creation: its peak memory is that of a
		// restart (about 300 MB), far below a first start done in-process (770-850 MB).
		const peak = Number(
			/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${instance.pid}/status`, 'utf8'))![1]
		);
		expect(peak / 1024, 'peak MB of the serving process').toBeLessThan(600);
	} finally {
		await instance.kill('SIGTERM');
		data.remove();
	}
});

test('a signal during the first start stops its worker, and the next start completes', async () => {
	const data = freshDataDir('first-start-stopped');
	const port = await freePort();
	const child = spawn(process.execPath, [instanceScript], {
		env: instanceEnv(port, data.dir, null),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		await expect
			.poll(() => output, { timeout: 60_000 })
			.toContain('Creating the embedded database');
		child.kill('SIGTERM');
		await exited;
		// No worker is left holding the folder.
		const workers = fs
			.readdirSync('/proc')
			.filter((p) => /^\d+$/.test(p))
			.filter((p) => {
				try {
					const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
					return (
						cmd.includes('first-start.js') &&
						fs.readFileSync(`/proc/${p}/environ`, 'utf8').includes(data.dir)
					);
				} catch {
					return false;
				}
			});
		expect(workers).toEqual([]);
		const instance = await startInstance({ port, dataDir: data.dir, databaseUrl: null });
		try {
			expect(instance.output()).toContain('Demo logins (shown once');
			expect(instanceLogin(data.dir, 'admin@hotwash.example').password).toBeTruthy();
		} finally {
			await instance.kill('SIGTERM');
		}
	} finally {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		data.remove();
	}
});
