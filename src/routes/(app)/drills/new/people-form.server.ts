import { InvalidInputError } from '$lib/server/errors';

// The "People" part of the new-drill form: per user a `kind-<id>` select (not in this drill,
// facilitator, participant, observer) and `roles-<id>` checkboxes of scenario roles. Read
// into the lists createDrill takes, remembering which user each list entry came from, so
// that an error about "participants.2" is shown next to that person.

export type People = {
	facilitators: string[];
	participants: { userId: string; roles: string[] }[];
	observers: string[];
};

const KINDS = ['none', 'facilitator', 'participant', 'observer'] as const;

export function readPeople(form: FormData, userIds: readonly string[]): People {
	const people: People = { facilitators: [], participants: [], observers: [] };
	for (const id of userIds) {
		const kind = String(form.get(`kind-${id}`) ?? 'none');
		if (!(KINDS as readonly string[]).includes(kind))
			throw new InvalidInputError('Choose how this person takes part.', `kind-${id}`);
		const roles = form.getAll(`roles-${id}`).map(String);
		if (kind === 'facilitator') people.facilitators.push(id);
		if (kind === 'observer') people.observers.push(id);
		if (kind === 'participant') {
			if (roles.length === 0)
				throw new InvalidInputError(
					'Give each participant at least one scenario role.',
					`roles-${id}`
				);
			people.participants.push({ userId: id, roles });
		}
	}
	if (people.participants.length === 0)
		throw new InvalidInputError('Add at least one participant with a scenario role.', 'people');
	return people;
}

/** The form field a domain error about `participants.1.roles` (and the like) belongs to. */
export function formFieldOf(field: string | undefined, people: People): string | undefined {
	const m = /^(facilitators|participants|observers)\.(\d+)(\.roles)?/.exec(field ?? '');
	if (!m) return field?.startsWith('ratingThresholds.') ? `threshold${field.slice(-1)}` : field;
	const list = people[m[1] as keyof People];
	const entry = list[Number(m[2])];
	const userId = typeof entry === 'string' ? entry : entry?.userId;
	if (!userId) return 'people';
	return m[3] ? `roles-${userId}` : `kind-${userId}`;
}
