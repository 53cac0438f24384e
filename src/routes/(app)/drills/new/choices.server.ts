import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { listPlans, listVersions } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import * as users from '$lib/server/users/users';

// What the new-drill form offers: every plan's approved versions (the one in force first,
// then those it superseded), and the active users who can be given a place in the drill.

export async function drillPlanChoices(db: Kysely<Database>) {
	const plans = await listPlans(db, { inForceOnly: false });
	const withVersions = await Promise.all(
		plans.map(async (p) => ({
			id: p.id,
			title: p.title,
			versions: (await listVersions(db, p.id))
				.filter((v) => v.status === 'approved' || v.status === 'superseded')
				.map((v) => ({
					id: v.id,
					number: formatVersionNumber(v),
					inForce: v.status === 'approved',
					effectiveDate: v.effective_date ?? ''
				}))
				.sort((a, b) => Number(b.inForce) - Number(a.inForce))
		}))
	);
	return withVersions.filter((p) => p.versions.length > 0);
}

export async function drillPeopleChoices(db: Kysely<Database>) {
	return (await users.list(db))
		.filter((u) => !u.disabled_at)
		.map((u) => ({ id: u.id, name: u.display_name, email: u.email, role: u.role }));
}
