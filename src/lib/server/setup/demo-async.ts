import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { submitAnswer } from '../drills/answers';
import { startScheduled } from '../drills/async';
import { releaseDue } from '../drills/release';
import { createDrill } from '../drills/create';
import type { DemoDrillPeople } from './demo-drills';

// The demo's team drill over a window: the cloud key leak played over three days, its window
// opened yesterday and closing in two days, with the demo trainee and Sam Analyst answering
// when they can. It is opened the way the programme tick opens it (as the scheduler), so the
// injects due by now are out and the lead's progress grid has something to show.

const HOUR = 3_600_000;

export async function seedDemoAsync(
	trx: Transaction<Database>,
	people: DemoDrillPeople,
	now = new Date()
): Promise<{ asyncDrillId: string }> {
	const lead = { id: people.lead.id, role: people.lead.role, label: people.lead.email, ip: null };
	const opens = new Date(now.getTime() - 24 * HOUR);
	const { drillId } = await createDrill(
		trx,
		lead,
		{
			scenarioId: 'cloud-access-key-leak',
			mode: 'async',
			title: 'Cloud key leak over three days (SOC and cloud)',
			participants: [
				{ userId: people.trainee.id, roles: ['ic', 'soc-analyst', 'dpo'] },
				{ userId: people.analyst.id, roles: ['cloud-ops', 'legal', 'engineering-manager'] }
			],
			observers: [people.auditor.id],
			schedule: {
				at: opens,
				timeZone: 'Europe/London',
				windowEndsAt: new Date(now.getTime() + 48 * HOUR),
				pacing: 'clock'
			}
		},
		new Date(opens.getTime() - 3 * 24 * HOUR)
	);
	// Opened as the tick opens it, at its time; then the day so far played in two-hour steps,
	// so each inject carries the moment it came out and each answer a moment after that.
	await startScheduled(trx, drillId, opens);
	const as = (p: DemoDrillPeople['trainee']) => ({
		id: p.id,
		role: p.role,
		label: p.email,
		ip: null,
		name: p.display_name
	});
	const answers = [
		{
			injectId: 'guardduty-page',
			by: people.trainee,
			promptId: 'q-first',
			answer: { option: 'deactivate' }
		},
		{
			injectId: 'mining-fleet',
			by: people.analyst,
			promptId: 'q-mining',
			answer: { option: 'record-terminate' }
		}
	];
	for (let t = opens.getTime(); t <= now.getTime(); t += 2 * HOUR) {
		await releaseDue(trx, drillId, new Date(t));
		const released = await trx
			.selectFrom('drill_injects')
			.select('inject_id')
			.where('drill_id', '=', drillId)
			.where('state', '=', 'released')
			.execute();
		for (const a of answers.splice(0)) {
			if (!released.some((r) => r.inject_id === a.injectId)) {
				answers.push(a);
				continue;
			}
			const at = new Date(Math.min(t + HOUR, now.getTime()));
			await submitAnswer(trx, as(a.by), drillId, a.promptId, a.answer, at);
		}
	}
	await releaseDue(trx, drillId, now);
	return { asyncDrillId: drillId };
}
