import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../permissions';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface UserTable {
	id: Generated<string>;
	email: string;
	display_name: string;
	role: Role;
	password_hash: string | null;
	must_change_password: Generated<boolean>;
	disabled_at: Timestamp | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionTable {
	/** SHA-256 of the cookie token, hex; the token itself is never stored. */
	id: string;
	user_id: string;
	created_at: CreatedAt;
	last_seen_at: Timestamp;
	expires_at: Timestamp;
	ip: string | null;
	user_agent: string | null;
}

export interface ApiTokenTable {
	id: Generated<string>;
	user_id: string;
	name: string;
	token_hash: string;
	created_at: CreatedAt;
	last_used_at: Timestamp | null;
	revoked_at: Timestamp | null;
	/** Null: never expires. */
	expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InviteTable {
	token_hash: string;
	user_id: string;
	created_by: string | null;
	created_at: CreatedAt;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface LoginThrottleTable {
	/** `account:<email>` or `ip:<address>` */
	key: string;
	failures: number;
	window_started_at: Timestamp;
	locked_until: Timestamp | null;
}

export interface AuditLogTable {
	seq: number;
	occurred_at: Timestamp;
	actor_id: string | null;
	actor_label: string;
	action: string;
	target_type: string | null;
	target_id: string | null;
	ip: string | null;
	detail: Json;
	prev_hash: string;
	hash: string;
}

export interface SettingTable {
	key: string;
	value: Json;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PlanKind = 'ir-plan' | 'playbook';
export type { VersionStatus as PlanVersionStatus } from '../../plans/status';
import type { VersionStatus as PlanVersionStatus } from '../../plans/status';
/** A calendar date, YYYY-MM-DD; kept as text so no time zone can shift it. */
type DateOnly = ColumnType<string, string, string>;

export interface PlanTable {
	id: Generated<string>;
	title: string;
	kind: PlanKind;
	review_interval_months: Generated<number>;
	created_by: string | null;
	created_at: CreatedAt;
}

export interface PlanVersionTable {
	id: Generated<string>;
	plan_id: string;
	status: PlanVersionStatus;
	major: number | null;
	minor: number | null;
	content: Json;
	revision: Generated<number>;
	based_on_id: string | null;
	change_summary: string | null;
	author_id: string;
	contributor_ids: ColumnType<string[], string | undefined, string>;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
	updated_by: string | null;
	submitted_at: Timestamp | null;
	submitted_by: string | null;
	review_comment: string | null;
	reviewed_by: string | null;
	reviewed_at: Timestamp | null;
	approved_by: string | null;
	approved_at: Timestamp | null;
	approval_comment: string | null;
	effective_date: DateOnly | null;
	next_review_date: DateOnly | null;
	superseded_at: Timestamp | null;
}

export interface CustomScenarioTable {
	id: Generated<string>;
	scenario_id: string;
	latest_version: number;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CustomScenarioVersionTable {
	id: Generated<string>;
	custom_scenario_id: string;
	version: number;
	yaml: string;
	title: string;
	created_by: string | null;
	created_at: CreatedAt;
}

/** live: a facilitator runs the clock; solo: self-paced practice; async: a team over a window. */
export type DrillMode = 'live' | 'solo' | 'async';
/** How an async drill releases injects: on the stretched clock, or also once the previous
 * prompts are answered (whichever comes first). */
export type DrillPacing = 'clock' | 'answered';
export type DrillStatus = 'draft' | 'running' | 'paused' | 'ended' | 'cancelled';
export type DrillMemberKind = 'facilitator' | 'participant' | 'observer';
export type DrillInjectState = 'released' | 'skipped' | 'not_released';
export type PromptClosedReason = 'time-limit' | 'facilitator' | 'end' | 'continue';
export type HseepRating = 'P' | 'S' | 'M' | 'U';
/** bigint: a number on PGlite, a string on pg; read through Number() (drills/rows.ts). */
type Int8 = ColumnType<number | string, number, number>;

export interface DrillTable {
	id: Generated<string>;
	title: string;
	mode: DrillMode;
	status: DrillStatus;
	scenario_id: string;
	scenario_origin: 'built-in' | 'custom';
	scenario_version: number;
	scenario_yaml: string;
	plan_id: string;
	plan_version_id: string;
	speed: Generated<number>;
	clock_real_at: Timestamp | null;
	clock_scenario_ms: ColumnType<number | string, number | undefined, number>;
	started_at: Timestamp | null;
	ended_at: Timestamp | null;
	created_by: string;
	created_at: CreatedAt;
	rating_thresholds: ColumnType<unknown, string | undefined, string>;
	next_seq: Generated<number>;
	series_id: string | null;
	occurrence_key: string | null;
	detached: Generated<boolean>;
	/** When a scheduled drill is planned to start (async: its window opens). */
	scheduled_at: Timestamp | null;
	/** IANA zone the drill was planned in (for showing and the calendar). */
	time_zone: string | null;
	duration_minutes: number | null;
	auto_start: Generated<boolean>;
	window_ends_at: Timestamp | null;
	pacing: DrillPacing | null;
	cancelled_reason: string | null;
}

/** The people a series gives each new occurrence. */
export type SeriesPeople = {
	facilitators: string[];
	participants: { userId: string; roles: string[] }[];
	observers: string[];
};

export interface DrillSeriesTable {
	id: Generated<string>;
	title: string;
	mode: 'live' | 'async';
	scenario_id: string;
	plan_id: string | null;
	/** RFC 5545 RRULE without DTSTART, e.g. FREQ=MONTHLY;BYDAY=1TU. */
	rrule: string;
	/** Local wall time of the first occurrence, e.g. 2027-01-05T10:00. */
	starts_local: string;
	time_zone: string;
	/** Live: planned length; async: the window each occurrence stays open. */
	duration_minutes: number;
	people: ColumnType<SeriesPeople, string, string>;
	auto_start: Generated<boolean>;
	pacing: DrillPacing | null;
	status: Generated<'active' | 'ended'>;
	revision: Generated<number>;
	created_by: string;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PracticeAssignmentTable {
	id: Generated<string>;
	scenario_id: string;
	trainee_id: string;
	due_date: DateOnly;
	note: Generated<string>;
	assigned_by: string;
	assigned_at: Timestamp;
	cancelled_at: Timestamp | null;
	cancelled_by: string | null;
}

export interface ProgrammeFrameworkTable {
	framework_id: string;
	enabled_by: string | null;
	enabled_at: Timestamp;
}

export interface CalendarFeedTable {
	user_id: string;
	token_hash: string;
	created_at: Timestamp;
	last_read_at: Timestamp | null;
}

export type ReportKind = 'aar' | 'plan_version' | 'evidence_pack';

export interface ReportRunTable {
	id: string;
	kind: ReportKind;
	subject_id: string | null;
	subject_label: string;
	params: Json;
	requested_by: string | null;
	requested_by_label: string;
	created_at: Timestamp;
	sha256: string;
	byte_size: number;
	page_count: number;
	audit_head_seq: number;
	audit_head_hash: string;
}

export interface DrillMemberTable {
	drill_id: string;
	user_id: string;
	kind: DrillMemberKind;
	roles: ColumnType<string[], string | undefined, string>;
	added_at: CreatedAt;
}

export interface DrillInjectTable {
	drill_id: string;
	inject_id: string;
	state: DrillInjectState;
	scenario_ms: Int8;
	released_at: Timestamp;
	variant_id: string | null;
	reason: string | null;
	adhoc: Json | null;
}

export interface DrillAckTable {
	drill_id: string;
	inject_id: string;
	user_id: string;
	acked_at: Timestamp;
	scenario_ms: Int8;
}

export interface DrillAnswerTable {
	id: Generated<string>;
	drill_id: string;
	prompt_id: string;
	answer: Json;
	submitted_by: string;
	submitted_at: Timestamp;
	scenario_ms: Int8;
}

export interface DrillPromptTable {
	drill_id: string;
	prompt_id: string;
	closed_at: Timestamp | null;
	closed_reason: PromptClosedReason | null;
	grade: Json | null;
	override: Json | null;
}

export interface DrillRatingTable {
	drill_id: string;
	objective_id: string;
	rating: HseepRating;
	reason: string;
	by: string;
	at: Timestamp;
}

export interface DrillObservationTable {
	id: Generated<string>;
	drill_id: string;
	inject_id: string | null;
	objective_id: string | null;
	text: string;
	by: string;
	at: Timestamp;
	scenario_ms: Int8;
}

export interface DrillEventTable {
	drill_id: string;
	seq: number;
	type: string;
	audience: 'all' | 'facilitators';
	payload: Json;
	at: Timestamp;
}

import type {
	ActionStatus,
	CapabilityElement,
	FindingKind,
	VerificationKind
} from '../../lessons/words';

export interface HotWashTable {
	drill_id: string;
	opened_at: Timestamp;
	closes_at: Timestamp;
	summary: string | null;
	summary_by: string | null;
	summary_at: Timestamp | null;
}

export interface HotWashResponseTable {
	drill_id: string;
	user_id: string;
	went_well: string;
	went_badly: string;
	one_change: string;
	submitted_at: Timestamp;
	updated_at: Timestamp;
}

export interface IncidentReviewTable {
	id: Generated<string>;
	reference: string;
	title: string;
	severity: string;
	plan_id: string;
	plan_version_id: string;
	aware_at: Timestamp;
	declared_at: Timestamp | null;
	classified_at: Timestamp | null;
	determined_at: Timestamp | null;
	resolved_at: Timestamp | null;
	summary: Generated<string>;
	timeline: ColumnType<unknown, string | undefined, string>;
	notifications: ColumnType<unknown, string | undefined, string>;
	revision: Generated<number>;
	created_by: string;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FindingTable {
	id: Generated<string>;
	number: Generated<number>;
	kind: FindingKind;
	drill_id: string | null;
	incident_review_id: string | null;
	observation_id: string | null;
	objective_id: string | null;
	capability: string | null;
	title: string;
	observation: string;
	reference_plan_id: string | null;
	reference_section_key: string | null;
	reference_text: string | null;
	analysis: Generated<string>;
	recommendation: Generated<string>;
	revision: Generated<number>;
	created_by: string;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CorrectiveActionTable {
	id: Generated<string>;
	number: Generated<number>;
	finding_id: string;
	capability: string | null;
	action: string;
	element: CapabilityElement;
	organisation: string;
	owner_id: string;
	start_date: DateOnly;
	due_date: DateOnly;
	completed_date: DateOnly | null;
	status: Generated<ActionStatus>;
	cancel_reason: string | null;
	verified_by_kind: VerificationKind | null;
	verified_drill_id: string | null;
	verified_plan_version_id: string | null;
	verification_note: string | null;
	verification_reference: string | null;
	verified_by: string | null;
	verified_at: Timestamp | null;
	resolved_by_version_id: string | null;
	revision: Generated<number>;
	created_by: string;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CorrectiveActionEventTable {
	id: Generated<string>;
	action_id: string;
	at: Timestamp;
	by: string | null;
	/** created | edited | status | note | linked | unlinked | resolved | verified */
	kind: string;
	from_status: ActionStatus | null;
	to_status: ActionStatus | null;
	note: string | null;
	detail: ColumnType<unknown, string | undefined, string>;
}

export interface PlanVersionActionTable {
	plan_version_id: string;
	action_id: string;
	section_keys: ColumnType<string[], string | undefined, string>;
	added_by: string;
	added_at: Timestamp;
}

export interface Database {
	users: UserTable;
	sessions: SessionTable;
	api_tokens: ApiTokenTable;
	invites: InviteTable;
	login_throttle: LoginThrottleTable;
	audit_log: AuditLogTable;
	settings: SettingTable;
	plans: PlanTable;
	plan_versions: PlanVersionTable;
	custom_scenarios: CustomScenarioTable;
	custom_scenario_versions: CustomScenarioVersionTable;
	drills: DrillTable;
	drill_members: DrillMemberTable;
	drill_injects: DrillInjectTable;
	drill_acks: DrillAckTable;
	drill_answers: DrillAnswerTable;
	drill_prompts: DrillPromptTable;
	drill_ratings: DrillRatingTable;
	drill_observations: DrillObservationTable;
	drill_events: DrillEventTable;
	hot_washes: HotWashTable;
	hot_wash_responses: HotWashResponseTable;
	incident_reviews: IncidentReviewTable;
	findings: FindingTable;
	corrective_actions: CorrectiveActionTable;
	corrective_action_events: CorrectiveActionEventTable;
	plan_version_actions: PlanVersionActionTable;
	drill_series: DrillSeriesTable;
	practice_assignments: PracticeAssignmentTable;
	programme_frameworks: ProgrammeFrameworkTable;
	calendar_feeds: CalendarFeedTable;
	report_runs: ReportRunTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Plan = Selectable<PlanTable>;
export type PlanVersion = Selectable<PlanVersionTable>;
export type DrillRow = Selectable<DrillTable>;
export type ReportRun = Selectable<ReportRunTable>;
export type DrillSeriesRow = Selectable<DrillSeriesTable>;
export type PracticeAssignmentRow = Selectable<PracticeAssignmentTable>;
export type DrillInjectRow = Selectable<DrillInjectTable>;
export type DrillAnswerRow = Selectable<DrillAnswerTable>;
export type DrillPromptRow = Selectable<DrillPromptTable>;
export type IncidentReviewRow = Selectable<IncidentReviewTable>;
export type FindingRow = Selectable<FindingTable>;
export type CorrectiveActionRow = Selectable<CorrectiveActionTable>;
