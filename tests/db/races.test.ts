import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/audit/log';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { ConflictError, NotFoundError } from '../../src/lib/server/errors';
import { findScenario, saveCustomScenario } from '../../src/lib/server/scenarios/custom';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { createFirstAdmin } from '../../src/lib/server/setup/first-admin';
import * as users from '../../src/lib/server/users/users';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// Check-then-insert, fired at the same moment: on PostgreSQL these transactions really run
// side by side. One wins; the others get a clean answer (a 409 or the next version), never a
// database error and never a second use.

process.env.HOTWASH_SCENARIOS_DIR = 'tests/fixtures/scenarios';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);
const PASSWORD = 'a brand new passphrase of mine';

/** Runs `n` copies at once and sorts what happened. */
async function atOnce<T>(n: number, run: (i: number) => Promise<T>) {
	const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => run(i)));
	return {
		won: settled.filter((s) => s.status === 'fulfilled').map((s) => s.value),
		lost: settled.filter((s) => s.status === 'rejected').map((s) => s.reason as unknown)
	};
}

describe('concurrent first saves of a new organisation scenario', () => {
	const valid = fs.readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8');
	const scenario = (id: string, title: string) =>
		valid
			.replace('id: fixture-valid', `id: ${id}`)
			.replace('title: Fixture scenario', `title: ${title}`);

	it('keeps every different text as its own version, numbered without gaps', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const { won, lost } = await atOnce(5, (i) =>
			tx((trx) => saveCustomScenario(trx, actor, scenario('raced-drill', `Draft ${i}`)))
		);
		expect(lost).toEqual([]);
		const versions = won.map((r) => (r.saved ? r.version : 0)).sort();
		expect(versions).toEqual([1, 2, 3, 4, 5]);
		const found = await findScenario(h.db, 'raced-drill');
		expect(found?.versions).toHaveLength(5);
	});

	it('stores the same text once when it is saved twice at once', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const text = scenario('raced-twin', 'Twin');
		const { won, lost } = await atOnce(3, () => tx((trx) => saveCustomScenario(trx, actor, text)));
		expect(lost).toEqual([]);
		expect(won.map((r) => r.saved && r.version)).toEqual([1, 1, 1]);
		expect(won.filter((r) => r.saved && !r.unchanged)).toHaveLength(1);
	});
});

describe('one invite link used twice at once', () => {
	it('sets the password once; the other use gets a 409 and changes nothing', async () => {
		const boss = await makeUser(h.db, 'admin');
		const invited = await makeUser(h.db, 'trainee', null);
		const actor = { id: boss.id, label: boss.email, ip: null };
		const secret = await tx((trx) => users.createInvite(trx, actor, invited.id));
		const passwords = ['first racer passphrase here', 'second racer passphrase here'];
		const { won, lost } = await atOnce(2, (i) =>
			tx((trx) => users.acceptInvite(trx, secret, passwords[i], null))
		);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect(lost[0]).toBeInstanceOf(ConflictError);
		expect(lost[0]).toMatchObject({ status: 409, message: users.INVITE_GONE });
		const row = await users.getById(h.db, invited.id);
		const matches = await Promise.all(passwords.map((p) => verifyPassword(row!.password_hash!, p)));
		expect(matches.filter(Boolean)).toHaveLength(1);
		const accepted = await h.db
			.selectFrom('audit_log')
			.select('seq')
			.where('action', '=', 'user.invite_accepted')
			.where('target_id', '=', invited.id)
			.execute();
		expect(accepted).toHaveLength(1);
	});

	it('refuses a used link with the same 409', async () => {
		const invited = await makeUser(h.db, 'trainee', null);
		const secret = await tx((trx) => users.createInvite(trx, systemActor(), invited.id));
		await tx((trx) => users.acceptInvite(trx, secret, PASSWORD, null));
		await expect(
			tx((trx) => users.acceptInvite(trx, secret, PASSWORD, null))
		).rejects.toMatchObject({ status: 409 });
	});
});

describe('two admins creating the same email at once', () => {
	it('creates one user; the other admin gets a 409 on the email field', async () => {
		const email = `same-${Date.now()}@test.example`;
		const { won, lost } = await atOnce(4, (i) =>
			tx((trx) =>
				users.create(trx, systemActor(`admin ${i}`), {
					email,
					displayName: `Copy ${i}`,
					role: 'trainee',
					password: PASSWORD
				})
			)
		);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(3);
		for (const e of lost) {
			expect(e).toBeInstanceOf(users.EmailTakenError);
			expect(e).toMatchObject({ status: 409, field: 'email' });
		}
		const rows = await h.db.selectFrom('users').select('id').where('email', '=', email).execute();
		expect(rows).toHaveLength(1);
	});
});

describe('the first-admin setup link used twice at once', () => {
	let fresh: DatabaseHandle;
	let dataDir: string;
	beforeAll(async () => {
		fresh = await createTestDatabase();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-race-'));
	});
	afterAll(async () => {
		await fresh.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('creates one admin; the other gets a 409 and no account', async () => {
		const outcome = await bootstrap(
			fresh.db,
			readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '0' })
		);
		if (outcome.kind !== 'setup-link')
			throw new Error(`expected a setup link, got ${outcome.kind}`);
		const { won, lost } = await atOnce(2, (i) =>
			fresh.db
				.transaction()
				.execute((trx) =>
					createFirstAdmin(
						trx,
						outcome.token,
						{ email: `admin${i}@example.org`, displayName: `Admin ${i}`, password: PASSWORD },
						null
					)
				)
		);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect(lost[0]).toBeInstanceOf(ConflictError);
		expect(await users.count(fresh.db)).toBe(1);
	});

	it('answers "not found" to a link that never existed', async () => {
		await expect(
			fresh.db
				.transaction()
				.execute((trx) =>
					createFirstAdmin(
						trx,
						'b'.repeat(32),
						{ email: 'x@example.org', displayName: 'X', password: PASSWORD },
						null
					)
				)
		).rejects.toBeInstanceOf(NotFoundError);
	});
});
