import { isCalendarDate } from '../../dates';
import { ForbiddenError, InvalidInputError } from '../errors';
import { holds, type LessonActor } from './actor';

// Small checks shared by findings, actions and verification: text fields with a length,
// calendar dates, and the lead's right to edit lessons.

/** Trimmed text that must be there, or InvalidInputError on `field`. */
export function requiredText(value: unknown, field: string, max: number, missing: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InvalidInputError(missing, field);
	if (text.length > max)
		throw new InvalidInputError(`Keep it under ${max.toLocaleString('en-GB')} characters.`, field);
	return text;
}

/** Trimmed text or null when empty. */
export function optionalText(value: unknown, field: string, max: number): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw new InvalidInputError('Give text.', field);
	const text = value.trim();
	if (text.length > max)
		throw new InvalidInputError(`Keep it under ${max.toLocaleString('en-GB')} characters.`, field);
	return text || null;
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
