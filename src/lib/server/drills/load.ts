import type { Kysely } from 'kysely';
import type { PlanContent } from '../../plans/content';
import type { Scenario } from '../../scenarios/schema';
import { durationMinutes } from '../../scenarios/schema';
import type { Database, DrillInjectRow, PromptClosedReason } from '../db/schema';
import { readStoredContent } from '../plans/stored-content';
import { formatVersionNumber } from '../plans/version-number';
import type { DrillAnswer } from './answer-shape';
import { scenarioTimeAt } from './clock';
import type { AnswerLookup } from './conditions';
import { drillMsel, type Msel } from './msel';
import { ms, type Drill } from './rows';
import { scenarioOf } from './scenario-of-drill';
import {
	scorePrompt,
	type CurrentAnswer,
	type FreeTextGrade,
	type PromptScore,
	type ScoreOverride
} from './scoring';
import { pickedIds } from './answer-shape';

// Everything stored about one drill, read in a few queries, with what follows from it (the
// MSEL with ad-hoc injects, current answers, scores, which prompts are open). Release,
// answers, state and results all read through here, so they cannot disagree.

export type DrillPlan = {
	versionId: string;
	number: string;
	planTitle: string;
	content: Pick<PlanContent, 'severityScale' | 'matrix'>;
};

export type StoredAnswer = {
	id: string;
	promptId: string;
	answer: DrillAnswer;
	by: string;
	byName: string;
	at: Date;
	scenarioMs: number;
};

export type PromptRecord = {
	closedAt: Date | null;
	closedReason: PromptClosedReason | null;
	grade: FreeTextGrade | null;
	override: ScoreOverride | null;
};

export type InjectRecord = Omit<DrillInjectRow, 'scenario_ms'> & { scenarioMs: number };

export type DrillData = {
	drill: Drill;
	scenario: Scenario;
	plan: DrillPlan;
	msel: Msel;
	injects: Map<string, InjectRecord>;
	/** Every submission, oldest first. */
	answers: StoredAnswer[];
	/** The newest answer per prompt. */
	current: Map<string, StoredAnswer>;
	prompts: Map<string, PromptRecord>;
};

// Approved plan versions never change: read each once.
const planCache = new Map<string, DrillPlan>();

export async function drillPlan(db: Kysely<Database>, versionId: string): Promise<DrillPlan> {
	const hit = planCache.get(versionId);
	if (hit) return hit;
	const row = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['v.id', 'v.major', 'v.minor', 'v.content', 'v.status', 'p.title'])
		.where('v.id', '=', versionId)
		.executeTakeFirstOrThrow();
	const content = readStoredContent(row.content);
	const plan: DrillPlan = {
		versionId: row.id,
		number: formatVersionNumber(row),
		planTitle: row.title,
		content: { severityScale: content.severityScale, matrix: content.matrix }
	};
	if (row.status === 'approved' || row.status === 'superseded') {
		planCache.set(versionId, plan);
		if (planCache.size > 32) planCache.delete(planCache.keys().next().value!);
	}
	return plan;
}

function answersOf(db: Kysely<Database>, drillId: string) {
	return db
		.selectFrom('drill_answers as a')
		.innerJoin('users as u', 'u.id', 'a.submitted_by')
		.select([
			'a.id',
			'a.prompt_id',
			'a.answer',
			'a.submitted_by',
			'a.submitted_at',
			'a.scenario_ms',
			'u.display_name'
		])
		.where('a.drill_id', '=', drillId)
		.orderBy('a.submitted_at')
		.orderBy('a.scenario_ms')
		.execute();
}

/**
 * Loads the drill's stored state. `answers: false` leaves the answers out (an answer to a
 * live drill needs only what is released and closed, whatever the team answered before).
 */
