import { InvalidInputError } from '../errors';

// Text PostgreSQL cannot store (NUL) or that is not text at all (a lone UTF-16 surrogate,
// which JSON escapes can carry) is refused at the edge with the field it came in, instead
// of reaching the database as a 500.

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(value: string): boolean {
	return !UNSTORABLE.test(value);
}

/** Throws for the first string anywhere in a JSON value that cannot be stored, naming it. */
export function assertStorableJson(value: unknown, path = ''): void {
	if (typeof value === 'string') {
		if (!isStorableText(value)) throw unstorable(path || 'body');
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => assertStorableJson(v, `${path}[${i}]`));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (!isStorableText(k)) throw unstorable(path || 'body');
			assertStorableJson(v, path ? `${path}.${k}` : k);
		}
	}
}

/** A form's fields, refused as a whole when one holds text that cannot be stored. */
export function assertStorableForm(form: FormData): void {
	for (const [name, value] of form) {
		if (!isStorableText(name)) throw unstorable('form');
		if (typeof value === 'string' && !isStorableText(value)) throw unstorable(name);
		if (typeof value !== 'string' && !isStorableText(value.name)) throw unstorable(name);
	}
}

function unstorable(field: string) {
	return new InvalidInputError(
		'This contains characters that cannot be stored (a NUL character or a broken Unicode sequence).',
		field
	);
}
