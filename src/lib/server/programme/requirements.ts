import type { Kysely, Transaction } from 'kysely';
import { can, type Role } from '../../permissions';
import {
	describeSatisfier,
	frameworkById,
	frameworks,
	isSwitchableFramework,
	type Framework,
	type Requirement
} from '../../programme/catalogue';
import {
	requirementStatus,
	type EvidenceItem,
	type RequirementState
} from '../../programme/requirement-status';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { ForbiddenError, InvalidInputError } from '../errors';
import { loadEvidence, subjectsOf } from './evidence';

// The exercise programme: which frameworks apply (an admin switches them on; the baseline is
// always on) and, for each of their requirements, whether it is met, by what and when it is
// next due. Pages, the API and the dashboard read it through programmeStatus.

export { requirementStatus };

export type EvidenceView = { kind: EvidenceItem['kind']; at: string; label: string; href: string };

export type RequirementView = {
	id: string;
	clause: string;
	title: string;
	text: string;
	satisfiedBy: string;
	months: number;
	frequency: string;
	state: RequirementState;
	lastMet: EvidenceView | null;
	nextDue: string | null;
	subjects: number;
	/** Who or what is behind (people to train, plans to review), stalest first, at most 20. */
	behind: { id: string; label: string; state: RequirementState; last: EvidenceView | null }[];
	behindCount: number;
};

export type FrameworkView = {
	id: string;
	name: string;
	edition: string;
	alwaysOn: boolean;
	enabledAt: string | null;
	requirements: RequirementView[];
};

export type ProgrammeStatus = {
	asOf: string;
	frameworks: FrameworkView[];
	/** Every framework that can be switched, with whether it is on. */
	available: { id: string; name: string; edition: string; enabled: boolean }[];
};

const MAX_BEHIND = 20;

const evidenceView = (e: EvidenceItem | null): EvidenceView | null =>
	e && { kind: e.kind, at: e.at.toISOString(), label: e.label, href: e.href };

/** The frameworks switched on, with when. */
export async function enabledFrameworks(db: Kysely<Database>): Promise<Map<string, Date>> {
	const rows = await db
		.selectFrom('programme_frameworks')
		.select(['framework_id', 'enabled_at'])
		.execute();
	return new Map(rows.map((r) => [r.framework_id, r.enabled_at]));
}

/** Requirement statuses of the baseline and every framework switched on, at `now`. */
export async function programmeStatus(db: Kysely<Database>, now: Date): Promise<ProgrammeStatus> {
	const enabled = await enabledFrameworks(db);
	const active = frameworks.filter((f) => f.alwaysOn || enabled.has(f.id));
	const requirements = active.flatMap((f) => f.requirements);
	const ctx = await loadEvidence(db, requirements, now);
	const view = (r: Requirement): RequirementView => {
		const s = requirementStatus(r, subjectsOf(r, ctx), now);
		return {
			id: r.id,
			clause: r.clause,
			title: r.title,
			text: r.text,
			satisfiedBy: describeSatisfier(r.satisfiedBy),
			months: r.months,
			frequency: r.frequency,
			state: s.state,
			lastMet: evidenceView(s.lastMet),
			nextDue: s.nextDue?.toISOString() ?? null,
			subjects: s.subjects,
			behind: s.behind.slice(0, MAX_BEHIND).map((b) => ({
				id: b.id,
				label: b.label,
				state: b.state,
				last: evidenceView(b.last)
			})),
			behindCount: s.behind.length
		};
	};
	return {
		asOf: now.toISOString(),
		frameworks: active.map((f: Framework) => ({
			id: f.id,
			name: f.name,
			edition: f.edition,
			alwaysOn: !!f.alwaysOn,
			enabledAt: enabled.get(f.id)?.toISOString() ?? null,
			requirements: f.requirements.map(view)
		})),
		available: frameworks
			.filter((f) => !f.alwaysOn)
			.map((f) => ({ id: f.id, name: f.name, edition: f.edition, enabled: enabled.has(f.id) }))
	};
}

export type ProgrammeAlert = {
	frameworkName: string;
	requirementId: string;
	clause: string;
	title: string;
	state: Exclude<RequirementState, 'met'>;
	nextDue: string | null;
};

const urgency: Record<RequirementState, number> = { overdue: 0, never: 1, due: 2, met: 3 };

/** Requirements due within 30 days, overdue or never met, the most urgent first. */
export async function programmeAlerts(db: Kysely<Database>, now: Date): Promise<ProgrammeAlert[]> {
	const status = await programmeStatus(db, now);
	return status.frameworks
		.flatMap((f) =>
			f.requirements.flatMap((r) =>
				r.state === 'met'
					? []
					: [
							{
								frameworkName: f.name,
								requirementId: r.id,
								clause: r.clause,
								title: r.title,
								state: r.state,
								nextDue: r.nextDue
							}
						]
			)
		)
		.sort(
			(a, b) =>
				urgency[a.state] - urgency[b.state] || (a.nextDue ?? '').localeCompare(b.nextDue ?? '')
		);
}

/** Switches a framework on or off (admins); doing what is already so changes nothing. */
export async function setFrameworkEnabled(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string; role: Role },
	frameworkId: unknown,
	enabled: boolean,
	now: Date
): Promise<{ changed: boolean }> {
	if (!can(actor.role, 'programme.manage'))
		throw new ForbiddenError('Only an admin switches frameworks on or off.');
	if (!isSwitchableFramework(frameworkId))
		throw new InvalidInputError(
			frameworkById(String(frameworkId))?.alwaysOn
				? 'The plan review baseline is always on.'
				: 'Choose one of the frameworks listed.',
			'framework'
		);
	const framework = frameworkById(frameworkId)!;
	if (enabled) {
		const inserted = await trx
			.insertInto('programme_frameworks')
			.values({ framework_id: frameworkId, enabled_by: actor.id, enabled_at: now })
			.onConflict((oc) => oc.column('framework_id').doNothing())
			.returning('framework_id')
			.executeTakeFirst();
		if (!inserted) return { changed: false };
	} else {
		const deleted = await trx
			.deleteFrom('programme_frameworks')
			.where('framework_id', '=', frameworkId)
			.returning('framework_id')
			.executeTakeFirst();
		if (!deleted) return { changed: false };
	}
	await audit.append(
		trx,
		actor,
		enabled ? 'programme.framework_enabled' : 'programme.framework_disabled',
		{ type: 'framework', id: frameworkId },
		{ name: `${framework.name} ${framework.edition}` }
	);
	return { changed: true };
}
