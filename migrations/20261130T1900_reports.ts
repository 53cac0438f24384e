import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// Every generated PDF report is recorded: what it is about, who asked for it, when, the
// SHA-256 of its bytes and the audit chain's head at that moment. The verify page finds a
// file here by its hash, and the head hash printed in each report anchors the audit trail
// outside the database: rows deleted from its end later no longer match an earlier report.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report_runs')
		// Printed in every page's header, e.g. HW-7K3M-Q9XD-2B4F.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('aar', 'plan_version', 'evidence_pack')`)
		)
		// The drill or plan version a report is about; null for an evidence pack.
		.addColumn('subject_id', 'text')
		// The subject as people read it, kept as it was when the report was made.
		.addColumn('subject_label', 'text', (c) => c.notNull())
		// The request's parameters (period and frameworks of a pack), as canonical JSON.
		.addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('requested_by_label', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
		.addColumn('byte_size', 'integer', (c) => c.notNull())
		.addColumn('page_count', 'integer', (c) => c.notNull())
		// The audit chain's newest entry when the report was made (0 and the genesis hash on
		// an empty trail).
		.addColumn('audit_head_seq', 'integer', (c) => c.notNull())
		.addColumn('audit_head_hash', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('report_runs_sha256').on('report_runs').column('sha256').execute();
	await db.schema
		.createIndex('report_runs_created')
		.on('report_runs')
		.columns(['created_at', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_runs').execute();
}
