import { expectedStakeholders } from '../../plans/notification-expectation';
import { choiceValues } from '../../scenarios/scoring';
import { durationMinutes, scenarioTimeMinutes, type Prompt } from '../../scenarios/schema';
import { nearest } from './suggest';
import type { PlanReference } from './validate';

// Checks of one prompt that the schema cannot express: points that cannot add up, a
// multiple choice that rewards ticking everything, a notification's facts and clock.

type Report = (path: readonly PropertyKey[], message: string) => void;

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function pointsChecks(p: Prompt, path: readonly PropertyKey[], warn: Report) {
	if (p.type === 'free-text') {
		p.rubric.forEach((level, k) => {
			if (level.points > p.points)
				warn(
					[...path, 'rubric', k, 'points'],
					`\`${level.level}\` is worth ${fmt(level.points)} points, more than the prompt's ${fmt(p.points)}`
				);
		});
		const best = Math.max(...p.rubric.map((l) => l.points));
		if (best < p.points)
			warn(
				[...path, 'rubric'],
				`the best rubric level is worth ${fmt(best)} points, so the prompt's ${fmt(p.points)} can never be reached`
			);
		return;
	}
	if (p.type === 'notification') return;
	const list = p.type === 'checklist' ? 'items' : 'options';
	const entries = p.type === 'checklist' ? p.items : p.options;
	const what = p.type === 'checklist' ? 'item' : 'option';
	entries.forEach((e, k) => {
		if (e.points !== undefined && e.points > p.points)
			warn(
				[...path, list, k, 'points'],
				`worth ${fmt(e.points)} points, more than the prompt's ${fmt(p.points)}`
			);
	});
	const values = choiceValues(p);
	const right = values.filter((v) => v.right);
	if (right.length === 0) return; // an error of its own: no option is marked correct
	const perfect =
		p.type === 'single-choice'
			? Math.max(...right.map((v) => v.value))
			: right.reduce((sum, v) => sum + v.value, 0);
	if (Math.abs(perfect - p.points) > 0.005)
		warn(
			[...path, list],
			p.type === 'single-choice'
				? `the correct option is worth ${fmt(perfect)} points, not the prompt's ${fmt(p.points)}`
				: `the ${p.type === 'checklist' ? 'expected items' : 'correct options'} add up to ${fmt(perfect)} points, not the prompt's ${fmt(p.points)}`
		);
	if (p.type === 'single-choice' || p.points === 0) return;
	const wrong = values.filter((v) => !v.right);
	if (wrong.length === 0)
		warn(
			[...path, list],
			`every ${what} is ${p.type === 'checklist' ? 'expected' : 'correct'}, so ticking them all is always right; add ${what}s a good team would not pick`
		);
	else if (wrong.every((v) => v.value === 0))
		warn(
			[...path, list],
			`ticking every ${what} scores full marks because no wrong ${what} costs anything; leave out \`points: 0\` on wrong ${what}s (a wrong pick then costs the default)`
		);
}

function notificationChecks(
	p: Extract<Prompt, { type: 'notification' }>,
	path: readonly PropertyKey[],
	injectAt: string,
	plan: PlanReference | null,
	err: Report,
	warn: Report
) {
	const seen = new Set<string>();
	p.facts.forEach((f, n) => {
		if (seen.has(f)) err([...path, 'facts', n], `fact \`${f}\` is listed twice`);
		seen.add(f);
	});
	const at = durationMinutes(injectAt);
	const clock = p.clock ?? {};
	for (const [anchor, value] of Object.entries(clock)) {
		if (value === undefined) continue;
		if (scenarioTimeMinutes(value) > at)
			err(
				[...path, 'clock', anchor],
				`\`clock.${anchor}\` ${value} is after this inject (at ${injectAt}); the clock states moments that have already happened when the prompt is asked`
			);
		if (
			anchor !== 'awareness' &&
			clock.awareness !== undefined &&
			scenarioTimeMinutes(value) < scenarioTimeMinutes(clock.awareness)
		)
			err(
				[...path, 'clock', anchor],
				`\`clock.${anchor}\` ${value} is before \`clock.awareness\` ${clock.awareness}; nothing is declared, classified or determined before anyone is aware`
			);
	}
	if (!plan) return;
	if (!plan.severityIds.has(p.expectedSeverity))
		warn(
			[...path, 'expectedSeverity'],
			`severity \`${p.expectedSeverity}\` is not in the template plan's scale`
		);
	const required = new Set(
		expectedStakeholders(plan.matrix, p.expectedSeverity, p.facts, [])
			.filter((e) => e.row)
			.map((e) => e.key)
	);
	p.mustNotify.forEach((k, n) => {
		if (!plan.matrixKeys.has(k)) {
			const near = nearest(k, plan.matrixKeys);
			warn(
				[...path, 'mustNotify', n],
				`stakeholder \`${k}\` is not in the template plan's communication matrix${near ? `; did you mean \`${near}\`?` : ''}`
			);
		} else if (required.has(k))
			warn(
				[...path, 'mustNotify', n],
				`stakeholder \`${k}\` is already required by the template plan's matrix at ${p.expectedSeverity}${p.facts.length ? ' with these facts' : ''}; \`mustNotify\` is for stakeholders the matrix does not require`
			);
	});
}

/** Problems of one prompt beyond its shape. */
export function promptChecks(
	p: Prompt,
	path: readonly PropertyKey[],
	injectAt: string,
	plan: PlanReference | null,
	err: Report,
	warn: Report
) {
	pointsChecks(p, path, warn);
	if (p.type === 'notification') notificationChecks(p, path, injectAt, plan, err, warn);
}
