import { z } from 'zod';
import type { PlanContent } from '../../plans/content';
import type { Prompt } from '../../scenarios/schema';
import { InvalidInputError } from '../errors';

// What an answer looks like, per prompt type. Bodies are checked strictly (an unknown field
// or an option the prompt does not have is an error naming it), so what is stored can always
// be scored.

export type DrillAnswer =
	| { option: string }
	| { options: string[] }
	| { items: string[] }
	| { text: string }
	| { severity: string; notified: string[] };

export const MAX_FREE_TEXT = 10_000;

const ids = (what: string) =>
	z.array(z.string().max(100), `give the ${what} as a list of ids`).max(200);

const shapes = {
	'single-choice': z.strictObject({ option: z.string('give the chosen option id').max(100) }),
	'multiple-choice': z.strictObject({ options: ids('chosen options') }),
	checklist: z.strictObject({ items: ids('ticked items') }),
	'free-text': z.strictObject({
		text: z
			.string('give the answer as text')
			.trim()
			.min(1, 'write an answer')
			.max(
				MAX_FREE_TEXT,
				`keep the answer under ${MAX_FREE_TEXT.toLocaleString('en-GB')} characters`
			)
	}),
	notification: z.strictObject({
		severity: z.string('give the declared severity').max(20),
		notified: ids('stakeholders notified')
	})
} satisfies Record<Prompt['type'], z.ZodType>;

/** An example body per type, for error messages and the API documentation. */
export const answerExamples: Record<Prompt['type'], string> = {
	'single-choice': '{"option": "isolate"}',
	'multiple-choice': '{"options": ["a", "b"]}',
	checklist: '{"items": ["a", "b"]}',
	'free-text': '{"text": "…"}',
	notification: '{"severity": "SEV1", "notified": ["ciso", "dpo"]}'
};

function refuse(message: string, path: (string | number)[] = []): never {
	throw new InvalidInputError(message, ['answer', ...path].join('.'));
}

function checkIds(list: string[], known: string[], what: string, field: string): void {
	const seen = new Set<string>();
	for (const id of list) {
		if (!known.includes(id)) refuse(`\`${id}\` is not ${what} of this prompt.`, [field]);
		if (seen.has(id)) refuse(`\`${id}\` is listed twice.`, [field]);
		seen.add(id);
	}
}

/**
 * The answer, checked against the prompt and the drill's plan (severities of its scale,
 * stakeholders of its matrix); throws InvalidInputError naming the field otherwise.
 */
export function parseAnswer(
	prompt: Prompt,
	raw: unknown,
	plan: Pick<PlanContent, 'severityScale' | 'matrix'>
): DrillAnswer {
	const parsed = shapes[prompt.type].safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const message =
			issue.code === 'unrecognized_keys'
				? `unknown field ${issue.keys.map((k) => `\`${k}\``).join(', ')}`
				: issue.message;
		refuse(
			`A ${prompt.type} answer looks like ${answerExamples[prompt.type]}: ${message}.`,
			issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
		);
	}
	const answer = parsed.data as DrillAnswer;
	if (prompt.type === 'single-choice' && 'option' in answer)
		checkIds(
			[answer.option],
			prompt.options.map((o) => o.id),
			'an option',
			'option'
		);
	if (prompt.type === 'multiple-choice' && 'options' in answer)
		checkIds(
			answer.options,
			prompt.options.map((o) => o.id),
			'an option',
			'options'
		);
	if (prompt.type === 'checklist' && 'items' in answer)
		checkIds(
			answer.items,
			prompt.items.map((i) => i.id),
			'an item',
			'items'
		);
	if (prompt.type === 'notification' && 'severity' in answer) {
		const scale = plan.severityScale.map((l) => l.id);
		if (!scale.includes(answer.severity))
			refuse(
				`\`${answer.severity}\` is not a severity of the plan in force (${scale.join(', ')}).`,
				['severity']
			);
		const keys = plan.matrix.map((r) => r.key);
		for (const key of answer.notified)
			if (!keys.includes(key))
				refuse(`\`${key}\` is not a stakeholder in the plan's communication matrix.`, ['notified']);
		if (new Set(answer.notified).size !== answer.notified.length)
			refuse('A stakeholder is listed twice.', ['notified']);
	}
	return answer;
}

/** The option or item ids an answer picks (none for free text and notifications). */
export function pickedIds(answer: DrillAnswer | null | undefined): string[] {
	if (!answer) return [];
	if ('option' in answer) return [answer.option];
	if ('options' in answer) return answer.options;
	if ('items' in answer) return answer.items;
	return [];
}
