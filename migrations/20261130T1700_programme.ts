import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// The exercise programme (NIST SP 800-84): drills scheduled for a moment in a time zone,
// recurring series whose occurrences are ordinary drills, team drills over a window without a
// facilitator (mode 'async'), practice assigned to trainees, the compliance frameworks an
// admin switched on, and each user's secret calendar feed.
export async function up(db: Kysely<any>): Promise<void> {
	// A recurring drill: an RFC 5545 rule over local wall time in a time zone, and the people
	// and settings each occurrence starts with. Occurrences are drills rows (series_id).
	await db.schema
		.createTable('drill_series')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('live', 'async')`))
		.addColumn('scenario_id', 'text', (c) => c.notNull())
		.addColumn('plan_id', 'uuid', (c) => c.references('plans.id'))
		// The rule without DTSTART, e.g. FREQ=MONTHLY;BYDAY=1TU or FREQ=MONTHLY;INTERVAL=3.
		.addColumn('rrule', 'text', (c) => c.notNull())
		// Wall time of the first occurrence in the series' zone, e.g. 2027-01-05T10:00.
		.addColumn('starts_local', 'text', (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		.addColumn('duration_minutes', 'integer', (c) =>
			c.notNull().check(sql`duration_minutes between 5 and 20160`)
		)
		// { facilitators: [id], participants: [{ userId, roles }], observers: [id] }
		.addColumn('people', 'jsonb', (c) => c.notNull())
		.addColumn('auto_start', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('pacing', 'text', (c) => c.check(sql`pacing in ('clock', 'answered')`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('active')
				.check(sql`status in ('active', 'ended')`)
		)
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'drill_series_async_has_pacing',
			sql`(mode = 'async') = (pacing is not null)`
		)
		.execute();

	// Speeds become fractional for team drills over a window: the scenario clock stretched
	// over days runs slower than real time. Live and solo drills keep the whole multiples.
	await sql`alter table drills drop constraint if exists drills_mode_check`.execute(db);
	await sql`alter table drills drop constraint if exists drills_speed_check`.execute(db);
	await sql`alter table drills alter column speed type double precision`.execute(db);
	await db.schema
		.alterTable('drills')
		.addColumn('series_id', 'uuid', (c) => c.references('drill_series.id'))
		// The occurrence's original local start within its series ('2027-01-05T10:00'): one
		// drill per occurrence however often the series is expanded, and a stable calendar UID.
		.addColumn('occurrence_key', 'text')
		// Adjusted on its own (moved, other people, cancelled): series changes leave it alone.
		.addColumn('detached', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('scheduled_at', 'timestamptz')
		.addColumn('time_zone', 'text')
		.addColumn('duration_minutes', 'integer')
		// A scheduled live drill starts by itself only when set to; async drills always do.
		.addColumn('auto_start', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('window_ends_at', 'timestamptz')
		.addColumn('pacing', 'text', (c) => c.check(sql`pacing in ('clock', 'answered')`))
		.addColumn('cancelled_reason', 'text')
		.execute();
	await sql`alter table drills add constraint drills_mode_check
		check (mode in ('live', 'solo', 'async'))`.execute(db);
	await sql`alter table drills add constraint drills_speed_check
		check (speed in (1, 2, 5, 10, 30, 60) or (mode = 'async' and speed > 0))`.execute(db);
	await sql`alter table drills add constraint drills_async_has_window
		check ((mode = 'async') = (window_ends_at is not null and scheduled_at is not null
			and pacing is not null))`.execute(db);
	await sql`alter table drills add constraint drills_window_after_start
		check (window_ends_at is null or window_ends_at > scheduled_at)`.execute(db);
	await sql`alter table drills add constraint drills_occurrence_in_series
		check ((series_id is null) = (occurrence_key is null))`.execute(db);
	await db.schema
		.createIndex('drills_series_occurrence_key')
		.on('drills')
		.columns(['series_id', 'occurrence_key'])
		.unique()
		.execute();
	await db.schema
		.createIndex('drills_scheduled_idx')
		.on('drills')
		.column('scheduled_at')
		.where(sql.ref('scheduled_at'), 'is not', null)
		.execute();

	// Solo practice a lead assigns to a trainee, due by a date; completion is read from the
	// trainee's ended solo drills of the scenario after the assignment.
	await db.schema
		.createTable('practice_assignments')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('scenario_id', 'text', (c) => c.notNull())
		.addColumn('trainee_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('due_date', 'date', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('assigned_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
		.addColumn('cancelled_at', 'timestamptz')
		.addColumn('cancelled_by', 'uuid', (c) => c.references('users.id'))
		.execute();
	// One open assignment of a scenario per trainee: assigning it twice is refused.
	await db.schema
		.createIndex('practice_assignments_open_once')
		.on('practice_assignments')
		.columns(['scenario_id', 'trainee_id'])
		.unique()
		.where(sql.ref('cancelled_at'), 'is', null)
		.execute();
	await db.schema
		.createIndex('practice_assignments_trainee_idx')
		.on('practice_assignments')
		.column('trainee_id')
		.execute();

	// The frameworks whose requirements apply (catalogue in src/lib/programme/catalogue.ts).
	await db.schema
		.createTable('programme_frameworks')
		.addColumn('framework_id', 'text', (c) => c.primaryKey())
		.addColumn('enabled_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('enabled_at', 'timestamptz', (c) => c.notNull())
		.execute();

	// A user's secret calendar feed: only the SHA-256 of the URL's token is kept.
	await db.schema
		.createTable('calendar_feeds')
		.addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addColumn('last_read_at', 'timestamptz')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('calendar_feeds').execute();
	await db.schema.dropTable('programme_frameworks').execute();
	await db.schema.dropTable('practice_assignments').execute();
	await sql`delete from drills where mode = 'async'`.execute(db);
	for (const c of [
		'drills_mode_check',
		'drills_speed_check',
		'drills_async_has_window',
		'drills_window_after_start',
		'drills_occurrence_in_series'
	])
		await sql`alter table drills drop constraint ${sql.ref(c)}`.execute(db);
	await db.schema.dropIndex('drills_series_occurrence_key').execute();
	await db.schema.dropIndex('drills_scheduled_idx').execute();
	await db.schema
		.alterTable('drills')
		.dropColumn('series_id')
		.dropColumn('occurrence_key')
		.dropColumn('detached')
		.dropColumn('scheduled_at')
		.dropColumn('time_zone')
		.dropColumn('duration_minutes')
		.dropColumn('auto_start')
		.dropColumn('window_ends_at')
		.dropColumn('pacing')
		.dropColumn('cancelled_reason')
		.execute();
	await sql`alter table drills alter column speed type integer`.execute(db);
	await sql`alter table drills add constraint drills_mode_check
		check (mode in ('live', 'solo'))`.execute(db);
	await sql`alter table drills add constraint drills_speed_check
		check (speed in (1, 2, 5, 10, 30, 60))`.execute(db);
	await db.schema.dropTable('drill_series').execute();
}
