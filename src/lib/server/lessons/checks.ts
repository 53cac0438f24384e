import { isCalendarDate } from '../../dates';
import { normaliseLineEndings } from '../../plans/content';
import { isStorableText } from '../http/input';
import { ForbiddenError, InvalidFormError, InvalidInputError } from '../errors';
import { holds, type LessonActor } from './actor';

// Small checks shared by findings, actions and verification: text fields with a length,
// calendar dates, and the lead's right to edit lessons.

/**
 * Text as typed, for every lessons field: absent is '', line endings normalised, trimmed, and
 * refused on `field` when it is not text, holds what no database stores, or is over `max`.
 */
export function boundedText(value: unknown, field: string, max: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw new InvalidInputError('Write text here.', field);
	if (!isStorableText(value))
		throw new InvalidInputError(
			'This contains characters that cannot be stored (a NUL character or a broken Unicode sequence).',
			field
		);
	const text = normaliseLineEndings(value).trim();
	if (text.length > max)
		throw new InvalidInputError(`Keep it under ${max.toLocaleString('en-GB')} characters.`, field);
	return text;
}

/** Text that must be there, or InvalidInputError on `field` saying what is `missing`. */
export function requiredText(value: unknown, field: string, max: number, missing: string): string {
	const text = boundedText(value, field, max);
	if (!text) throw new InvalidInputError(missing, field);
	return text;
}

/** Text, or null when empty. */
export function optionalText(value: unknown, field: string, max: number): string | null {
	return boundedText(value, field, max) || null;
}

/** A calendar date YYYY-MM-DD, or InvalidInputError on `field`. */
export function calendarDate(value: unknown, field: string, what: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InvalidInputError(`Give the ${what}.`, field);
	if (!isCalendarDate(text))
		throw new InvalidInputError(`The ${what} must be a date like 2026-12-31.`, field);
	return text;
}

/** Leads and admins create and edit findings and actions, verify and cancel. */
export function assertLessonEditor(actor: LessonActor, what: string): void {
	if (!holds(actor, 'lessons.edit'))
		throw new ForbiddenError(`Only a SOC lead or an admin may ${what}.`);
}

/**
 * Every field's problem at once, so a form marks each bad field instead of only the first:
 * `field(check, fallback)` runs one check and notes its error (the first for each field),
 * answering `fallback` in its place; `done()` then throws what was noted — the error itself
 * when there is one, InvalidFormError when there are several. A fallback never reaches the
 * database: `done()` throws whenever one was used.
 */
export function fieldChecks() {
	const errors: Record<string, string> = {};
	const noted = (e: unknown): boolean => {
		if (!(e instanceof InvalidInputError) || e instanceof InvalidFormError || !e.field)
			return false;
		errors[e.field] ??= e.message;
		return true;
	};
	return {
		/** The problems noted so far, by field. */
		errors: errors as Readonly<Record<string, string>>,
		/** Notes a problem found outside a check (e.g. between two fields). */
		problem(field: string, message: string): void {
			errors[field] ??= message;
		},
		field<T>(check: () => T, fallback: T): T {
			try {
				return check();
			} catch (e) {
				if (noted(e)) return fallback;
				throw e;
			}
		},
		async fieldAsync<T>(check: () => Promise<T>, fallback: T): Promise<T> {
			try {
				return await check();
			} catch (e) {
				if (noted(e)) return fallback;
				throw e;
			}
		},
		done(): void {
			const entries = Object.entries(errors);
			if (entries.length === 1) throw new InvalidInputError(entries[0][1], entries[0][0]);
			if (entries.length > 1) throw new InvalidFormError(errors);
		}
	};
}
