import type { ActionFailure } from '@sveltejs/kit';
import type { Permission } from '../../permissions';
import { authorize } from '../access/gate';
import type { AuditActor } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { InvalidInputError, RateLimitedError } from '../errors';
import { clientAddress } from './form';
import { failForAction, rethrowForPage, type ActionFailureData } from './errors';
import { assertStorableForm } from './input';

// Pages and form actions go through these two wrappers: authenticate, authorise at the one
// gate, read the form, run the domain code, and turn its errors into an error page or a form
// failure. Route files then hold only what is particular to them.

export type PageEvent = { locals: App.Locals; url: URL; getClientAddress(): string };
export type ActionEvent = PageEvent & {
	request: Request;
	setHeaders(headers: Record<string, string>): void;
};

/** Who did it, for the audit trail. */
export type Actor = AuditActor & { id: string };

export function actorFor(event: PageEvent, user: SessionUser): Actor {
	return { id: user.id, label: user.email, ip: clientAddress(event) };
}

/** A page load for users holding `permission`. */
export function page<E extends PageEvent, R>(
	permission: Permission,
	load: (event: E, user: SessionUser) => Promise<R> | R
) {
	return async (event: E): Promise<R> => {
		try {
			const user = authorize(event.locals.user, permission);
			return await load(event, user);
		} catch (e) {
			rethrowForPage(e, event.url);
		}
	};
}

export type ActionContext = { user: SessionUser; actor: Actor; form: FormData };

/**
 * A form action for users holding `permission`. On a domain error the page comes back with
 * the message, the field's error and what the user typed: the fields named in `echo`, or what
 * `echoWith` makes of the form (never a password).
 */
export function action<
	E extends ActionEvent,
	R,
	K extends string = never,
	X extends Record<string, unknown> = Record<never, never>
>(
	permission: Permission,
	run: (event: E, context: ActionContext) => Promise<R>,
	options: { echo?: readonly K[]; echoWith?: (form: FormData) => X } = {}
) {
	return async (
		event: E
	): Promise<R | ActionFailure<ActionFailureData & Partial<Record<K, string>> & Partial<X>>> => {
		let form: FormData | undefined;
		try {
			const user = authorize(event.locals.user, permission);
			form = await readForm(event.request);
			return await run(event, { user, actor: actorFor(event, user), form });
		} catch (e) {
			if (e instanceof RateLimitedError)
				event.setHeaders({ 'retry-after': String(e.retryAfterSeconds) });
			const echo = form && options.echoWith ? options.echoWith(form) : echoOf(form, options.echo);
			return failForAction(e, event.url, echo) as ActionFailure<
				ActionFailureData & Partial<Record<K, string>> & Partial<X>
			>;
		}
	};
}

/**
 * A form action open to anyone (login, invite, first-admin setup): the form read and checked
 * as for `action()`, and domain errors turned into the page again with `echo` kept.
 */
export function publicAction<E extends ActionEvent, R, K extends string = never>(
	run: (event: E, form: FormData) => Promise<R>,
	options: { echo?: readonly K[] } = {}
) {
	return async (
		event: E
	): Promise<R | ActionFailure<ActionFailureData & Partial<Record<K, string>>>> => {
		let form: FormData | undefined;
		try {
			form = await readForm(event.request);
			return await run(event, form);
		} catch (e) {
			if (e instanceof RateLimitedError)
				event.setHeaders({ 'retry-after': String(e.retryAfterSeconds) });
			return failForAction(e, event.url, echoOf(form, options.echo)) as ActionFailure<
				ActionFailureData & Partial<Record<K, string>>
			>;
		}
	};
}

/** The posted form, or a clear 400/415 when the body is not one. */
export async function readForm(request: Request): Promise<FormData> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// The adapter's body-size limit surfaces here as an error with status 413.
		if ((e as { status?: number }).status === 413)
			throw new InvalidInputError('The form is too large.', undefined, 413);
		throw new InvalidInputError(
			'Send the form as a browser does (urlencoded or multipart).',
			undefined,
			415
		);
	}
	assertStorableForm(form);
	return form;
}

// What goes back to a page is never more than a page would send.
const MAX_ECHO_CHARS = 200_000;

function echoOf(form: FormData | undefined, fields: readonly string[] = []) {
	const echo: Record<string, string> = {};
	for (const name of fields) {
		if (/password|secret|token/i.test(name)) continue;
		const value = form?.get(name);
		if (typeof value === 'string') echo[name] = value.slice(0, MAX_ECHO_CHARS);
	}
	return echo;
}
