import type { Kysely } from 'kysely';
import { can, type Role } from '../../permissions';
import { drillView } from '../access/visibility';
import type { AuditActor } from '../audit/log';
import type { Database, DrillMemberKind } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { getDrill, type Drill } from './rows';

// Who someone is in a drill. Members are facilitators, participants (with scenario roles)
// or observers; leads and admins may read any drill, auditors any ended drill. Anyone else
// is told the drill does not exist.

export type DrillUser = { id: string; role: Role };
/** The acting user, as the audit trail records them. */
export type DrillActor = AuditActor & DrillUser;

/** facilitator and reader see everything; participant and observer the participant view. */
export type DrillRelation = 'facilitator' | 'participant' | 'observer' | 'reader';

export type Member = { kind: DrillMemberKind; roles: string[] };

export type DrillAccess = { drill: Drill; as: DrillRelation; roles: string[] };

export async function memberOf(
	db: Kysely<Database>,
	drillId: string,
	userId: string
): Promise<Member | null> {
	const row = await db
		.selectFrom('drill_members')
		.select(['kind', 'roles'])
		.where('drill_id', '=', drillId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row ? { kind: row.kind, roles: row.roles } : null;
}

/** How a user relates to a drill they are not a member of; null: they may not see it. */
function nonMemberRelation(drill: Pick<Drill, 'status'>, user: DrillUser): DrillRelation | null {
	const view = drillView(user);
	if (view.all || (view.ended && drill.status === 'ended')) return 'reader';
	return null;
}

export function relationOf(
	drill: Pick<Drill, 'status'>,
	member: Member | null,
	user: DrillUser
): DrillRelation | null {
	return member?.kind ?? nonMemberRelation(drill, user);
}

/** The drill as this user may see it, or NotFoundError. */
export async function drillAccess(
	db: Kysely<Database>,
	user: DrillUser,
	drillId: string
): Promise<DrillAccess> {
	const drill = await getDrill(db, drillId);
	if (!drill || !can(user.role, 'drills.read')) throw new NotFoundError('No such drill.');
	const member = await memberOf(db, drill.id, user.id);
	const as = relationOf(drill, member, user);
	if (!as) throw new NotFoundError('No such drill.');
	return { drill, as, roles: member?.roles ?? [] };
}

/** Whether this relation sees facilitator notes, expectations, scores and all events. */
export const seesEverything = (as: DrillRelation) => as === 'facilitator' || as === 'reader';

/**
 * Checks that the actor runs this drill: a facilitator of a team drill, or the trainee of
 * their own solo drill. Someone who may not see the drill is told it does not exist.
 */
export async function assertRunsDrill(
	db: Kysely<Database>,
	drill: Drill,
	actor: DrillUser,
	what: string
): Promise<Member> {
	const member = await memberOf(db, drill.id, actor.id);
	// A team drill (live or over a window) is run by its facilitators; solo by its trainee.
	const runs =
		drill.mode !== 'solo'
			? member?.kind === 'facilitator' && can(actor.role, 'drills.facilitate')
			: member?.kind === 'participant' && drill.createdBy === actor.id;
	if (runs) return member!;
	if (!relationOf(drill, member, actor)) throw new NotFoundError('No such drill.');
	throw new ForbiddenError(
		drill.mode !== 'solo'
			? `Only a facilitator of this drill may ${what}.`
			: `Only the trainee practising may ${what}.`
	);
}

/** A live drill's facilitator (for grading, overrides, observations, console actions). */
export async function assertFacilitates(
	db: Kysely<Database>,
	drill: Drill,
	actor: DrillUser,
	what: string
): Promise<Member> {
	const member = await memberOf(db, drill.id, actor.id);
	if (member?.kind === 'facilitator' && can(actor.role, 'drills.facilitate')) return member;
	if (!relationOf(drill, member, actor)) throw new NotFoundError('No such drill.');
	throw new ForbiddenError(`Only a facilitator of this drill may ${what}.`);
}

export const drillTarget = (drillId: string) => ({ type: 'drill', id: drillId });
