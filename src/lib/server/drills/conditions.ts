import type { Inject, When } from '../../scenarios/schema';

// Branching: an inject's `when` and its variants' conditions, evaluated at release time on
// the answers stored then. Pure; the lookup says what was answered and scored so far.

export type AnswerLookup = {
	/** Option or item ids of the current answer; null when the prompt is unanswered. */
	picked(promptId: string): string[] | null;
	/** Points of the prompt so far (after any override); null when unanswered or ungraded. */
	score(promptId: string): number | null;
};

type Condition = Extract<When, { all: unknown }>['all'][number];

function holds(c: Condition, look: AnswerLookup): boolean {
	if ('option' in c) return look.picked(c.prompt)?.includes(c.option) ?? false;
	const score = look.score(c.prompt);
	return score !== null && score >= c.scoreAtLeast;
}

export function whenHolds(when: When, look: AnswerLookup): boolean {
	return 'all' in when
		? when.all.every((c) => holds(c, look))
		: when.any.some((c) => holds(c, look));
}

function explainCondition(c: Condition, look: AnswerLookup): string {
	if ('option' in c) {
		const picked = look.picked(c.prompt);
		const actual = picked === null ? 'unanswered' : `answered ${picked.join(', ') || 'nothing'}`;
		return `${c.prompt} answered ${c.option} (${actual})`;
	}
	const score = look.score(c.prompt);
	return `${c.prompt} scored at least ${c.scoreAtLeast} (${score === null ? 'no score' : `scored ${score}`})`;
}

/** "all of: q-a answered x (answered y); q-b scored at least 15 (scored 10)" */
export function explainWhen(when: When, look: AnswerLookup): string {
	const list = 'all' in when ? when.all : when.any;
	const parts = list.map((c) => explainCondition(c, look));
	return parts.length === 1 ? parts[0] : `${'all' in when ? 'all' : 'any'} of: ${parts.join('; ')}`;
}

export type ReleaseDecision =
	{ release: true; variantId: string | null } | { release: false; reason: string };

/** Whether an inject is released now, and with which variant (the first whose condition holds). */
export function decideRelease(inject: Inject, look: AnswerLookup): ReleaseDecision {
	if (inject.when && !whenHolds(inject.when, look))
		return { release: false, reason: `condition false: ${explainWhen(inject.when, look)}` };
	const variant = inject.variants.find((v) => whenHolds(v.when, look));
	return { release: true, variantId: variant?.id ?? null };
}

/** The text released: the chosen variant's fields over the inject's own. */
export function releasedContent(inject: Inject, variantId: string | null) {
	const v = variantId ? inject.variants.find((x) => x.id === variantId) : undefined;
	return {
		title: v?.title ?? inject.title,
		from: v?.from ?? inject.from,
		body: v?.body ?? inject.body,
		artefacts: v?.artefacts ?? inject.artefacts
	};
}
