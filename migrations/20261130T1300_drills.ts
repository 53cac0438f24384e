import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// Drills: a scenario run live or solo against an approved plan version. The clock is data
// (speed, the last re-anchor in real and scenario time), so a restart resumes every running
// drill at the right scenario time; an inject is released at most once because
// (drill_id, inject_id) is the primary key of its release row.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('drills')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('live', 'solo')`))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'running', 'paused', 'ended', 'cancelled')`)
		)
		.addColumn('scenario_id', 'text', (c) => c.notNull())
		.addColumn('scenario_origin', 'text', (c) =>
			c.notNull().check(sql`scenario_origin in ('built-in', 'custom')`)
		)
		.addColumn('scenario_version', 'integer', (c) => c.notNull())
		// The text as it was when the drill was created: later edits never change a drill.
		.addColumn('scenario_yaml', 'text', (c) => c.notNull())
		.addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
		.addColumn('plan_version_id', 'uuid', (c) => c.notNull().references('plan_versions.id'))
		// Speeds are whole multiples (1, 2, 5, 10, 30, 60), so an integer reads back as a number.
		.addColumn('speed', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(1)
				.check(sql`speed in (1, 2, 5, 10, 30, 60)`)
		)
		// Scenario time = clock_scenario_ms + (running ? (now - clock_real_at) * speed : 0).
		.addColumn('clock_real_at', 'timestamptz')
		.addColumn('clock_scenario_ms', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('started_at', 'timestamptz')
		.addColumn('ended_at', 'timestamptz')
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('rating_thresholds', 'jsonb', (c) =>
			c.notNull().defaultTo(sql`'{"P":0.9,"S":0.7,"M":0.4}'::jsonb`)
		)
		.addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(0))
		.addCheckConstraint(
			'drills_clock_runs_only_when_running',
			sql`(status = 'running') = (clock_real_at is not null)`
		)
		.execute();
	await db.schema.createIndex('drills_status_idx').on('drills').column('status').execute();

	await db.schema
		.createTable('drill_members')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('facilitator', 'participant', 'observer')`)
		)
		.addColumn('roles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('drill_members_pk', ['drill_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('drill_members_user_idx')
		.on('drill_members')
		.column('user_id')
		.execute();

	await db.schema
		.createTable('drill_injects')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('inject_id', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('released', 'skipped', 'not_released')`)
		)
		.addColumn('scenario_ms', 'bigint', (c) => c.notNull())
		.addColumn('released_at', 'timestamptz', (c) => c.notNull())
		.addColumn('variant_id', 'text')
		.addColumn('reason', 'text')
		.addColumn('adhoc', 'jsonb')
		.addPrimaryKeyConstraint('drill_injects_pk', ['drill_id', 'inject_id'])
		.execute();

	await db.schema
		.createTable('drill_acks')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('inject_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('acked_at', 'timestamptz', (c) => c.notNull())
		.addColumn('scenario_ms', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('drill_acks_pk', ['drill_id', 'inject_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('drill_answers')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('prompt_id', 'text', (c) => c.notNull())
		.addColumn('answer', 'jsonb', (c) => c.notNull())
		.addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
		.addColumn('scenario_ms', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('drill_answers_prompt_idx')
		.on('drill_answers')
		.columns(['drill_id', 'prompt_id', 'submitted_at'])
		.execute();

	await db.schema
		.createTable('drill_prompts')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('prompt_id', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'timestamptz')
		.addColumn('closed_reason', 'text', (c) =>
			c.check(sql`closed_reason in ('time-limit', 'facilitator', 'end', 'continue')`)
		)
		.addColumn('grade', 'jsonb')
		.addColumn('override', 'jsonb')
		.addPrimaryKeyConstraint('drill_prompts_pk', ['drill_id', 'prompt_id'])
		.execute();

	await db.schema
		.createTable('drill_ratings')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('objective_id', 'text', (c) => c.notNull())
		.addColumn('rating', 'text', (c) => c.notNull().check(sql`rating in ('P', 'S', 'M', 'U')`))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('drill_ratings_pk', ['drill_id', 'objective_id'])
		.execute();

	await db.schema
		.createTable('drill_observations')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('inject_id', 'text')
		.addColumn('objective_id', 'text')
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addColumn('scenario_ms', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('drill_observations_drill_idx')
		.on('drill_observations')
		.column('drill_id')
		.execute();

	await db.schema
		.createTable('drill_events')
		.addColumn('drill_id', 'uuid', (c) => c.notNull().references('drills.id').onDelete('cascade'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) =>
			c.notNull().check(sql`audience in ('all', 'facilitators')`)
		)
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('drill_events_pk', ['drill_id', 'seq'])
		.execute();
	// The event log is the record screens replay: append-only.
	await sql`
		create function drill_events_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'drill events cannot be changed or deleted';
		end;
		$$`.execute(db);
	await sql`
		create trigger drill_events_append_only before update on drill_events
		for each row execute function drill_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'drill_events',
		'drill_observations',
		'drill_ratings',
		'drill_prompts',
		'drill_answers',
		'drill_acks',
		'drill_injects',
		'drill_members',
		'drills'
	])
		await db.schema.dropTable(table).execute();
	await sql`drop function drill_events_append_only()`.execute(db);
}
