import type { z } from 'zod';
import { InvalidFormError, InvalidInputError } from '../errors';

export type FieldErrors = Record<string, string>;

/** One field's error, typed so pages can read any field of it. */
export function fieldError(field: string, message: string): FieldErrors {
	return { [field]: message };
}

/** A form's fields as plain values: one string, or a list when a name repeats. */
function rawFields(form: FormData): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = values.length > 1 ? values : values[0];
	}
	return raw;
}

/** The form's fields checked against a schema, or an error per field for the page to show. */
export function formFields<T extends z.ZodType>(form: FormData, schema: T): z.infer<T> {
	const result = schema.safeParse(rawFields(form));
	if (result.success) return result.data;
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	throw new InvalidFormError(errors);
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
	const result = schema.safeParse(rawFields(form));
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

/** The revision an edit form was based on (optimistic concurrency), or a clear 400. */
export function formRevision(form: FormData): number {
	const text = String(form.get('revision') ?? '');
	if (!/^\d{1,10}$/.test(text))
		throw new InvalidInputError('The form lacks the revision it was based on.', 'revision');
	return Number(text);
}

/**
 * Repeated groups of fields named `prefix-0-name`, `prefix-1-name`, … as rows, in index order.
 * At most `max` rows are read, whatever the form claims: no count from a request sizes work.
 */
export function formRows(form: FormData, prefix: string, max: number): Record<string, string>[] {
	const rows = new Map<number, Record<string, string>>();
	const pattern = new RegExp(`^${prefix}-(\\d{1,4})-([A-Za-z][A-Za-z0-9]*)$`);
	for (const [name, value] of form) {
		const m = pattern.exec(name);
		if (!m || typeof value !== 'string') continue;
		const index = Number(m[1]);
		if (index >= max) continue;
		const row = rows.get(index) ?? {};
		row[m[2]] = value;
		rows.set(index, row);
	}
	return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}
