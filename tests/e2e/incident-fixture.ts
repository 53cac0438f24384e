import { expect } from '@playwright/test';
import { newApiContext, sessionFile } from './helpers';

// A real-incident review of a test's own, made through the new-review form as the demo lead
// against the approved version given (the template's matrix: SEV1–SEV4, `soc-on-call`).

/** `YYYY-MM-DDTHH:MM` in UTC, `minutes` from now, as a datetime-local input sends it. */
const utc = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

export async function incidentSample(
	planId: string,
	planVersionId: string
): Promise<{ incidentId: string }> {
	const lead = await newApiContext(sessionFile('lead'));
	const response = await lead.post('/lessons/incidents/new?/save', {
		form: {
			reference: `INC-E2E-${Date.now()}`,
			title: 'Phishing led to a mailbox takeover',
			severity: 'SEV2',
			planId,
			planVersionId,
			awareAt: utc(-240),
			declaredAt: utc(-220),
			classifiedAt: '',
			determinedAt: '',
			resolvedAt: utc(-60),
			summary: 'A finance mailbox was taken over through a phishing link.',
			'timeline-0-at': utc(-215),
			'timeline-0-decision': 'Reset the password and revoke every session.',
			'timeline-0-by': 'Incident commander',
			'notifications-0-target': 'soc-on-call#0',
			'notifications-0-notifiedAt': utc(-210),
			'notifications-0-note': 'Paged'
		}
	});
	const location = response.headers()['location'] ?? '';
	expect(response.status(), `new incident review: ${await response.text()}`).toBe(303);
	const incidentId = /\/lessons\/incidents\/([0-9a-f-]{36})$/.exec(location)?.[1];
	expect(incidentId, `the new review page: ${location}`).toBeTruthy();
	await lead.dispose();
	return { incidentId: incidentId! };
}
