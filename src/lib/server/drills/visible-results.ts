import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { seesEverything, type DrillAccess } from './membership';
import { drillResults, type DrillResults } from './results';

// The results as a viewer may see them. Facilitators and readers see everything, at any
// time. Participants and observers only once the drill has ended (scores and correct answers
// would tell them what to answer), and then only what was played: the injects released, the
// prompts asked; never the facilitators' observations or why an inject was passed over.

export async function visibleResults(
	db: Kysely<Database>,
	access: DrillAccess,
	now: Date = new Date()
): Promise<DrillResults> {
	const full = seesEverything(access.as);
	if (!full && access.drill.status !== 'ended')
		throw new NotFoundError('The results come when the drill has ended.');
	const all = await drillResults(db, access.drill.id, now);
	if (full) return all;
	return {
		...all,
		timeline: all.timeline
			.filter((t) => t.state === 'released')
			.map((t) => ({ ...t, reason: null })),
		prompts: all.prompts.filter((p) => p.asked),
		observations: []
	};
}
