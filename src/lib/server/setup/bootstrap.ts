import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { roles, type Role } from '../../permissions';
import { systemActor } from '../audit/log';
import { generatePassword, passwordProblem } from '../auth/password';
import { generateSecret, hashSecret } from '../auth/tokens';
import type { Config } from '../config';
import type { Database, User } from '../db/schema';
import * as users from '../users/users';
import { seedDemoAssignments } from './demo-assignments';
import { seedDemoAsync } from './demo-async';
import { seedDemoDrills } from './demo-drills';
import { seedDemoLessons } from './demo-lessons';
import { seedDemoPlan } from './demo-plans';
import { seedDemoSeries } from './demo-series';
import { seedDemoProgramme } from './demo-programme';

export const DEMO_LOGINS_FILE = 'demo-logins.txt';
export const SETUP_TOKEN_KEY = 'setup_token_hash';

const demoNames: Record<Role, string> = {
	admin: 'Alex Admin',
	lead: 'Lee Lead',
	trainee: 'Tara Trainee',
	auditor: 'Ari Auditor'
};

export type BootstrapOutcome =
	| { kind: 'existing' }
	| { kind: 'demo'; logins: { role: Role; email: string; password: string }[]; file: string }
	| { kind: 'admin-from-env'; email: string }
	| { kind: 'setup-link'; token: string };

/**
 * Makes sure somebody can log in to a brand-new database: demo accounts, the admin from
 * the environment, or a one-time setup link. Does nothing once any user exists.
 */
export async function bootstrap(
	db: Kysely<Database>,
	config: Config,
	say: (line: string) => void = () => {}
): Promise<BootstrapOutcome> {
	if ((await users.count(db)) > 0) return { kind: 'existing' };

	if (config.demo) {
		say('Loading demo data (accounts, a plan, drills, lessons, a programme)…');
		const logins = roles.map((role) => ({
			role,
			email: `${role}@hotwash.example`,
			password: generatePassword()
		}));
		// A second trainee, so the demo drill has a team of two; listed after the one per role.
		const analyst = {
			role: 'trainee' as Role,
			email: 'sam@hotwash.example',
			password: generatePassword()
		};
		await db.transaction().execute(async (trx) => {
			const made: Partial<Record<Role, User>> = {};
			for (const l of logins) {
				made[l.role] = await users.create(trx, systemActor('demo data'), {
					email: l.email,
					displayName: demoNames[l.role],
					role: l.role,
					password: l.password
				});
			}
			const sam = await users.create(trx, systemActor('demo data'), {
				email: analyst.email,
				displayName: 'Sam Analyst',
				role: analyst.role,
				password: analyst.password
			});
			const { planId } = await seedDemoPlan(trx, {
				authorId: made.lead!.id,
				approverId: made.admin!.id
			});
			const drills = await seedDemoDrills(trx, {
				lead: made.lead!,
				trainee: made.trainee!,
				analyst: sam,
				auditor: made.auditor!
			});
			await seedDemoLessons(
				trx,
				{ lead: made.lead!, admin: made.admin!, trainee: made.trainee!, analyst: sam },
				drills,
				planId
			);
			await seedDemoSeries(trx, { lead: made.lead!, trainee: made.trainee!, analyst: sam });
			await seedDemoAssignments(trx, { lead: made.lead!, trainee: made.trainee!, analyst: sam });
			await seedDemoAsync(trx, {
				lead: made.lead!,
				trainee: made.trainee!,
				analyst: sam,
				auditor: made.auditor!
			});
			await seedDemoProgramme(
				trx,
				{ admin: made.admin!, lead: made.lead!, trainee: made.trainee!, analyst: sam },
				planId
			);
		});
		logins.push(analyst);
		const file = writeDemoLogins(config.dataDir, logins);
		return { kind: 'demo', logins, file };
	}

	if (config.adminEmail && config.adminPassword) {
		const problem = passwordProblem(config.adminPassword, { email: config.adminEmail });
		if (problem) throw new Error(`HOTWASH_ADMIN_PASSWORD is refused: ${problem}`);
		await db.transaction().execute((trx) =>
			users.create(trx, systemActor('first start'), {
				email: config.adminEmail!,
				displayName: 'Administrator',
				role: 'admin',
				password: config.adminPassword!
			})
		);
		return { kind: 'admin-from-env', email: config.adminEmail };
	}

	// A fresh link every start until the first admin exists; only its hash is kept.
	const token = generateSecret();
	const value = JSON.stringify({ hash: hashSecret(token) });
	await db
		.insertInto('settings')
		.values({ key: SETUP_TOKEN_KEY, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
		.execute();
	return { kind: 'setup-link', token };
}

function writeDemoLogins(
	dataDir: string,
	logins: { role: Role; email: string; password: string }[]
): string {
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const file = path.join(dataDir, DEMO_LOGINS_FILE);
	const lines = [
		'# Hotwash demo logins, generated on first start. Readable only by this user.',
		...logins.map((l) => `${l.role.padEnd(8)} ${l.email.padEnd(26)} ${l.password}`)
	];
	fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
	fs.chmodSync(file, 0o600);
	return file;
}

export async function setupTokenValid(db: Kysely<Database>, token: string): Promise<boolean> {
	if ((await users.count(db)) > 0) return false;
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', SETUP_TOKEN_KEY)
		.executeTakeFirst();
	const stored = row?.value as { hash?: string } | undefined;
	return !!stored?.hash && /^[a-z2-7]{32}$/.test(token) && stored.hash === hashSecret(token);
}

/** The console banner: where the app is and how to get in. */
export function describeBootstrap(outcome: BootstrapOutcome, publicUrl: string): string {
	switch (outcome.kind) {
		case 'existing':
			return `Hotwash is starting at ${publicUrl}`;
		case 'demo':
			return [
				`Hotwash is starting at ${publicUrl} with demo data. Demo logins (shown once, also in ${outcome.file}):`,
				...outcome.logins.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(26)} ${l.password}`)
			].join('\n');
		case 'admin-from-env':
			return `Hotwash is starting at ${publicUrl}. Log in as ${outcome.email} with HOTWASH_ADMIN_PASSWORD.`;
		case 'setup-link':
			return `Hotwash is starting at ${publicUrl}. No users yet: create the first admin at ${publicUrl}/setup?token=${outcome.token}`;
	}
}
