import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			/** Hash id of the cookie session, when the request came with one. */
			sessionId: string | null;
			authMethod: 'session' | 'token' | null;
			requestId: string;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
		interface PageData {
			user?: SessionUser | null;
		}
	}
}

export {};
