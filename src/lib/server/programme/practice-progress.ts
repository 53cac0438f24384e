import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { drillResults } from '../drills/results';
import { NotFoundError } from '../errors';
import { fullLibrary } from '../scenarios/custom';
import { isUuid } from '../users/users';
import { listAssignments } from './assignments';

// How the trainees are doing, for the lead: per trainee their assignments (done, open,
// overdue) and scores, and per capability the share of points month by month, from the
// trainees' ended solo drills (practice they chose and practice they were given alike).

export const PROGRESS_MONTHS = 6;
const MAX_PEOPLE = 200;
const MAX_ATTEMPTS = 400;

export type ProgressAttempt = {
	drillId: string;
	traineeId: string;
	scenarioId: string;
	title: string;
	endedAt: Date;
	share: number | null;
	capabilities: { capability: string; share: number | null }[];
};

export type TraineeProgress = {
	id: string;
	name: string;
	assigned: number;
	completed: number;
	open: number;
	overdue: number;
	attempts: number;
	latestShare: number | null;
	meanShare: number | null;
};

export type CapabilityTrend = { capability: string; values: (number | null)[] };

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** The last `count` calendar months (UTC) up to the one `now` is in, oldest first. */
export function recentMonths(now: Date, count = PROGRESS_MONTHS): string[] {
	const months: string[] = [];
	for (let i = count - 1; i >= 0; i--) {
		const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
		months.push(d.toISOString().slice(0, 7));
	}
	return months;
}

/** Mean share per capability per month; a month without practice of it is null. */
export function capabilityTrends(attempts: ProgressAttempt[], months: string[]): CapabilityTrend[] {
	const capabilities = [
		...new Set(
			attempts.flatMap((a) =>
				a.capabilities.filter((c) => c.share !== null).map((c) => c.capability)
			)
		)
	].sort();
	return capabilities.map((capability) => ({
		capability,
		values: months.map((month) =>
			mean(
				attempts
					.filter((a) => a.endedAt.toISOString().slice(0, 7) === month)
					.flatMap((a) => a.capabilities)
					.filter((c) => c.capability === capability && c.share !== null)
					.map((c) => c.share!)
			)
		)
	}));
}

async function endedSoloAttempts(
	db: Kysely<Database>,
	traineeIds: string[],
	since: Date
): Promise<ProgressAttempt[]> {
	if (!traineeIds.length) return [];
	const rows = await db
		.selectFrom('drills as d')
		.innerJoin('drill_members as m', (j) =>
			j.onRef('m.drill_id', '=', 'd.id').on('m.kind', '=', 'participant')
		)
		.select(['d.id', 'd.scenario_id', 'd.title', 'd.ended_at', 'm.user_id'])
		.where('d.mode', '=', 'solo')
		.where('d.status', '=', 'ended')
		.where('d.ended_at', '>=', since)
		.where('m.user_id', 'in', traineeIds)
		.orderBy('d.ended_at', 'desc')
		.limit(MAX_ATTEMPTS)
		.execute();
	const out: ProgressAttempt[] = [];
	for (const r of rows.reverse()) {
		const results = await drillResults(db, r.id);
		out.push({
			drillId: r.id,
			traineeId: r.user_id,
			scenarioId: r.scenario_id,
			title: r.title,
			endedAt: r.ended_at!,
			share: results.totals.share,
			capabilities: results.capabilities.map((c) => ({ capability: c.capability, share: c.share }))
		});
	}
	return out;
}

/**
 * The practice programme at a glance: every trainee (and anyone else with assigned practice)
 * with their numbers, the team's capability trend, and — when `traineeId` is given — that
 * trainee's attempts, trend and assignments.
 */
export async function practiceProgress(
	db: Kysely<Database>,
	now: Date,
	options: { traineeId?: string } = {}
) {
	const today = now.toISOString().slice(0, 10);
	const months = recentMonths(now);
	const people = await db
		.selectFrom('users')
		.select(['id', 'display_name'])
		.where((eb) =>
			eb.or([
				eb.and([eb('role', '=', 'trainee'), eb('disabled_at', 'is', null)]),
				eb('id', 'in', eb.selectFrom('practice_assignments').select('trainee_id'))
			])
		)
		.orderBy('display_name')
		.limit(MAX_PEOPLE)
		.execute();
	const selected = options.traineeId
		? people.find((p) => isUuid(options.traineeId!) && p.id === options.traineeId)
		: undefined;
	if (options.traineeId && !selected) throw new NotFoundError('No such trainee.');

	const [assignments, attempts, library] = await Promise.all([
		listAssignments(db, {}, today),
		endedSoloAttempts(
			db,
			people.map((p) => p.id),
			new Date(`${months[0]}-01T00:00:00Z`)
		),
		fullLibrary(db)
	]);
	const titleOf = (id: string) => library.find((e) => e.id === id)?.scenario?.title ?? id;
	const trainees: TraineeProgress[] = people.map((p) => {
		const theirs = assignments.filter((a) => a.traineeId === p.id && a.status !== 'cancelled');
		const shares = attempts
			.filter((a) => a.traineeId === p.id && a.share !== null)
			.map((a) => a.share!);
		return {
			id: p.id,
			name: p.display_name,
			assigned: theirs.length,
			completed: theirs.filter((a) => a.status === 'completed').length,
			open: theirs.filter((a) => a.status === 'open').length,
			overdue: theirs.filter((a) => a.status === 'overdue').length,
			attempts: attempts.filter((a) => a.traineeId === p.id).length,
			latestShare: shares.at(-1) ?? null,
			meanShare: mean(shares)
		};
	});
	const trainee = selected
		? (() => {
				const theirs = attempts.filter((a) => a.traineeId === selected.id);
				return {
					id: selected.id,
					name: selected.display_name,
					attempts: theirs.map((a) => ({ ...a, title: titleOf(a.scenarioId) })),
					trends: capabilityTrends(theirs, months),
					assignments: assignments.filter((a) => a.traineeId === selected.id)
				};
			})()
		: null;
	return {
		months,
		trainees,
		teamTrends: capabilityTrends(attempts, months),
		trainee
	};
}
