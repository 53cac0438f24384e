import { exportEntries } from '$lib/server/audit/export';
import { parseAuditFilter } from '$lib/server/audit/query';
import { InvalidInputError, NotFoundError } from '$lib/server/errors';
import { actorFor, page } from '$lib/server/http/route';
import { can } from '$lib/permissions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The filtered trail as CSV or JSON, recorded in the trail before it is sent.
export const GET: RequestHandler = page('audit.read', async (event, user) => {
	const { format } = event.params;
	if (format !== 'csv' && format !== 'json') throw new NotFoundError('Export as .csv or .json.');
	const { filter, errors } = parseAuditFilter(event.url.searchParams);
	const [field, message] = Object.entries(errors)[0] ?? [];
	if (field) throw new InvalidInputError(`${field}: ${message}`, field);
	const { count, throughSeq, body } = await exportEntries(
		db(),
		actorFor(event, user),
		filter,
		format,
		{ users: can(user.role, 'users.read') }
	);
	const stamp = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
			'content-disposition': `attachment; filename="audit-trail-${stamp}-to-${throughSeq}.${format}"`,
			'cache-control': 'no-store',
			'x-audit-entries': String(count)
		}
	});
});
