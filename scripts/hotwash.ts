// The operator's CLI: `npm run hotwash -- <command>`. Thin over src/lib/server.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isRole, roles } from '../src/lib/permissions';
import { systemActor } from '../src/lib/server/audit/log';
import { describeChainReport, verifyChain } from '../src/lib/server/audit/verify';
import { createApiToken } from '../src/lib/server/auth/api-tokens';
import { generatePassword, passwordProblem } from '../src/lib/server/auth/password';
import { readConfig } from '../src/lib/server/config';
import { DataDirLockedError } from '../src/lib/server/db/data-dir-lock';
import { migrationsFromFolder } from '../src/lib/server/db/folder-migrations';
import { openConfiguredDatabase } from '../src/lib/server/db/open';
import { checkReportAnchors, describeReportAnchors } from '../src/lib/server/reports/anchors';
import {
	describeVerification,
	MAX_VERIFY_BYTES,
	verificationView,
	verifyReport
} from '../src/lib/server/reports/verify';
import * as admin from '../src/lib/server/users/admin';
import * as users from '../src/lib/server/users/users';

const usage = `Usage: npm run hotwash -- <command> [options]

Commands:
  migrate                                   bring the database schema up to date
  users                                     list users
  create-user --email E --name N --role R   create a user; prints a one-time password
              [--password P]                (or sets P, which must pass the password rules)
  reset-password --email E                  new one-time password; ends sessions, revokes tokens
  disable-user --email E                    disable; ends sessions and revokes tokens
  enable-user --email E
  issue-token --email E --name N            an API token for that user, printed once
  audit-verify                              check the audit trail's hash chain
  verify-report FILE.pdf                    is this PDF a report Hotwash generated, unchanged?
                                            (exit 0 yes, 1 changed or unknown)

Roles: ${roles.join(', ')}. Uses DATABASE_URL, or the embedded database in HOTWASH_DATA_DIR
(default ./data), which must not be open in a running server.`;

class UsageError extends Error {}

function readReportFile(file: string | undefined, command: string): Uint8Array {
	if (!file) throw new UsageError(`${command} needs the PDF file to check.`);
	if (!fs.existsSync(file) || !fs.statSync(file).isFile())
		throw new UsageError(`${file} is not a file.`);
	if (fs.statSync(file).size > MAX_VERIFY_BYTES)
		throw new UsageError(`${file} is larger than any report Hotwash makes.`);
	return new Uint8Array(fs.readFileSync(file));
}

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			password: { type: 'string' }
		},
		strict: true
	});
	if (!command || command === 'help' || command === '--help') {
		console.log(usage);
		return command ? 0 : 2;
	}
	const known = [
		'migrate',
		'users',
		'create-user',
		'reset-password',
		'disable-user',
		'enable-user',
		'issue-token',
		'audit-verify',
		'verify-report'
	];
	if (!known.includes(command)) throw new UsageError(`Unknown command "${command}".`);
	if (positionals.length > (command === 'verify-report' ? 1 : 0))
		throw new UsageError(`Unexpected argument "${positionals.at(-1)}".`);
	// Read the file before opening the database, so a wrong path fails at once.
	const reportFile =
		command === 'verify-report' ? readReportFile(positionals[0], 'verify-report') : null;

	const config = readConfig();
	const handle = await openConfiguredDatabase(config, await migrationsFromFolder());
	const db = handle.db;
	const actor = systemActor('cli');
	const need = (name: keyof typeof values): string => {
		const v = values[name];
		if (!v) throw new UsageError(`${command} needs --${name}.`);
		return v;
	};
	const userByEmail = async () => {
		const email = need('email');
		const user = await users.findByEmail(db, email);
		if (!user) throw new UsageError(`No user with the email ${email}.`);
		return user;
	};
	try {
		switch (command) {
			case 'migrate':
				console.log(`Database schema is up to date (${handle.location}).`);
				return 0;
			case 'users': {
				for (const u of await users.list(db)) {
					const status = u.disabled_at ? 'disabled' : u.hasPassword ? 'active' : 'invited';
					console.log(
						`${u.email.padEnd(32)} ${u.role.padEnd(8)} ${status.padEnd(8)} ${u.display_name}`
					);
				}
				return 0;
			}
			case 'create-user': {
				const role = need('role');
				if (!isRole(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}.`);
				const email = need('email');
				const given = values.password;
				if (given) {
					const problem = passwordProblem(given, { email });
					if (problem) throw new UsageError(`--password refused: ${problem}`);
				}
				const password = given ?? generatePassword();
				const user = await db.transaction().execute((trx) =>
					users.create(trx, actor, {
						email,
						displayName: need('name'),
						role,
						password,
						mustChangePassword: !given
					})
				);
				console.log(
					given
						? `Created ${user.email} (${role}).`
						: `Created ${user.email} (${role}). One-time password: ${password}`
				);
				return 0;
			}
			case 'reset-password': {
				const user = await userByEmail();
				const password = await db
					.transaction()
					.execute((trx) => admin.resetWithOneTimePassword(trx, actor, user.id));
				console.log(
					`One-time password for ${user.email}: ${password}\n(they must choose a new one at login; their sessions have ended and their API tokens are revoked)`
				);
				return 0;
			}
			case 'disable-user':
			case 'enable-user': {
				const user = await userByEmail();
				const disable = command === 'disable-user';
				await db.transaction().execute((trx) => users.setDisabled(trx, actor, user.id, disable));
				console.log(
					`${user.email} ${disable ? 'disabled; sessions ended and tokens revoked' : 'enabled'}.`
				);
				return 0;
			}
			case 'issue-token': {
				const user = await userByEmail();
				if (user.disabled_at) throw new UsageError(`${user.email} is disabled.`);
				const { token } = await db
					.transaction()
					.execute((trx) => createApiToken(trx, actor, user.id, need('name')));
				console.log(token);
				return 0;
			}
			case 'audit-verify': {
				const report = await verifyChain(db);
				const anchors = await checkReportAnchors(db);
				console.log(`${describeChainReport(report)}; ${describeReportAnchors(anchors)}`);
				return report.intact && anchors.mismatched.length === 0 ? 0 : 1;
			}
			case 'verify-report': {
				const result = verificationView(await verifyReport(db, reportFile!));
				console.log(describeVerification(result));
				console.log(`SHA-256 of the file: ${result.sha256}`);
				if (result.report) {
					const r = result.report;
					console.log(`Report ${r.id}: ${r.kindLabel}, ${r.subject}`);
					console.log(`Generated ${r.createdAt} for ${r.requestedBy}, ${r.pages} pages`);
					console.log(`Audit trail head then: entry ${r.auditHead.seq}, ${r.auditHead.hash}`);
				}
				if (result.anchor) console.log(result.anchor.text);
				return result.verdict === 'genuine' ? 0 : 1;
			}
		}
		return 2;
	} finally {
		await handle.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		if (e instanceof DataDirLockedError) {
			console.error(
				`${e.message}\nThe CLI needs the server stopped when it uses the embedded database.`
			);
			process.exit(75);
		}
		if (
			e instanceof UsageError ||
			(e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
		) {
			console.error(`${e.message}\n\n${usage}`);
			process.exit(2);
		}
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	}
);
