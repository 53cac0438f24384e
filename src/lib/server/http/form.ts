import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** One field's error, typed so pages can read any field of it. */
export function fieldError(field: string, message: string): FieldErrors {
	return { [field]: message };
}

/** Validates a form against a schema; errors come back by field name for the page to show. */
export async function parseForm<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<
	| { ok: true; data: z.infer<T>; form: FormData }
	| { ok: false; errors: FieldErrors; form: FormData }
> {
	const form = await request.formData();
	const raw: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = values.length > 1 ? values : values[0];
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, form };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, form };
}

/** The client address as the adapter sees it (ADDRESS_HEADER when behind a proxy). */
export function clientAddress(event: { getClientAddress(): string }): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Only same-site paths: an open redirect after login would be a phishing tool. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return fallback;
	return next;
}
