import { z } from 'zod';
import { InvalidInputError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import type { RatingThresholds } from '$lib/server/drills/ratings';
import type { DrillMode } from '$lib/server/db/schema';
import { db } from '$lib/server/runtime';
import { drillPeopleChoices } from './choices.server';
import { formFieldOf, readPeople, type People } from './people-form.server';

// The drill settings form (title, plan version, mode, rating thresholds, people), shared by
// "New drill" and "Edit drill": reading it, putting domain errors next to their fields, and
// the values it is filled with (what was typed, or the defaults / the drill's values).

const percent = z.coerce
	.number('give a percentage')
	.min(0, 'between 0 and 100')
	.max(100, 'between 0 and 100');
const settingsSchema = z.object({
	planVersionId: z.string().max(40),
	title: z.string().max(200).default(''),
	mode: z.enum(['live', 'async', 'solo'], 'choose live, a team over a window, or solo'),
	thresholdP: percent.default(90),
	thresholdS: percent.default(70),
	thresholdM: percent.default(40)
});

export type DrillSettings = {
	planVersionId: string;
	title: string | undefined;
	mode: 'live' | 'async' | 'solo';
	ratingThresholds: RatingThresholds;
};

export function readSettings(form: FormData): DrillSettings {
	const input = formFields(form, settingsSchema);
	return {
		planVersionId: input.planVersionId,
		title: input.title.trim() || undefined,
		mode: input.mode,
		ratingThresholds: {
			P: input.thresholdP / 100,
			S: input.thresholdS / 100,
			M: input.thresholdM / 100
		}
	};
}

export async function peopleOf(form: FormData): Promise<People> {
	const ids = (await drillPeopleChoices(db())).map((p) => p.id);
	if (form.get('mode') === 'solo') return { facilitators: [], participants: [], observers: [] };
	return readPeople(form, ids);
}

/** A domain error about "participants.2" is shown next to that person's fields. */
export function rethrowOnForm(e: unknown, people: People): never {
	if (e instanceof InvalidInputError && e.field)
		throw new InvalidInputError(e.message, formFieldOf(e.field, people), e.status as 400);
	throw e;
}

/** Everything typed, to fill the form in again (no secrets on this form). */
export function echo(form: FormData): Record<string, string[]> {
	const values: Record<string, string[]> = {};
	for (const [name, value] of form)
		if (typeof value === 'string' && name.length < 80)
			(values[name] ??= []).push(value.slice(0, 200));
	return values;
}

/** The form's values for a drill (or the defaults of a new one), in the shape `echo` gives. */
export function formValues(drill: {
	title: string;
	planVersionId: string;
	mode: DrillMode;
	thresholds: RatingThresholds;
	members: { userId: string; kind: string; roles: string[] }[];
}): Record<string, string[]> {
	const values: Record<string, string[]> = {
		title: [drill.title],
		planVersionId: [drill.planVersionId],
		mode: [drill.mode]
	};
	for (const r of ['P', 'S', 'M'] as const)
		values[`threshold${r}`] = [String(Math.round(drill.thresholds[r] * 100))];
	for (const m of drill.members) {
		values[`kind-${m.userId}`] = [m.kind];
		values[`roles-${m.userId}`] = m.roles;
	}
	return values;
}
