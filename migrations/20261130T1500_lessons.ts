import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// Lessons learned (HSEEP): the hot wash after a live drill, post-incident reviews of real
// incidents, findings drawn from either, corrective actions (the rows of the improvement
// plan) with their history, and the links from a plan version to the actions it resolves.
// Findings and actions carry short numbers (F-4, A-12) from identity columns: unique under
// any number of concurrent inserts, and never reused.
export async function up(db: Kysely<any>): Promise<void> {
	// One per live drill, opened when the drill ends, for a set time.
	await db.schema
		.createTable('hot_washes')
		.addColumn('drill_id', 'uuid', (c) =>
			c.primaryKey().references('drills.id').onDelete('cascade')
		)
		.addColumn('opened_at', 'timestamptz', (c) => c.notNull())
		.addColumn('closes_at', 'timestamptz', (c) => c.notNull())
		.addColumn('summary', 'text')
		.addColumn('summary_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('summary_at', 'timestamptz')
		.addCheckConstraint('hot_washes_closes_after_opening', sql`closes_at >= opened_at`)
		.execute();

	// A participant's three answers; one row each, edited in place while the hot wash is open.
	await db.schema
		.createTable('hot_wash_responses')
		.addColumn('drill_id', 'uuid', (c) =>
			c.notNull().references('hot_washes.drill_id').onDelete('cascade')
		)
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('went_well', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('went_badly', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('one_change', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('hot_wash_responses_pk', ['drill_id', 'user_id'])
		.execute();

	// A real incident's post-incident review.
	await db.schema
		.createTable('incident_reviews')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('severity', 'text', (c) => c.notNull())
		.addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
		.addColumn('plan_version_id', 'uuid', (c) => c.notNull().references('plan_versions.id'))
		// The moments the matrix's deadlines count from; awareness is always known.
		.addColumn('aware_at', 'timestamptz', (c) => c.notNull())
		.addColumn('declared_at', 'timestamptz')
		.addColumn('classified_at', 'timestamptz')
		.addColumn('determined_at', 'timestamptz')
		.addColumn('resolved_at', 'timestamptz')
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		// [{ at, decision, by }] and [{ rowKey, stage, notifiedAt, channel, note }]
		.addColumn('timeline', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('notifications', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'incident_reviews_resolved_after_awareness',
			sql`resolved_at is null or resolved_at >= aware_at`
		)
		.execute();

	await db.schema
		.createTable('findings')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('number', 'integer', (c) => c.notNull().unique().generatedByDefaultAsIdentity())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('strength', 'area_for_improvement')`)
		)
		.addColumn('drill_id', 'uuid', (c) => c.references('drills.id'))
		.addColumn('incident_review_id', 'uuid', (c) => c.references('incident_reviews.id'))
		// Promoted from this observation; an observation becomes at most one finding.
		.addColumn('observation_id', 'uuid', (c) =>
			c.unique().references('drill_observations.id').onDelete('set null')
		)
		.addColumn('objective_id', 'text')
		.addColumn('capability', 'text')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('observation', 'text', (c) => c.notNull())
		// A plan section by its stable key (of the plan the source was run against), and/or a
		// policy or law in words.
		.addColumn('reference_plan_id', 'uuid', (c) => c.references('plans.id'))
		.addColumn('reference_section_key', 'text')
		.addColumn('reference_text', 'text')
		.addColumn('analysis', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('recommendation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'findings_have_one_source',
			sql`(drill_id is null) <> (incident_review_id is null)`
		)
		.addCheckConstraint(
			'findings_section_needs_plan',
			sql`(reference_section_key is null) = (reference_plan_id is null)`
		)
		.execute();
	await db.schema.createIndex('findings_drill_idx').on('findings').column('drill_id').execute();
	await db.schema
		.createIndex('findings_incident_idx')
		.on('findings')
		.column('incident_review_id')
		.execute();

	await db.schema
		.createTable('corrective_actions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('number', 'integer', (c) => c.notNull().unique().generatedByDefaultAsIdentity())
		.addColumn('finding_id', 'uuid', (c) => c.notNull().references('findings.id'))
		.addColumn('capability', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('element', 'text', (c) =>
			c
				.notNull()
				.check(sql`element in ('planning', 'organisation', 'equipment', 'training', 'exercise')`)
		)
		.addColumn('organisation', 'text', (c) => c.notNull())
		.addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
		// Calendar dates (YYYY-MM-DD) as text, so no time zone can shift them.
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.addColumn('completed_date', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open', 'in_progress', 'done', 'verified', 'cancelled')`)
		)
		.addColumn('cancel_reason', 'text')
		// The evidence that closed it: a later drill's rating, an approved plan version, or a
		// lead's note with a reference to an attachment.
		.addColumn('verified_by_kind', 'text', (c) =>
			c.check(sql`verified_by_kind in ('drill', 'plan_version', 'note')`)
		)
		.addColumn('verified_drill_id', 'uuid', (c) => c.references('drills.id'))
		.addColumn('verified_plan_version_id', 'uuid', (c) => c.references('plan_versions.id'))
		.addColumn('verification_note', 'text')
		.addColumn('verification_reference', 'text')
		.addColumn('verified_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('verified_at', 'timestamptz')
		// Set when an approved plan version that lists this action took effect.
		.addColumn('resolved_by_version_id', 'uuid', (c) => c.references('plan_versions.id'))
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('corrective_actions_due_after_start', sql`due_date >= start_date`)
		.addCheckConstraint(
			'corrective_actions_cancel_has_reason',
			sql`(status = 'cancelled') = (cancel_reason is not null)`
		)
		.addCheckConstraint(
			'corrective_actions_verified_has_evidence',
			sql`(status = 'verified') = (verified_by_kind is not null)`
		)
		.execute();
	await db.schema
		.createIndex('corrective_actions_finding_idx')
		.on('corrective_actions')
		.column('finding_id')
		.execute();
	await db.schema
		.createIndex('corrective_actions_owner_idx')
		.on('corrective_actions')
		.column('owner_id')
		.execute();

	// The action's history: every status change, edit, progress note, link and verification.
	await db.schema
		.createTable('corrective_action_events')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('action_id', 'uuid', (c) =>
			c.notNull().references('corrective_actions.id').onDelete('cascade')
		)
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addColumn('by', 'uuid', (c) => c.references('users.id'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text')
		.addColumn('note', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema
		.createIndex('corrective_action_events_action_idx')
		.on('corrective_action_events')
		.columns(['action_id', 'at'])
		.execute();

	// A plan version (a draft, later approved) resolves these actions, touching these sections.
	await db.schema
		.createTable('plan_version_actions')
		.addColumn('plan_version_id', 'uuid', (c) =>
			c.notNull().references('plan_versions.id').onDelete('cascade')
		)
		.addColumn('action_id', 'uuid', (c) => c.notNull().references('corrective_actions.id'))
		.addColumn('section_keys', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('added_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('added_at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('plan_version_actions_pk', ['plan_version_id', 'action_id'])
		.execute();
	await db.schema
		.createIndex('plan_version_actions_action_idx')
		.on('plan_version_actions')
		.column('action_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'plan_version_actions',
		'corrective_action_events',
		'corrective_actions',
		'findings',
		'incident_reviews',
		'hot_wash_responses',
		'hot_washes'
	])
		await db.schema.dropTable(table).execute();
}
