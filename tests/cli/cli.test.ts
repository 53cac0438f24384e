import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiToken } from '../../src/lib/server/auth/api-tokens';
import { systemActor } from '../../src/lib/server/audit/log';
import { openPglite } from '../../src/lib/server/db/connect';
import { renderDocument } from '../../src/lib/server/reports/document';
import { loadReportFonts } from '../../src/lib/server/reports/report-fonts';
import { produceReport } from '../../src/lib/server/reports/runs';

// The operator's CLI, run as an operator would, against an embedded database folder.
let dataDir: string;
beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function hotwash(...args: string[]) {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOTWASH_DATA_DIR: dataDir,
		HOTWASH_LOG_LEVEL: 'silent'
	};
	delete env.DATABASE_URL;
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/hotwash.ts', ...args], {
		env,
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each call starts a process that opens the embedded database (and migrates it on the first):
// seconds each on a busy two-core machine, so a test of several calls gets more than the default.
describe('admin CLI', { timeout: 120_000 }, () => {
	it('creates a user with a one-time password and lists it', () => {
		const created = hotwash(
			'create-user',
			'--email',
			'Ops@Example.org',
			'--name',
			'Ops Admin',
			'--role',
			'admin'
		);
		expect(created.err).toBe('');
		expect(created.out).toMatch(
			/Created ops@example\.org \(admin\)\. One-time password: [a-z2-9-]{23}/
		);
		const listed = hotwash('users');
		expect(listed.out).toMatch(/ops@example\.org\s+admin\s+active\s+Ops Admin/);
	});

	it('issues an API token printed once, resets a password and verifies the audit chain', () => {
		const token = hotwash('issue-token', '--email', 'ops@example.org', '--name', 'backup script');
		expect(token.out.trim()).toMatch(/^hw_[a-z2-7]{32}$/);
		const reset = hotwash('reset-password', '--email', 'ops@example.org');
		expect(reset.out).toMatch(/One-time password for ops@example\.org/);
		const verify = hotwash('audit-verify');
		expect(verify.code).toBe(0);
		expect(verify.out.trim()).toBe(
			'chain intact, 3 entries; no reports made yet to anchor the trail'
		);
	});

	it('revokes the API tokens of a user whose password it resets', async () => {
		const token = hotwash('issue-token', '--email', 'ops@example.org', '--name', 'cron job');
		expect(token.code).toBe(0);
		const reset = hotwash('reset-password', '--email', 'ops@example.org');
		expect(reset.out).toMatch(/API tokens are revoked/);
		const handle = await openPglite(dataDir);
		try {
			expect(await authenticateApiToken(handle.db, token.out.trim())).toBeNull();
		} finally {
			await handle.close();
		}
	});

	it('explains a bad command or a missing option and exits non-zero', () => {
		const r = hotwash('create-user', '--email', 'x@example.org', '--role', 'wizard', '--name', 'X');
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/--role must be one of admin, lead, trainee, auditor/);
		const unknown = hotwash('reset-password', '--email', 'nobody@example.org');
		expect(unknown.err).toMatch(/No user with the email nobody@example\.org/);
	});

	it('verifies a report file: the original passes, a changed copy and a missing file do not', async () => {
		const handle = await openPglite(dataDir);
		let file: string;
		let id: string;
		try {
			const { run, bytes } = await produceReport(handle.db, systemActor('cli-test'), {
				kind: 'evidence_pack',
				subjectId: null,
				subjectLabel: 'Evidence pack 2026',
				render: (ctx) =>
					renderDocument(
						{ ...ctx, title: 'Evidence pack', author: 'Hotwash', subject: 'Evidence pack 2026' },
						loadReportFonts(),
						(doc) => doc.paragraph('Søren approved the plan.')
					)
			});
			id = run.id;
			file = path.join(dataDir, 'pack.pdf');
			fs.writeFileSync(file, bytes);
			bytes[Math.floor(bytes.length / 3)] ^= 1;
			fs.writeFileSync(path.join(dataDir, 'changed.pdf'), bytes);
		} finally {
			await handle.close();
		}
		const genuine = hotwash('verify-report', file);
		expect(genuine.code).toBe(0);
		expect(genuine.out).toContain(`Genuine: report ${id}`);
		expect(genuine.out).toContain('for cli-test, unchanged');
		const changed = hotwash('verify-report', path.join(dataDir, 'changed.pdf'));
		expect(changed.code).toBe(1);
		expect(changed.out).toContain(`Altered: this file names report ${id}`);
		const missing = hotwash('verify-report', path.join(dataDir, 'nope.pdf'));
		expect(missing.code).toBe(2);
		expect(missing.err).toContain('nope.pdf is not a file');
	});

	it('says clearly that the server must be stopped when the data folder is locked', () => {
		const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
		fs.writeFileSync(
			path.join(dataDir, 'hotwash.lock'),
			JSON.stringify({
				pid: server.pid,
				host: os.hostname(),
				startedAt: '',
				command: 'node scripts/serve.js'
			})
		);
		try {
			const r = hotwash('users');
			expect(r.code).toBe(75);
			expect(r.err).toContain(`The data folder ${dataDir} is in use by process ${server.pid}`);
			expect(r.err).toContain('needs the server stopped');
		} finally {
			server.kill('SIGKILL');
			fs.rmSync(path.join(dataDir, 'hotwash.lock'), { force: true });
		}
	});
});
