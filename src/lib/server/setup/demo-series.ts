import type { Transaction } from 'kysely';
import { expand } from '../../programme/recurrence';
import type { Database, User } from '../db/schema';
import { createDrill } from '../drills/create';
import { end, start } from '../drills/lifecycle';
import type { DrillActor } from '../drills/membership';
import { releaseDue } from '../drills/release';
import { cancelPlanned } from '../programme/occurrences';
import { createSeries } from '../programme/series';

// The demo's recurring drill: a quarterly live ransomware tabletop on the first Tuesday of
// January, April, July and October at 10:00 London time, with the demo trainee taking part.
// Its last two occurrences before today are past (one ran to its end, one was cancelled with
// a reason, as a series' history looks); the ones of the next 13 months are planned drafts.

const DAY = 86_400_000;
const RULE = 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU';
const ZONE = 'Europe/London';

type Person = Pick<User, 'id' | 'role' | 'email'>;
const actorOf = (u: Person): DrillActor => ({ id: u.id, role: u.role, label: u.email, ip: null });

/** The first Tuesday of a quarter month at 10:00, `back` quarters before `now`'s quarter. */
function quarterStart(now: Date, back: number): string {
	const quarterMonth = Math.floor(now.getUTCMonth() / 3) * 3 - back * 3;
	const first = new Date(Date.UTC(now.getUTCFullYear(), quarterMonth, 1));
	const day = 1 + ((2 - first.getUTCDay() + 7) % 7);
	return `${first.toISOString().slice(0, 8)}${String(day).padStart(2, '0')}T10:00`;
}

export async function seedDemoSeries(
	trx: Transaction<Database>,
	people: { lead: Person; trainee: Person; analyst: Person },
	now = new Date()
): Promise<{ seriesId: string }> {
	const lead = actorOf(people.lead);
	// The two most recent occurrences that are already past.
	let back = 1;
	const pastOf = (b: number) =>
		expand(
			{ rrule: RULE, startsLocal: quarterStart(now, b), timeZone: ZONE },
			{ from: new Date(now.getTime() - 400 * DAY), to: now }
		);
	while (pastOf(back).length < 2) back += 1;
	const [earlier, later] = pastOf(back).slice(-2);
	const participants = [
		{ userId: people.trainee.id, roles: ['ic', 'soc-analyst'] },
		{ userId: people.analyst.id, roles: ['it-ops', 'legal', 'dpo', 'comms-lead', 'executive'] }
	];
	const { seriesId } = await createSeries(
		trx,
		lead,
		{
			title: 'Quarterly ransomware tabletop',
			mode: 'live',
			scenarioId: 'ransomware-double-extortion',
			scheduledAt: earlier.key,
			timeZone: ZONE,
			rrule: RULE,
			durationMinutes: 90,
			participants
		},
		now
	);
	// The past occurrences, as they were planned then.
	const past = [];
	for (const o of [earlier, later]) {
		const { drillId } = await createDrill(
			trx,
			lead,
			{
				scenarioId: 'ransomware-double-extortion',
				mode: 'live',
				title: 'Quarterly ransomware tabletop',
				participants,
				schedule: {
					at: o.at,
					timeZone: ZONE,
					durationMinutes: 90,
					series: { id: seriesId, occurrenceKey: o.key }
				}
			},
			new Date(o.at.getTime() - 30 * DAY)
		);
		past.push({ drillId, at: o.at });
	}
	const ran = past[0];
	await start(trx, lead, ran.drillId, ran.at);
	await releaseDue(trx, ran.drillId, new Date(ran.at.getTime() + 80 * 60_000));
	await end(trx, lead, ran.drillId, new Date(ran.at.getTime() + 85 * 60_000));
	await cancelPlanned(
		trx,
		lead,
		past[1].drillId,
		'Postponed: the team was handling a real phishing incident that week.',
		new Date(past[1].at.getTime() - 2 * DAY)
	);
	return { seriesId };
}
