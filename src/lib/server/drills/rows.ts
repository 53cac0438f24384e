import type { Kysely, Transaction } from 'kysely';
import type { Database, DrillPacing, DrillRow } from '../db/schema';
import { NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import type { DrillClock } from './clock';
import { readThresholds, type RatingThresholds } from './ratings';

// A drills row as the domain reads it: bigint columns as numbers, the clock as one value.
// The scenario text stays in the database: scenario-of-drill.ts reads and parses it once.

const columns = [
	'id',
	'title',
	'mode',
	'status',
	'scenario_id',
	'scenario_origin',
	'scenario_version',
	'plan_id',
	'plan_version_id',
	'speed',
	'clock_real_at',
	'clock_scenario_ms',
	'started_at',
	'ended_at',
	'created_by',
	'created_at',
	'rating_thresholds',
	'next_seq',
	'series_id',
	'occurrence_key',
	'detached',
	'scheduled_at',
	'time_zone',
	'duration_minutes',
	'auto_start',
	'window_ends_at',
	'pacing',
	'cancelled_reason'
] as const;

/** bigint columns come back as strings from pg and as numbers from PGlite. */
export const drillColumns = columns;

export const ms = (value: number | string): number => Number(value);

export type Drill = {
	id: string;
	title: string;
	mode: DrillRow['mode'];
	status: DrillRow['status'];
	scenarioId: string;
	scenarioOrigin: DrillRow['scenario_origin'];
	scenarioVersion: number;
	planId: string;
	planVersionId: string;
	clock: DrillClock;
	startedAt: Date | null;
	endedAt: Date | null;
	createdBy: string;
	createdAt: Date;
	thresholds: RatingThresholds;
	/** The sequence number of the last event appended (0: none yet). */
	lastSeq: number;
	schedule: DrillSchedule;
};

/** When a drill is planned, and the series it belongs to (all null for an ad-hoc drill). */
export type DrillSchedule = {
	scheduledAt: Date | null;
	timeZone: string | null;
	durationMinutes: number | null;
	/** A scheduled live drill starts at its time without its facilitator only when set. */
	autoStart: boolean;
	/** Async drills: prompts close and the drill ends when the window does. */
	windowEndsAt: Date | null;
	pacing: DrillPacing | null;
	seriesId: string | null;
	occurrenceKey: string | null;
	/** Adjusted on its own: changes to the series leave it alone. */
	detached: boolean;
	cancelledReason: string | null;
};

export function toDrill(row: Omit<DrillRow, 'scenario_yaml'>): Drill {
	return {
		id: row.id,
		title: row.title,
		mode: row.mode,
		status: row.status,
		scenarioId: row.scenario_id,
		scenarioOrigin: row.scenario_origin,
		scenarioVersion: row.scenario_version,
		planId: row.plan_id,
		planVersionId: row.plan_version_id,
		clock: {
			status: row.status,
			speed: row.speed,
			realAt: row.clock_real_at,
			scenarioMs: ms(row.clock_scenario_ms)
		},
		startedAt: row.started_at,
		endedAt: row.ended_at,
		createdBy: row.created_by,
		createdAt: row.created_at,
		thresholds: readThresholds(row.rating_thresholds),
		lastSeq: row.next_seq,
		schedule: {
			scheduledAt: row.scheduled_at,
			timeZone: row.time_zone,
			durationMinutes: row.duration_minutes,
			autoStart: row.auto_start,
			windowEndsAt: row.window_ends_at,
			pacing: row.pacing,
			seriesId: row.series_id,
			occurrenceKey: row.occurrence_key,
			detached: row.detached,
			cancelledReason: row.cancelled_reason
		}
	};
}

/** The drill, or undefined for an unknown or malformed id. */
export async function getDrill(db: Kysely<Database>, drillId: string): Promise<Drill | undefined> {
	if (!isUuid(drillId)) return undefined;
	const row = await db
		.selectFrom('drills')
		.select(columns)
		.where('id', '=', drillId)
		.executeTakeFirst();
	return row && toDrill(row);
}

/**
 * The drill with its row locked until the transaction ends: every change to a drill (clock,
 * release, answer, grade) queues here, also across app instances.
 */
export async function lockDrill(trx: Transaction<Database>, drillId: string): Promise<Drill> {
	const row = isUuid(drillId)
		? await trx
				.selectFrom('drills')
				.select(columns)
				.where('id', '=', drillId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such drill.');
	return toDrill(row);
}
