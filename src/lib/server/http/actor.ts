import type { AuditActor } from '../audit/log';
import { clientAddress } from './form';

/** The audit actor of a request: the signed-in user and the client address. */
export function actorOf(event: { locals: App.Locals; getClientAddress(): string }): AuditActor {
	const user = event.locals.user;
	return {
		id: user?.id ?? null,
		label: user?.email ?? 'anonymous',
		ip: clientAddress(event)
	};
}
