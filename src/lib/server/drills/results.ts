import type { Kysely } from 'kysely';
import type { HseepRating } from '../db/schema';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { loadAcks } from './clocks';
import { responseClocks, type ResponseClocks } from './clocks';
import { releasedContent } from './conditions';
import { loadDrillData, scoresOf, type DrillData } from './load';
import { drillPeople, type DrillPerson } from './people';
import {
	rateObjectives,
	ratingLabels,
	rollUpCapabilities,
	type CapabilityRating,
	type ObjectiveRating,
	type RatingOverride,
	type RatingThresholds
} from './ratings';
import { getDrill, type Drill } from './rows';
import type { PromptScore } from './scoring';
import { loadObservations, type Observation } from './observations';

// Everything the results page, the CSV and JSON exports and later the PDF reports need, in
// one plain object: what was released when, answers and points per prompt with feedback and
// the notification breakdown (with the matrix values used), response clocks, observations,
// and ratings per objective and capability.

export type TimelineEntry = {
	injectId: string;
	title: string;
	channel: string;
	atMs: number;
	adhoc: boolean;
	state: 'upcoming' | 'released' | 'skipped' | 'not_released';
	releasedMs: number | null;
	releasedAt: string | null;
	variantId: string | null;
	reason: string | null;
};

export type AnsweredPrompt = PromptScore & {
	/** Whether the prompt was asked (its inject released); others do not count. */
	asked: boolean;
	submissions: { byName: string; at: string; scenarioMs: number }[];
	answeredBy: string | null;
};

export type DrillResults = {
	drill: {
		id: string;
		title: string;
		mode: Drill['mode'];
		status: Drill['status'];
		startedAt: string | null;
		endedAt: string | null;
		/** Scenario time reached. */
		scenarioMs: number;
		thresholds: RatingThresholds;
	};
	scenario: {
		id: string;
		version: number;
		origin: Drill['scenarioOrigin'];
		title: string;
		summary: string;
		objectives: { id: string; text: string; capability: string }[];
		roles: { id: string; name: string }[];
	};
	plan: { id: string; versionId: string; number: string; title: string };
	people: DrillPerson[];
	timeline: TimelineEntry[];
	prompts: AnsweredPrompt[];
	totals: {
		points: number;
		max: number;
		share: number | null;
		awaitingGrade: number;
		unanswered: number;
	};
	objectives: ObjectiveRating[];
	capabilities: CapabilityRating[];
	ratingLabels: Record<HseepRating, string>;
	responseClocks: ResponseClocks;
	observations: Observation[];
};

const round = (n: number) => Math.round(n * 100) / 100;

async function ratingOverrides(db: Kysely<Database>, drillId: string) {
	const rows = await db
		.selectFrom('drill_ratings as r')
		.innerJoin('users as u', 'u.id', 'r.by')
		.select(['r.objective_id', 'r.rating', 'r.reason', 'r.by', 'u.display_name', 'r.at'])
		.where('r.drill_id', '=', drillId)
		.execute();
	return new Map<string, RatingOverride>(
		rows.map((r) => [
			r.objective_id,
			{
				rating: r.rating,
				reason: r.reason,
				by: r.by,
				byName: r.display_name,
				at: r.at.toISOString()
			}
		])
	);
}

function timeline(data: DrillData): TimelineEntry[] {
	return data.msel.entries
		.map((entry) => {
			const row = data.injects.get(entry.inject.id);
			return {
				injectId: entry.inject.id,
				title: releasedContent(entry.inject, row?.variant_id ?? null).title,
				channel: entry.inject.channel,
				atMs: entry.atMs,
				adhoc: entry.adhoc,
				state: row?.state ?? ('upcoming' as const),
				releasedMs: row?.scenarioMs ?? null,
				releasedAt: row?.released_at.toISOString() ?? null,
				variantId: row?.variant_id ?? null,
				reason: row?.reason ?? null
			};
		})
		.sort((a, b) => (a.releasedMs ?? a.atMs) - (b.releasedMs ?? b.atMs));
}

/** The results of a drill (any state; final once ended). The caller has checked access. */
export async function drillResults(
	db: Kysely<Database>,
	drillId: string,
	now: Date = new Date()
): Promise<DrillResults> {
	const drill = await getDrill(db, drillId);
	if (!drill) throw new NotFoundError('No such drill.');
	const data = await loadDrillData(db, drill);
	const [people, acks, observations, overrides] = await Promise.all([
		drillPeople(db, drillId),
		loadAcks(db, drillId),
		loadObservations(db, drillId),
		ratingOverrides(db, drillId)
	]);
	const scores = scoresOf(data);
	const prompts: AnsweredPrompt[] = data.msel.prompts.map(({ prompt, entry }) => {
		const subs = data.answers.filter((a) => a.promptId === prompt.id);
		return {
			...scores.get(prompt.id)!,
			asked: data.injects.get(entry.inject.id)?.state === 'released',
			submissions: subs.map((a) => ({
				byName: a.byName,
				at: a.at.toISOString(),
				scenarioMs: a.scenarioMs
			})),
			answeredBy: subs.at(-1)?.byName ?? null
		};
	});
	const asked = prompts.filter((p) => p.asked);
	const objectives = rateObjectives(data.scenario.objectives, asked, overrides, drill.thresholds);
	const scored = asked.filter((p) => p.points !== null);
	const points = round(scored.reduce((s, p) => s + p.points!, 0));
	const max = scored.reduce((s, p) => s + p.max, 0);
	const { clock } = drill;
	return {
		drill: {
			id: drill.id,
			title: drill.title,
			mode: drill.mode,
			status: drill.status,
			startedAt: drill.startedAt?.toISOString() ?? null,
			endedAt: drill.endedAt?.toISOString() ?? null,
			scenarioMs:
				clock.status === 'running' && clock.realAt
					? clock.scenarioMs + Math.max(0, now.getTime() - clock.realAt.getTime()) * clock.speed
					: clock.scenarioMs,
			thresholds: drill.thresholds
		},
		scenario: {
			id: data.scenario.id,
			version: drill.scenarioVersion,
			origin: drill.scenarioOrigin,
			title: data.scenario.title,
			summary: data.scenario.summary,
			objectives: data.scenario.objectives.map((o) => ({
				id: o.id,
				text: o.text,
				capability: o.capability
			})),
			roles: data.scenario.roles.map((r) => ({ id: r.id, name: r.name }))
		},
		plan: {
			id: drill.planId,
			versionId: drill.planVersionId,
			number: data.plan.number,
			title: data.plan.planTitle
		},
		people,
		timeline: timeline(data),
		prompts,
		totals: {
			points,
			max,
			share: max > 0 ? Math.round((points / max) * 10_000) / 10_000 : null,
			awaitingGrade: asked.filter((p) => p.status === 'awaiting-grade' && !p.override).length,
			unanswered: asked.filter((p) => p.status === 'unanswered').length
		},
		objectives,
		capabilities: rollUpCapabilities(objectives),
		ratingLabels,
		responseClocks: responseClocks(data, acks, scores),
		observations
	};
}
