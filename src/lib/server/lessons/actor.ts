import { can, type Permission, type Role } from '../../permissions';
import type { AuditActor } from '../audit/log';

// The acting user as the lessons-learned domain takes them: the audit actor with an id and
// the role, so the domain can check rights that depend on the data (an action's owner).

export type LessonActor = AuditActor & { id: string; role: Role };

/** From a request's audit actor and its signed-in user. */
export const lessonActor = (
	actor: AuditActor & { id: string },
	user: { role: Role }
): LessonActor => ({
	...actor,
	role: user.role
});

export const holds = (actor: { role: Role }, permission: Permission) => can(actor.role, permission);
