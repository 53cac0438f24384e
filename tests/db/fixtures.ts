import type { Kysely } from 'kysely';
import type { Role } from '../../src/lib/permissions';
import { systemActor } from '../../src/lib/server/audit/log';
import type { Database } from '../../src/lib/server/db/schema';
import * as users from '../../src/lib/server/users/users';

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** A user with a known password; email unique within the test database. */
export async function makeUser(
	db: Kysely<Database>,
	role: Role,
	password: string | null = TEST_PASSWORD
) {
	counter++;
	return db.transaction().execute((trx) =>
		users.create(trx, systemActor('test'), {
			email: `${role}${counter}@test.example`,
			displayName: `${role} ${counter}`,
			role,
			password
		})
	);
}

export const policy = { idleMs: 60 * 60_000, maxMs: 24 * 60 * 60_000 };
export const client = { ip: '203.0.113.7', userAgent: 'vitest' };
