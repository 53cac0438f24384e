import { InvalidInputError } from '$lib/server/errors';

// The participant's answer and the facilitator's ad-hoc inject arrive as plain forms (they
// work without JavaScript); here they become the bodies the drill domain checks, the same
// bodies the API takes as JSON. Only the shape is made here: the domain checks the content
// against the prompt, the plan and the scenario.

const one = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};
const many = (form: FormData, name: string) =>
	form.getAll(name).filter((v): v is string => typeof v === 'string');

/** `{promptId, answer}` from a prompt form; the hidden `promptType` says which shape. */
export function answerFromForm(form: FormData): { promptId: string; answer: unknown } {
	const promptId = one(form, 'promptId');
	const type = one(form, 'promptType');
	switch (type) {
		case 'single-choice': {
			const option = one(form, 'option');
			if (!option) throw new InvalidInputError('Choose one of the options.', 'option');
			return { promptId, answer: { option } };
		}
		case 'multiple-choice':
			return { promptId, answer: { options: many(form, 'option') } };
		case 'checklist':
			return { promptId, answer: { items: many(form, 'option') } };
		case 'free-text':
			return { promptId, answer: { text: one(form, 'text') } };
		case 'notification': {
			const severity = one(form, 'severity');
			if (!severity) throw new InvalidInputError('Choose the severity you declare.', 'severity');
			return { promptId, answer: { severity, notified: many(form, 'notified') } };
		}
		default:
			throw new InvalidInputError('Say which kind of prompt you answer.', 'promptType');
	}
}

/**
 * An ad-hoc inject from the console form: title, channel, sender, body, addressed roles and
 * optionally one prompt: its type, question, points, objective, time limit in minutes, and
 * one option (or checklist item, or rubric level "level | points | description") per line,
 * a leading `*` marking a correct option or expected item.
 */
export function adhocFromForm(form: FormData): unknown {
	const type = one(form, 'promptType');
	const base = {
		title: one(form, 'title'),
		channel: one(form, 'channel'),
		from: one(form, 'from'),
		body: one(form, 'body'),
		to: many(form, 'to')
	};
	if (!type) return { ...base, prompt: null };
	const lines = one(form, 'choices')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
		.slice(0, 50);
	const minutes = one(form, 'timeLimit').trim();
	if (minutes && !/^\d{1,4}$/.test(minutes))
		throw new InvalidInputError('Give the time limit in whole minutes.', 'timeLimit');
	const points = Number(one(form, 'points') || '0');
	const prompt: Record<string, unknown> = {
		type,
		question: one(form, 'question'),
		points,
		objective: one(form, 'objective'),
		...(minutes && Number(minutes) > 0 ? { timeLimit: `PT${Number(minutes)}M` } : {})
	};
	const slug = (i: number) => `c${i + 1}`;
	const marked = (l: string) => ({ right: l.startsWith('*'), text: l.replace(/^\*\s*/, '') });
	if (type === 'single-choice' || type === 'multiple-choice')
		prompt.options = lines.map((l, i) => ({
			id: slug(i),
			text: marked(l).text,
			correct: marked(l).right
		}));
	else if (type === 'checklist')
		prompt.items = lines.map((l, i) => ({
			id: slug(i),
			text: marked(l).text,
			expected: marked(l).right
		}));
	else if (type === 'free-text')
		prompt.rubric = lines.map((l) => {
			const [level, pts, ...description] = l.split('|').map((p) => p.trim());
			return { level, points: Number(pts), description: description.join(' | ') || level };
		});
	else if (type === 'notification') {
		prompt.expectedSeverity = one(form, 'expectedSeverity');
	} else throw new InvalidInputError('Choose a prompt type, or none.', 'promptType');
	return { ...base, prompt };
}
