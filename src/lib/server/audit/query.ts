import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isCalendarDate } from '../../dates';
import type { Database } from '../db/schema';

export const PAGE_SIZE = 50;

const dateOnly = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-27.')
	.refine(isCalendarDate, 'This date does not exist.')
	.optional()
	.or(z.literal('').transform(() => undefined));

export const auditFilterSchema = z.object({
	actor: z.string().trim().max(320).optional(),
	action: z.string().trim().max(100).optional(),
	from: dateOnly,
	to: dateOnly,
	page: z.coerce.number().int().min(1).max(100_000).default(1)
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** One page of the log, newest first, with the total for pagination. */
export async function listEntries(db: Kysely<Database>, filter: AuditFilter) {
	let q = db.selectFrom('audit_log');
	if (filter.actor) q = q.where('actor_label', 'ilike', `%${escapeLike(filter.actor)}%`);
	if (filter.action) q = q.where('action', '=', filter.action);
	if (filter.from) q = q.where('occurred_at', '>=', new Date(`${filter.from}T00:00:00Z`));
	if (filter.to) {
		const end = new Date(`${filter.to}T00:00:00Z`);
		end.setUTCDate(end.getUTCDate() + 1); // the whole "to" day is included
		q = q.where('occurred_at', '<', end);
	}
	const [rows, total] = await Promise.all([
		q
			.selectAll()
			.orderBy('seq', 'desc')
			.limit(PAGE_SIZE)
			.offset((filter.page - 1) * PAGE_SIZE)
			.execute(),
		q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
	]);
	return {
		rows,
		total: Number(total.n),
		pages: Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE))
	};
}

export async function distinctActions(db: Kysely<Database>): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((r) => r.action);
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
