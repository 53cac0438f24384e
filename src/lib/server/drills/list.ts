import type { Kysely } from 'kysely';
import type { DrillView } from '../access/visibility';
import type { Database, DrillMemberKind, DrillMode, DrillStatus } from '../db/schema';
import { drillResults } from './results';

// The drills a user may list, with the visibility rule applied inside the query: leads and
// admins see all; everyone else the drills they are members of; auditors also every ended one.

export type DrillListItem = {
	id: string;
	title: string;
	mode: DrillMode;
	status: DrillStatus;
	scenarioId: string;
	planVersionId: string;
	createdAt: Date;
	startedAt: Date | null;
	endedAt: Date | null;
	createdByName: string;
	/** The viewer's place in the drill; null when they only read it. */
	myKind: DrillMemberKind | null;
	/** When it is planned, in the zone it was planned in; its series, if recurring. */
	scheduledAt: Date | null;
	timeZone: string | null;
	seriesId: string | null;
	seriesTitle: string | null;
	cancelledReason: string | null;
};

export async function listDrills(
	db: Kysely<Database>,
	view: DrillView,
	filter: { mode?: DrillMode; status?: DrillStatus[] } = {}
): Promise<DrillListItem[]> {
	let query = db
		.selectFrom('drills as d')
		.innerJoin('users as c', 'c.id', 'd.created_by')
		.leftJoin('drill_members as me', (j) =>
			j.onRef('me.drill_id', '=', 'd.id').on('me.user_id', '=', view.memberId)
		)
		.leftJoin('drill_series as s', 's.id', 'd.series_id')
		.select([
			'd.scheduled_at',
			'd.time_zone',
			'd.series_id',
			's.title as series_title',
			'd.cancelled_reason',
			'd.id',
			'd.title',
			'd.mode',
			'd.status',
			'd.scenario_id',
			'd.plan_version_id',
			'd.created_at',
			'd.started_at',
			'd.ended_at',
			'c.display_name',
			'me.kind'
		]);
	if (!view.all)
		query = query.where((eb) =>
			view.ended
				? eb.or([eb('me.user_id', 'is not', null), eb('d.status', '=', 'ended')])
				: eb('me.user_id', 'is not', null)
		);
	if (filter.mode) query = query.where('d.mode', '=', filter.mode);
	if (filter.status?.length) query = query.where('d.status', 'in', filter.status);
	const rows = await query.orderBy('d.created_at', 'desc').limit(500).execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		mode: r.mode,
		status: r.status,
		scenarioId: r.scenario_id,
		planVersionId: r.plan_version_id,
		createdAt: r.created_at,
		startedAt: r.started_at,
		endedAt: r.ended_at,
		createdByName: r.display_name,
		myKind: r.kind,
		scheduledAt: r.scheduled_at,
		timeZone: r.time_zone,
		seriesId: r.series_id,
		seriesTitle: r.series_title,
		cancelledReason: r.cancelled_reason
	}));
}

export type PracticeAttempt = {
	drillId: string;
	scenarioId: string;
	title: string;
	status: DrillStatus;
	startedAt: Date | null;
	endedAt: Date | null;
	points: number;
	max: number;
	share: number | null;
	/** Share of points per capability in this attempt. */
	capabilities: { capability: string; share: number | null }[];
};

/** A trainee's solo attempts, oldest first (My practice: score over time, per capability). */
export async function practiceAttempts(
	db: Kysely<Database>,
	userId: string
): Promise<PracticeAttempt[]> {
	const rows = await db
		.selectFrom('drills as d')
		.innerJoin('drill_members as m', (j) =>
			j
				.onRef('m.drill_id', '=', 'd.id')
				.on('m.user_id', '=', userId)
				.on('m.kind', '=', 'participant')
		)
		.select(['d.id', 'd.scenario_id', 'd.title', 'd.status', 'd.started_at', 'd.ended_at'])
		.where('d.mode', '=', 'solo')
		.where('d.status', 'in', ['running', 'paused', 'ended'])
		.orderBy('d.started_at')
		.limit(200)
		.execute();
	const out: PracticeAttempt[] = [];
	for (const r of rows) {
		const results = await drillResults(db, r.id);
		out.push({
			drillId: r.id,
			scenarioId: r.scenario_id,
			title: r.title,
			status: r.status,
			startedAt: r.started_at,
			endedAt: r.ended_at,
			points: results.totals.points,
			max: results.totals.max,
			share: results.totals.share,
			capabilities: results.capabilities.map((c) => ({ capability: c.capability, share: c.share }))
		});
	}
	return out;
}
