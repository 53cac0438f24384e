import { z } from 'zod';
import type { ActionInput } from '$lib/server/lessons/actions';
import type { FindingFields } from '$lib/server/lessons/findings';
import { formFields } from '$lib/server/http/form';

// The finding and corrective-action forms as the domain takes them. The fields are only
// read here (lengths, shapes); the domain checks what they mean and names the field.

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`).default('');

const findingSchema = z.object({
	kind: text(40),
	objectiveId: text(200),
	capability: text(100),
	title: text(200),
	observation: text(10_000),
	referenceSectionKey: text(100),
	referenceText: text(1000),
	analysis: text(10_000),
	recommendation: text(10_000)
});

export const findingEcho = [
	'kind',
	'objectiveId',
	'capability',
	'title',
	'observation',
	'referenceSectionKey',
	'referenceText',
	'analysis',
	'recommendation'
] as const;

export function readFinding(form: FormData): FindingFields {
	const f = formFields(form, findingSchema);
	return {
		...f,
		objectiveId: f.objectiveId || undefined,
		capability: f.capability || undefined,
		referenceSectionKey: f.referenceSectionKey || undefined
	};
}

const actionSchema = z.object({
	action: text(4000),
	element: text(40),
	organisation: text(200),
	ownerId: text(40),
	capability: text(100),
	startDate: text(20),
	dueDate: text(20)
});

export const actionEcho = [
	'action',
	'element',
	'organisation',
	'ownerId',
	'capability',
	'startDate',
	'dueDate'
] as const;

export function readAction(form: FormData): ActionInput {
	return formFields(form, actionSchema);
}
