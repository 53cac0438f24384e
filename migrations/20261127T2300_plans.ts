import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('plans')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ir-plan', 'playbook')`))
		.addColumn('review_interval_months', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(12)
				.check(sql`review_interval_months between 1 and 36`)
		)
		.addColumn('created_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('plan_versions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(sql`status in ('draft', 'in_review', 'changes_requested', 'approved', 'superseded')`)
		)
		// major.minor, set when the draft is submitted for review
		.addColumn('major', 'integer')
		.addColumn('minor', 'integer')
		.addColumn('content', 'jsonb', (c) => c.notNull())
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('based_on_id', 'uuid', (c) => c.references('plan_versions.id'))
		.addColumn('change_summary', 'text')
		.addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('contributor_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('submitted_at', 'timestamptz')
		.addColumn('submitted_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('review_comment', 'text')
		.addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('reviewed_at', 'timestamptz')
		.addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('approved_at', 'timestamptz')
		.addColumn('approval_comment', 'text')
		.addColumn('effective_date', 'date')
		.addColumn('next_review_date', 'date')
		.addColumn('superseded_at', 'timestamptz')
		.addCheckConstraint(
			'plan_versions_number_when_submitted',
			sql`status in ('draft', 'changes_requested') or (major is not null and minor is not null)`
		)
		.addCheckConstraint(
			'plan_versions_approval_complete',
			sql`status not in ('approved', 'superseded') or (approved_by is not null and approved_at is not null and effective_date is not null and next_review_date is not null)`
		)
		.execute();
	await db.schema
		.createIndex('plan_versions_plan_idx')
		.on('plan_versions')
		.column('plan_id')
		.execute();
	// At most one open draft per plan, whatever the code above it does.
	await sql`create unique index plan_versions_one_open_draft on plan_versions (plan_id)
		where status in ('draft', 'in_review', 'changes_requested')`.execute(db);
	await sql`create unique index plan_versions_one_approved on plan_versions (plan_id)
		where status = 'approved'`.execute(db);
	await sql`create unique index plan_versions_unique_number on plan_versions (plan_id, major, minor)
		where major is not null`.execute(db);

	// Approved and superseded versions are the record auditors rely on: the database refuses
	// any change to them except approved -> superseded, and refuses deleting them.
	await sql`
		create function plan_versions_immutable() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' then
				if old.status in ('approved', 'superseded') then
					raise exception 'plan version % is % and cannot be deleted', old.id, old.status;
				end if;
				return old;
			end if;
			if old.status = 'superseded'
				or (old.status = 'approved' and not (
					new.status = 'superseded'
					and (to_jsonb(new) - 'status' - 'superseded_at') = (to_jsonb(old) - 'status' - 'superseded_at')
				)) then
				raise exception 'plan version % is % and cannot be changed', old.id, old.status;
			end if;
			return new;
		end;
		$$`.execute(db);
	await sql`
		create trigger plan_versions_immutable before update or delete on plan_versions
		for each row execute function plan_versions_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('plan_versions').execute();
	await sql`drop function plan_versions_immutable()`.execute(db);
	await db.schema.dropTable('plans').execute();
}
