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
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Plan = Selectable<PlanTable>;
export type PlanVersion = Selectable<PlanVersionTable>;
