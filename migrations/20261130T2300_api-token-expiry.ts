import type { Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// An API token may be made to expire: after expires_at the API refuses it (and says so). Null
// means it never expires, as every token made before this migration.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('api_tokens').addColumn('expires_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
