import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
	// The organisation's own scenarios; the built-in library stays in files.
	await db.schema
		.createTable('custom_scenarios')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('scenario_id', 'text', (c) => c.notNull().unique())
		.addColumn('latest_version', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createTable('custom_scenario_versions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('custom_scenario_id', 'uuid', (c) => c.notNull().references('custom_scenarios.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('yaml', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('custom_scenario_versions_unique', ['custom_scenario_id', 'version'])
		.execute();
	// Every save is a new version; a saved version is never rewritten.
	await sql`
		create function custom_scenario_versions_immutable() returns trigger language plpgsql as $$
		begin
			raise exception 'scenario versions cannot be changed or deleted';
		end;
		$$`.execute(db);
	await sql`
		create trigger custom_scenario_versions_immutable before update or delete on custom_scenario_versions
		for each row execute function custom_scenario_versions_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('custom_scenario_versions').execute();
	await sql`drop function custom_scenario_versions_immutable()`.execute(db);
	await db.schema.dropTable('custom_scenarios').execute();
}