export async function loadDrillData(
	db: Kysely<Database>,
	drill: Drill,
	options: { answers: boolean } = { answers: true }
): Promise<DrillData> {
	const [scenario, plan, injectRows, answerRows, promptRows] = await Promise.all([
		scenarioOf(db, drill.id),
		drillPlan(db, drill.planVersionId),
		db.selectFrom('drill_injects').selectAll().where('drill_id', '=', drill.id).execute(),
		options.answers ? answersOf(db, drill.id) : [],
		db.selectFrom('drill_prompts').selectAll().where('drill_id', '=', drill.id).execute()
	]);
	const answers: StoredAnswer[] = answerRows.map((r) => ({
		id: r.id,
		promptId: r.prompt_id,
		answer: r.answer as DrillAnswer,
		by: r.submitted_by,
		byName: r.display_name,
		at: r.submitted_at,
		scenarioMs: ms(r.scenario_ms)
	}));
	const current = new Map<string, StoredAnswer>();
	for (const a of answers) current.set(a.promptId, a);
	return {
		drill,
		scenario,
		plan,
		msel: drillMsel(scenario, injectRows),
		injects: new Map(
			injectRows.map(({ scenario_ms, ...r }) => [
				r.inject_id,
				{ ...r, scenarioMs: ms(scenario_ms) }
			])
		),
		answers,
		current,
		prompts: new Map(
			promptRows.map((r) => [
				r.prompt_id,
				{
					closedAt: r.closed_at,
					closedReason: r.closed_reason,
					grade: r.grade as FreeTextGrade | null,
					override: r.override as ScoreOverride | null
				}
			])
		)
	};
}

/** The score of every prompt of the MSEL (asked or not), by prompt id. */
export function scoresOf(data: DrillData): Map<string, PromptScore> {
	const ctx = { plan: data.plan.content, start: data.drill.startedAt };
	return new Map(
		data.msel.prompts.map(({ prompt, entry }) => {
			const cur = data.current.get(prompt.id);
			const current: CurrentAnswer | null = cur
				? { id: cur.id, answer: cur.answer, scenarioMs: cur.scenarioMs }
				: null;
			const stored = data.prompts.get(prompt.id);
			return [
				prompt.id,
				scorePrompt(
					prompt,
					entry.inject.id,
					current,
					{ grade: stored?.grade ?? null, override: stored?.override ?? null },
					ctx
				)
			];
		})
	);
}

/** What branch conditions read: the answers and scores stored now. */
export function answerLookup(data: DrillData): AnswerLookup {
	let scores: Map<string, PromptScore> | undefined;
	return {
		picked: (id) => {
			const a = data.current.get(id);
			return a ? pickedIds(a.answer) : null;
		},
		score: (id) => {
			if (!data.current.has(id)) return null;
			scores ??= scoresOf(data);
			return scores.get(id)?.points ?? null;
		}
	};
}

export type PromptWindow = {
	released: boolean;
	open: boolean;
	/** Scenario ms when the time limit closes it; null without a limit or before release. */
	closesAtMs: number | null;
	closedReason: PromptClosedReason | null;
};

/** Whether a prompt can be answered at scenario time `t` (time limits count in scenario time). */
export function promptWindow(data: DrillData, promptId: string, t: number): PromptWindow {
	const found = data.msel.prompt(promptId);
	const release = found && data.injects.get(found.entry.inject.id);
	if (!found || release?.state !== 'released')
		return { released: false, open: false, closesAtMs: null, closedReason: null };
	// A team drill over a window has no time limits: its prompts close when the window does.
	const limit = data.drill.mode === 'async' ? undefined : found.prompt.timeLimit;
	const closesAtMs = limit
		? release.scenarioMs + Math.round(durationMinutes(limit) * 60_000)
		: null;
	const stored = data.prompts.get(promptId);
	const closedReason: PromptClosedReason | null = stored?.closedAt
		? stored.closedReason
		: closesAtMs !== null && t >= closesAtMs
			? 'time-limit'
			: data.drill.status === 'ended' || data.drill.status === 'cancelled'
				? 'end'
				: null;
	return { released: true, open: closedReason === null, closesAtMs, closedReason };
}

/** Every released prompt still open has an answer (solo and "when answered" pacing move on). */
export function everyOpenPromptAnswered(data: DrillData, t: number): boolean {
	return data.msel.prompts.every(({ prompt }) => {
		const w = promptWindow(data, prompt.id, t);
		return !w.released || !w.open || data.current.has(prompt.id);
	});
}

/** Scenario time now. */
export const nowMs = (data: DrillData, now: Date) => scenarioTimeAt(data.drill.clock, now);
