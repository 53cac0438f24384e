import type { Kysely, SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { isCalendarDate } from '../../dates';
import type { AuditEntry, Database } from '../db/schema';

export const PAGE_SIZE = 50;
/** The total shown above the table is counted up to here ("more than 10,000 entries"). */
export const COUNT_CAP = 10_000;

const dateOnly = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-27.')
	.refine(isCalendarDate, 'This date does not exist.')
	.optional()
	.or(z.literal('').transform(() => undefined));

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const seq = z.preprocess(
	blankToUndefined,
	z.coerce
		.number({ message: 'Give an entry number.' })
		.int('Give an entry number.')
		.min(1, 'Give an entry number.')
		.max(2 ** 31 - 1, 'No entry has a number this large.')
		.optional()
);

export const auditFilterSchema = z
	.object({
		type: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.regex(/^[a-z_]{1,40}$/, 'A record type is a word like plan_version or drill.')
				.optional()
		),
		id: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.max(100, 'A record id is at most 100 characters.')
				.regex(/^[\w.:-]+$/, 'A record id has letters, digits, dashes and dots only.')
				.optional()
		),
		actor: z.preprocess(
			blankToUndefined,
			z.string().trim().max(320, 'Give at most 320 characters.').optional()
		),
		action: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.regex(/^[a-z_]{1,40}(\.[a-z_]{1,60})?$/, 'Pick an action from the list.')
				.optional()
		),
		from: dateOnly,
		to: dateOnly,
		/** Keyset pages: entries older than `before`, or newer than `after`. */
		before: seq,
		after: seq
	})
	.superRefine((f, ctx) => {
		if (f.id && !f.type)
			ctx.addIssue({ code: 'custom', path: ['type'], message: 'Give the record type too.' });
		if (f.from && f.to && f.from > f.to)
			ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end is before the start.' });
	});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The filter in the URL's query: what the page, its links and the exports read. */
export function parseAuditFilter(params: URLSearchParams) {
	const raw: Record<string, string> = {};
	for (const key of ['type', 'id', 'actor', 'action', 'from', 'to', 'before', 'after'])
		raw[key] = params.get(key)?.slice(0, 1000) ?? '';
	const parsed = auditFilterSchema.safeParse(raw);
	if (parsed.success) return { filter: parsed.data, errors: {} as Record<string, string> };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	return { filter: {} as AuditFilter, errors };
}

type Query = SelectQueryBuilder<Database, 'audit_log', object>;

export function applyFilter(q: Query, filter: AuditFilter): Query {
	if (filter.type) q = q.where('target_type', '=', filter.type);
	if (filter.id) q = q.where('target_id', '=', filter.id);
	if (filter.actor) q = q.where('actor_label', 'ilike', `%${escapeLike(filter.actor)}%`);
	if (filter.action) q = q.where('action', '=', filter.action);
	if (filter.from) q = q.where('occurred_at', '>=', new Date(`${filter.from}T00:00:00Z`));
	if (filter.to) {
		const end = new Date(`${filter.to}T00:00:00Z`);
		end.setUTCDate(end.getUTCDate() + 1); // the whole "to" day is included
		q = q.where('occurred_at', '<', end);
	}
	return q;
}

/** An entry as the trail's page shows it: the chain's hashes are for verifying, not reading. */
export type ListedEntry = Omit<AuditEntry, 'hash' | 'prev_hash'>;

export type AuditPage = {
	rows: ListedEntry[];
	/** Entries matching, counted up to COUNT_CAP + 1. */
	total: number;
	/** The seq to pass as `before` for older entries, `after` for newer ones. */
	older: number | null;
	newer: number | null;
};

/** One page of matching entries, newest first. */
export async function listEntries(db: Kysely<Database>, filter: AuditFilter): Promise<AuditPage> {
	const base = applyFilter(db.selectFrom('audit_log'), filter);
	let page = base.select([
		'seq',
		'occurred_at',
		'actor_id',
		'actor_label',
		'action',
		'target_type',
		'target_id',
		'ip',
		'detail'
	]);
	if (filter.after) page = page.where('seq', '>', filter.after).orderBy('seq', 'asc');
	else {
		if (filter.before) page = page.where('seq', '<', filter.before);
		page = page.orderBy('seq', 'desc');
	}
	const [fetched, counted] = await Promise.all([
		page.limit(PAGE_SIZE + 1).execute(),
		db
			.selectFrom(
				base
					.select('seq')
					.limit(COUNT_CAP + 1)
					.as('m')
			)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	const more = fetched.length > PAGE_SIZE;
	const rows = fetched.slice(0, PAGE_SIZE);
	if (filter.after) rows.reverse();
	// Paging newer (`after`), there is always an older page: the one we came from.
	const older = filter.after ? true : more;
	const newer = filter.after ? more : Boolean(filter.before);
	return {
		rows,
		total: Number(counted.n),
		older: rows.length && older ? rows[rows.length - 1].seq : null,
		newer: rows.length && newer ? rows[0].seq : null
	};
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
