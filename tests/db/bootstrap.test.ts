import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { bootstrap, setupTokenValid } from '../../src/lib/server/setup/bootstrap';
import * as users from '../../src/lib/server/users/users';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
let dataDir: string;
beforeEach(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-boot-'));
});
afterEach(async () => {
	await h.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const config = (env: Record<string, string>) => readConfig({ HOTWASH_DATA_DIR: dataDir, ...env });

describe('first start', () => {
	it('creates one demo account per role with generated passwords in an owner-only file', async () => {
		const outcome = await bootstrap(h.db, config({ HOTWASH_DEMO: '1' }));
		expect(outcome.kind).toBe('demo');
		if (outcome.kind !== 'demo') return;
		// One per role, then Sam Analyst, the demo drill's second participant.
		expect(outcome.logins.map((l) => l.role)).toEqual([
			'admin',
			'lead',
			'trainee',
			'auditor',
			'trainee'
		]);
		const passwords = new Set(outcome.logins.map((l) => l.password));
		expect(passwords.size).toBe(5);
		const stat = fs.statSync(outcome.file);
		expect(stat.mode & 0o777).toBe(0o600);
		const text = fs.readFileSync(outcome.file, 'utf8');
		for (const l of outcome.logins) {
			expect(text).toContain(`${l.email}`);
			const row = await users.findByEmail(h.db, l.email);
			expect(await verifyPassword(row!.password_hash!, l.password)).toBe(true);
		}
	});

	it('loads the demo IR plan with two approved versions and an open draft', async () => {
		await bootstrap(h.db, config({ HOTWASH_DEMO: '1' }));
		const versions = await h.db
			.selectFrom('plan_versions')
			.select(['status', 'major', 'minor', 'superseded_at', 'approved_at'])
			.orderBy('created_at')
			.execute();
		expect(versions.map((v) => [v.status, v.major, v.minor])).toEqual([
			['superseded', 1, 0],
			['approved', 1, 1],
			['draft', null, null]
		]);
		expect(versions[0].superseded_at).not.toBeNull();
		expect(versions[1].superseded_at).toBeNull();
		expect(versions[2].superseded_at).toBeNull();
		expect(versions[2].approved_at).toBeNull();
	});

	it('does nothing on the second start', async () => {
		await bootstrap(h.db, config({ HOTWASH_DEMO: '1' }));
		expect(await bootstrap(h.db, config({ HOTWASH_DEMO: '1' }))).toEqual({ kind: 'existing' });
		expect(await users.count(h.db)).toBe(5);
	});

	it('creates the first admin from the environment when demo data is off', async () => {
		const outcome = await bootstrap(
			h.db,
			config({
				HOTWASH_DEMO: '0',
				HOTWASH_ADMIN_EMAIL: 'soc@example.org',
				HOTWASH_ADMIN_PASSWORD: 'a long and private passphrase'
			})
		);
		expect(outcome).toEqual({ kind: 'admin-from-env', email: 'soc@example.org' });
		expect((await users.findByEmail(h.db, 'soc@example.org'))?.role).toBe('admin');
	});

	it('refuses a weak admin password from the environment', async () => {
		await expect(
			bootstrap(
				h.db,
				config({
					HOTWASH_DEMO: '0',
					HOTWASH_ADMIN_EMAIL: 'soc@example.org',
					HOTWASH_ADMIN_PASSWORD: 'password1234'
				})
			)
		).rejects.toThrow(/HOTWASH_ADMIN_PASSWORD is refused/);
		expect(await users.count(h.db)).toBe(0);
	});

	it('otherwise offers a one-time setup link that stops working once an admin exists', async () => {
		const outcome = await bootstrap(h.db, config({ HOTWASH_DEMO: '0' }));
		expect(outcome.kind).toBe('setup-link');
		if (outcome.kind !== 'setup-link') return;
		expect(await setupTokenValid(h.db, outcome.token)).toBe(true);
		expect(await setupTokenValid(h.db, 'b'.repeat(32))).toBe(false);
		await h.db
			.transaction()
			.execute((trx) =>
				users.create(
					trx,
					{ id: null, label: 'test', ip: null },
					{ email: 'a@b.org', displayName: 'A', role: 'admin', password: null }
				)
			);
		expect(await setupTokenValid(h.db, outcome.token)).toBe(false);
	});
});
