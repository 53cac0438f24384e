import type { Transaction } from 'kysely';
import type { Database, User } from '../db/schema';
import { assignPractice } from '../programme/assignments';

// Demo assigned practice: Tara's phishing practice was assigned before her demo solo attempt
// (so it shows done, with that attempt's score), MFA fatigue is due in a week, and Sam's lost
// laptop is overdue.

const DAY = 86_400_000;
const date = (d: Date) => d.toISOString().slice(0, 10);

export async function seedDemoAssignments(
	trx: Transaction<Database>,
	people: { lead: User; trainee: User; analyst: User },
	now = new Date()
): Promise<void> {
	const lead = { id: people.lead.id, role: people.lead.role, label: 'demo data', ip: null };
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	await assignPractice(
		trx,
		lead,
		{
			scenarioId: 'phishing-mailbox-takeover',
			traineeIds: [people.trainee.id],
			dueDate: date(ago(1)),
			note: 'Warm-up before the ransomware tabletop.'
		},
		ago(5)
	);
	await assignPractice(
		trx,
		lead,
		{
			scenarioId: 'mfa-fatigue-sso-takeover',
			traineeIds: [people.trainee.id],
			dueDate: date(new Date(now.getTime() + 7 * DAY)),
			note: 'Focus on when to call the identity provider.'
		},
		now
	);
	await assignPractice(
		trx,
		lead,
		{
			scenarioId: 'lost-laptop-personal-data',
			traineeIds: [people.analyst.id],
			dueDate: date(ago(2))
		},
		ago(10)
	);
}
