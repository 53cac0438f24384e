import { json, type RequestEvent } from '@sveltejs/kit';
import type { Permission } from '../../permissions';
import { authorize } from '../access/gate';
import type { SessionUser } from '../auth/session';
import { InvalidInputError } from '../errors';
import { apiErrorResponse, apiResponseFor } from '../http/errors';
import { assertStorableJson, isStorableText } from '../http/input';
import { actorFor, type Actor } from '../http/route';
import { logger } from '../logger';

export { apiErrorResponse };

/**
 * Wraps an API handler: authorises at the gate and turns domain errors into the JSON error
 * shape. Returns JSON of whatever the handler returns (or the Response it builds).
 */
export function apiRoute<E extends RequestEvent = RequestEvent>(
	permission: Permission,
	handler: (event: E, user: SessionUser, actor: Actor) => Promise<unknown>
) {
	return async (event: E): Promise<Response> => {
		try {
			const user = authorize(event.locals.user, permission);
			const result = await handler(event, user, actorFor(event, user));
			return result instanceof Response ? result : json(result);
		} catch (e) {
			const response = apiResponseFor(e);
			if (response) return response;
			logger.error({ err: e, requestId: event.locals.requestId }, 'api handler failed');
			return apiErrorResponse(500, 'internal_error', 'Something went wrong on our side.');
		}
	};
}

/** JSON with 201 Created and where the new record lives. */
export function created(body: unknown, location: string): Response {
	return json(body, { status: 201, headers: { location } });
}

/**
 * The request body as text: 413 when it is over the size limit (the adapter's stream error
 * says so), never a 500.
 */
export async function readText(request: Request): Promise<string> {
	try {
		return await request.text();
	} catch (e) {
		if ((e as { status?: number }).status === 413)
			throw new InvalidInputError('The request body is too large.', undefined, 413);
		throw new InvalidInputError('The request body could not be read.');
	}
}

const isJsonType = (type: string) => /^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type);

/** The request body as JSON: 415 for another content type, 400 for broken JSON. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	const text = await readText(request);
	if (!text.trim()) return {};
	if (!isJsonType(type))
		throw new InvalidInputError(
			'Send the body as JSON with Content-Type: application/json.',
			undefined,
			415
		);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new InvalidInputError('The request body must be JSON.');
	}
	assertStorableJson(body);
	return body;
}

/** Text from a raw (non-JSON) body, e.g. YAML, refused when it cannot be stored. */
export async function readStorableText(request: Request): Promise<string> {
	const text = await readText(request);
	if (!isStorableText(text))
		throw new InvalidInputError(
			'The body contains characters that cannot be stored (NUL or broken Unicode).'
		);
	return text;
}

/** The request body as bytes (a file sent as is): 413 over the size limit, never a 500. */
export async function readBytes(request: Request): Promise<Uint8Array> {
	try {
		return new Uint8Array(await request.arrayBuffer());
	} catch (e) {
		if ((e as { status?: number }).status === 413)
			throw new InvalidInputError('The request body is too large.', undefined, 413);
		throw new InvalidInputError('The request body could not be read.');
	}
}
