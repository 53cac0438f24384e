import type { Kysely } from 'kysely';
import type { AuditEntry, Database } from '../db/schema';
import { InvalidInputError } from '../errors';
import { csvLine } from '../http/csv';
import { append, type AuditActor } from './log';
import { namesFor, presentEntry, publicDetail, type LinkRights } from './present';
import { applyFilter, type AuditFilter } from './query';

// The filtered trail as a file. The export is itself an entry of the trail, written before
// the first byte goes out, naming the filter, the format, how many entries and up to which
// one: the file holds exactly the entries up to that point, oldest first, with their hashes
// so the chain can be checked outside the app.

export type ExportFormat = 'csv' | 'json';
/** More than this is refused with a word to narrow the filter, not cut off silently. */
export const EXPORT_MAX = 100_000;
const BATCH = 500;

export const exportColumns = [
	'seq',
	'occurred_at',
	'actor',
	'actor_email',
	'action',
	'description',
	'record_type',
	'record_id',
	'record',
	'ip',
	'detail',
	'prev_hash',
	'hash'
] as const;

/** The filter as recorded: only what narrows the entries (pages do not). */
function recordedFilter(filter: AuditFilter) {
	const { type, id, actor, action, from, to } = filter;
	return Object.fromEntries(
		Object.entries({ type, id, actor, action, from, to }).filter(([, v]) => v !== undefined)
	);
}

/** Records the export in the trail and gives the file as a stream. */
export async function exportEntries(
	db: Kysely<Database>,
	actor: AuditActor,
	filter: AuditFilter,
	format: ExportFormat,
	rights: LinkRights
): Promise<{ count: number; throughSeq: number; body: ReadableStream<Uint8Array> }> {
	const { count, throughSeq } = await db.transaction().execute(async (trx) => {
		const head = await trx
			.selectFrom('audit_log')
			.select((eb) => eb.fn.max('seq').as('seq'))
			.executeTakeFirst();
		const throughSeq = Number(head?.seq ?? 0);
		const counted = await trx
			.selectFrom(
				applyFilter(trx.selectFrom('audit_log'), filter)
					.select('seq')
					.where('seq', '<=', throughSeq)
					.limit(EXPORT_MAX + 1)
					.as('m')
			)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		const count = Number(counted.n);
		if (count > EXPORT_MAX)
			throw new InvalidInputError(
				`More than ${EXPORT_MAX.toLocaleString('en')} entries match: narrow the dates or the filter.`,
				'from'
			);
		await append(trx, actor, 'audit.exported', null, {
			format,
			count,
			throughSeq,
			filter: recordedFilter(filter)
		});
		return { count, throughSeq };
	});
	return { count, throughSeq, body: entryStream(db, filter, throughSeq, format, rights) };
}

function entryStream(
	db: Kysely<Database>,
	filter: AuditFilter,
	throughSeq: number,
	format: ExportFormat,
	rights: LinkRights
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let after = 0;
	let first = true;
	let done = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (done) return;
			const rows = await applyFilter(db.selectFrom('audit_log'), filter)
				.selectAll()
				.where('seq', '>', after)
				.where('seq', '<=', throughSeq)
				.orderBy('seq')
				.limit(BATCH)
				.execute();
			let chunk = '';
			if (first) chunk += format === 'csv' ? csvLine(exportColumns) : '[\n';
			chunk += await serialise(db, rows, format, rights, first);
			first = false;
			if (rows.length < BATCH) {
				done = true;
				if (format === 'json') chunk += '\n]\n';
			} else after = rows[rows.length - 1].seq;
			controller.enqueue(encoder.encode(chunk));
			if (done) controller.close();
		}
	});
}

async function serialise(
	db: Kysely<Database>,
	rows: AuditEntry[],
	format: ExportFormat,
	rights: LinkRights,
	first: boolean
): Promise<string> {
	const names = await namesFor(db, rows);
	const out = rows.map((e) => {
		const row = presentEntry(e, names, rights);
		const detail = publicDetail(e.detail);
		if (format === 'csv')
			return csvLine([
				e.seq,
				row.at,
				row.actor,
				e.actor_label,
				e.action,
				row.sentence,
				e.target_type,
				e.target_id,
				row.record?.label,
				e.ip,
				Object.keys(detail).length ? JSON.stringify(detail) : '',
				e.prev_hash,
				e.hash
			]);
		return JSON.stringify({
			seq: e.seq,
			occurredAt: row.at,
			actor: row.actor,
			actorEmail: e.actor_label,
			actorId: e.actor_id,
			action: e.action,
			description: row.sentence,
			record: row.record
				? { type: row.record.type, id: row.record.id, label: row.record.label }
				: null,
			ip: e.ip,
			detail,
			prevHash: e.prev_hash,
			hash: e.hash
		});
	});
	if (format === 'csv') return out.join('');
	return (first || out.length === 0 ? '' : ',\n') + out.join(',\n');
}
