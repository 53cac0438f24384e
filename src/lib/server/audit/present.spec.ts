import { describe, expect, it } from 'vitest';
import { detailFields, recordOf } from './present';

const UID = '11111111-1111-4111-8111-111111111111';
const names = new Map([[UID, 'Tara Trainee']]);

describe('audit entries as an auditor reads them', () => {
	it('shows the detail as labelled fields, changes as from → to', () => {
		expect(
			detailFields({ nextReviewDate: '2027-12-01', rule: { from: 'A', to: 'B' }, demo: true })
		).toEqual([
			{ label: 'Next review', value: '2027-12-01' },
			{ label: 'Rule', value: 'A → B' },
			{ label: 'Demo', value: 'yes' }
		]);
	});

	it('never shows a value kept under a secret-looking key', () => {
		const fields = detailFields({
			password: 'hunter2',
			passwordHash: '$argon2id$…',
			token: 'abc',
			sessionId: 'def',
			tokensRevoked: 2
		});
		expect(fields).toEqual([{ label: 'Tokens revoked', value: '2' }]);
	});

	it('links a plan version to its page through the plan named in the detail', () => {
		expect(
			recordOf(
				{ target_type: 'plan_version', target_id: 'v1', detail: { planId: 'p1', number: '1.4' } },
				names,
				{ users: false }
			)
		).toEqual({
			type: 'plan_version',
			id: 'v1',
			label: 'plan version 1.4',
			href: '/plans/p1/versions/v1'
		});
	});

	it('names a user record and links it only for those who manage users', () => {
		const entry = { target_type: 'user', target_id: UID, detail: {} };
		expect(recordOf(entry, names, { users: true })).toMatchObject({
			label: 'Tara Trainee',
			href: `/admin/users/${UID}`
		});
		expect(recordOf(entry, names, { users: false })).toMatchObject({ href: null });
	});
});
