import type { z } from 'zod';
import { incidentFacts, offeredCountryFacts } from '../../plans/incident-facts';
import { fieldsAt } from './known-fields';
import { nearest } from './suggest';
import type { Problem, YamlSource } from './yaml-source';

// Schema issues from zod, turned into the messages authors read: where in the scenario, which
// field, and what to write instead (the nearest field or value when one is close).

export type Path = readonly PropertyKey[];

/** "inject `phone-ceo`, prompt `q-ransom`" for a path into the scenario. */
export function context(data: unknown, path: Path): string {
	const parts: string[] = [];
	let node: unknown = data;
	for (let i = 0; i < path.length; i++) {
		const seg = path[i];
		node = (node as Record<PropertyKey, unknown> | undefined)?.[seg as string];
		const next = path[i + 1];
		if (typeof next !== 'number') continue;
		const item = (node as unknown[] | undefined)?.[next] as { id?: unknown } | undefined;
		const names: Record<string, string> = {
			injects: 'inject',
			prompts: 'prompt',
			variants: 'variant',
			options: 'option',
			items: 'item',
			objectives: 'objective',
			roles: 'role',
			artefacts: 'artefact',
			questions: 'question',
			rubric: 'rubric level'
		};
		const name = names[String(seg)];
		if (!name) continue;
		parts.push(typeof item?.id === 'string' ? `${name} \`${item.id}\`` : `${name} ${next + 1}`);
	}
	return parts.join(', ');
}

function fieldName(path: Path): string {
	const last = [...path].reverse().find((p) => typeof p === 'string');
	return last ? String(last) : 'the file';
}

function valueAt(data: unknown, path: Path): unknown {
	return path.reduce<unknown>(
		(n, k) => (n as Record<PropertyKey, unknown> | undefined)?.[k as string],
		data
	);
}

/** An incident fact that is neither listed nor a country, with the nearest one. */
function factMessage(value: unknown): string {
	if (typeof value !== 'string') return '`facts`: each fact is a word such as personal-data';
	const near = nearest(value, [...incidentFacts, ...offeredCountryFacts]);
	return `\`${value}\` is not an incident fact${near ? `; did you mean \`${near}\`?` : ''} (scenarios/README.md lists the facts; a country is written country-gb, country-ie, …)`;
}

/** "did you mean `facilitatorNotes`?", or which prompt type takes the field. */
function unknownFieldHint(key: string, path: Path, data: unknown): string {
	const { known, elsewhere } = fieldsAt(path, data);
	const near = nearest(key, known);
	if (near) return `; did you mean \`${near}\`?`;
	const types = elsewhere.get(key);
	if (types?.length)
		return `; it belongs to ${types.join(' and ')} prompts, and this prompt is ${String((valueAt(data, path) as { type?: unknown })?.type)}`;
	return ' (scenarios/README.md lists the fields)';
}

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
	const field = fieldName(issue.path);
	// A fact is one of two shapes (a listed word or a country); say so once, whichever failed.
	if (field === 'facts' && typeof issue.path.at(-1) === 'number')
		return factMessage(valueAt(data, issue.path));
	switch (issue.code) {
		case 'invalid_type': {
			const value = valueAt(data, issue.path);
			if (value === undefined) return `\`${field}\` is missing`;
			const expected = {
				string: 'text',
				number: 'a number',
				boolean: 'true or false',
				array: 'a list',
				object: 'a mapping'
			}[issue.expected as string];
			return `\`${field}\` must be ${expected ?? issue.expected}`;
		}
		case 'invalid_value': {
			const value = valueAt(data, issue.path);
			const allowed = issue.values.map(String);
			const near = typeof value === 'string' ? nearest(value, allowed) : null;
			if (near)
				return `\`${field}\`: \`${String(value)}\` is not allowed; did you mean \`${near}\`?`;
			return `\`${field}\` must be one of: ${allowed.join(', ')}`;
		}
		case 'invalid_union':
			if (field === 'type' || ('note' in issue && String(issue.note).includes('discriminator')))
				return '`type` must be one of: single-choice, multiple-choice, free-text, checklist, notification';
			if (issue.path.includes('when') || ['all', 'any'].includes(field))
				return '`when` takes `all:` or `any:` with conditions like `{ prompt: q-id, option: opt-id }` or `{ prompt: q-id, scoreAtLeast: 5 }`';
			return `\`${field}\` is not valid`;
		case 'too_small':
		case 'too_big':
		case 'invalid_format':
		case 'custom':
			return issue.message.startsWith('Too') || issue.message.startsWith('Invalid')
				? `\`${field}\`: ${issue.message.toLowerCase()}`
				: `\`${field}\`: ${issue.message}`;
		default:
			return `\`${field}\`: ${issue.message}`;
	}
}

export function schemaProblems(source: YamlSource, error: z.ZodError): Problem[] {
	const out: Problem[] = [];
	for (const issue of error.issues) {
		const where = context(source.data, issue.path);
		const prefix = where ? `${where}: ` : '';
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				out.push({
					...source.position(issue.path, key),
					message: `${prefix}unknown field \`${key}\`${unknownFieldHint(key, issue.path, source.data)}`
				});
			continue;
		}
		out.push({
			...source.position(issue.path),
			message: prefix + issueMessage(issue, source.data)
		});
	}
	return out;
}
