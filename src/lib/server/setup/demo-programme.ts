import type { Transaction } from 'kysely';
import type { Database, User } from '../db/schema';
import { createDrill } from '../drills/create';
import { end, start } from '../drills/lifecycle';
import type { DrillActor } from '../drills/membership';
import { setFrameworkEnabled } from '../programme/requirements';

// The demo's exercise programme: PCI DSS, ISO/IEC 27001, DORA and NIST SP 800-53 switched on
// by the admin, and last year's drills, so the programme page shows a mix. With the demo
// drills of the last fortnight and the plan approved 40 days ago:
// - met: plan reviews (12.10.2, A.5.24, baseline), tests (12.10.2, A.5.27, Art. 11(6), IR-3);
// - due within 30 days: training of SOC leads and trainees (PCI 12.10.4, NIST IR-2), since
//   the lead last took part in a drill 350 days ago (the crisis communication exercise);
// - overdue: DORA Art. 13(6) training, since the admin last took part 380 days ago.

type Person = Pick<User, 'id' | 'role' | 'email' | 'display_name'>;
export type DemoProgrammePeople = { admin: Person; lead: Person; trainee: Person; analyst: Person };

const DAY = 86_400_000;
const FRAMEWORKS = ['pci-dss', 'iso-27001', 'dora', 'nist-800-53'];

const actorOf = (u: Person): DrillActor => ({ id: u.id, role: u.role, label: u.email, ip: null });

/** A live drill of the DDoS scenario run and ended `daysAgo`, on the plan version then in force. */
async function pastDrill(
	trx: Transaction<Database>,
	facilitator: Person,
	input: { title: string; participants: { userId: string; roles: string[] }[] },
	planVersionId: string | undefined,
	startedAt: Date
): Promise<string> {
	const lead = actorOf(facilitator);
	const { drillId } = await createDrill(
		trx,
		lead,
		{
			scenarioId: 'ddos-customer-portal',
			mode: 'live',
			title: input.title,
			participants: input.participants,
			planVersionId
		},
		new Date(startedAt.getTime() - 7 * DAY)
	);
	await start(trx, lead, drillId, startedAt);
	await end(trx, lead, drillId, new Date(startedAt.getTime() + 90 * 60_000));
	return drillId;
}

export async function seedDemoProgramme(
	trx: Transaction<Database>,
	people: DemoProgrammePeople,
	planId: string,
	now = new Date()
): Promise<{ drillIds: string[] }> {
	// Last year's drills ran on the version in force then: the one approved before them.
	const earliest = await trx
		.selectFrom('plan_versions')
		.select('id')
		.where('plan_id', '=', planId)
		.where('approved_at', 'is not', null)
		.orderBy('approved_at')
		.executeTakeFirst();
	const ago = (days: number) =>
		new Date(Math.floor((now.getTime() - days * DAY) / DAY) * DAY + 10 * 3_600_000);
	const annual = await pastDrill(
		trx,
		people.lead,
		{
			title: 'Annual DDoS tabletop with the management team',
			participants: [
				{ userId: people.admin.id, roles: ['ic'] },
				{ userId: people.trainee.id, roles: ['soc-analyst', 'cloud-ops'] },
				{ userId: people.analyst.id, roles: ['comms-lead', 'regulatory'] }
			]
		},
		earliest?.id,
		ago(380)
	);
	const crisisComms = await pastDrill(
		trx,
		people.admin,
		{
			title: 'Crisis communication exercise (SOC lead as incident commander)',
			participants: [
				{ userId: people.lead.id, roles: ['ic', 'regulatory'] },
				{ userId: people.trainee.id, roles: ['soc-analyst', 'cloud-ops', 'comms-lead'] }
			]
		},
		earliest?.id,
		ago(350)
	);
	const admin = { ...actorOf(people.admin) };
	for (const id of FRAMEWORKS)
		await setFrameworkEnabled(trx, admin, id, true, new Date(now.getTime() - 30 * DAY));
	return { drillIds: [annual, crisisComms] };
}
