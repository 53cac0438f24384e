import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('admin', 'lead', 'trainee', 'auditor')`)
		)
		.addColumn('password_hash', 'text')
		.addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('disabled_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('ip', 'text')
		.addColumn('user_agent', 'text')
		.execute();
	await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_used_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('invites')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
		.addColumn('locked_until', 'timestamptz')
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('seq', 'integer', (c) => c.primaryKey())
		.addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
		.addColumn('actor_id', 'uuid')
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('ip', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor_id').execute();
	await db.schema.createIndex('audit_log_action_idx').on('audit_log').column('action').execute();
	await db.schema.createIndex('audit_log_time_idx').on('audit_log').column('occurred_at').execute();

	// The application only ever inserts; the database refuses anything else, so a bug or a
	// stray query cannot quietly rewrite history. (The hash chain catches whoever disables this.)
	await sql`
		create function audit_log_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_log is append-only';
		end;
		$$`.execute(db);
	await sql`
		create trigger audit_log_no_update before update or delete on audit_log
		for each row execute function audit_log_append_only()`.execute(db);
	await sql`
		create trigger audit_log_no_truncate before truncate on audit_log
		for each statement execute function audit_log_append_only()`.execute(db);

	await db.schema
		.createTable('settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'jsonb', (c) => c.notNull())
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('settings').execute();
	await db.schema.dropTable('audit_log').execute();
	await sql`drop function audit_log_append_only()`.execute(db);
	await db.schema.dropTable('login_throttle').execute();
	await db.schema.dropTable('invites').execute();
	await db.schema.dropTable('api_tokens').execute();
	await db.schema.dropTable('sessions').execute();
	await db.schema.dropTable('users').execute();
}
