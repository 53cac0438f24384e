import type { z } from 'zod';
import { scenarioSchema } from '../../scenarios/schema';

// The field names the scenario format allows at a place in a file, read from the zod schema
// itself so that suggestions never drift from the format.

type Def = {
	type: string;
	shape?: Record<string, z.ZodType>;
	element?: z.ZodType;
	options?: z.ZodType[];
	innerType?: z.ZodType;
	in?: z.ZodType;
	out?: z.ZodType;
	discriminator?: string;
};
const def = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The values a literal or enum field accepts (a prompt's `type`). */
function valuesOf(field: z.ZodType | undefined): unknown[] {
	if (!field) return [];
	const d = def(unwrap(field)) as Def & { values?: unknown[]; entries?: Record<string, unknown> };
	return d.values ?? Object.values(d.entries ?? {});
}

function unwrap(schema: z.ZodType): z.ZodType {
	let s = schema;
	for (;;) {
		const d = def(s);
		if (d.innerType) s = d.innerType;
		else if (d.type === 'pipe' && d.out) s = def(d.in!).type === 'transform' ? d.out : d.in!;
		else return s;
	}
}

/** The object schemas a value at this place may be: one, or several for a union. */
function objectsAt(schema: z.ZodType, data: unknown): z.ZodType[] {
	const s = unwrap(schema);
	const d = def(s);
	if (d.type === 'object') return [s];
	if (d.type !== 'union') return [];
	const options = d.options!.flatMap((o) => objectsAt(o, data));
	// A prompt's `type` picks one member of the union.
	const tag = d.discriminator;
	const value = tag ? (data as Record<string, unknown> | null)?.[tag] : undefined;
	if (tag && value !== undefined) {
		const chosen = options.filter((o) => valuesOf(def(o).shape?.[tag]).includes(value));
		if (chosen.length) return chosen;
	}
	return options;
}

function step(schema: z.ZodType, segment: PropertyKey, data: unknown): z.ZodType | null {
	const s = unwrap(schema);
	const d = def(s);
	if (d.type === 'array') return typeof segment === 'number' ? d.element! : null;
	for (const o of objectsAt(s, data)) {
		const field = def(o).shape?.[String(segment)];
		if (field) return field;
	}
	return null;
}

export type FieldsHere = {
	/** The fields of the object at this place (of the matching member of a union). */
	known: string[];
	/** For a prompt: which other prompt types take a field, e.g. rubric → free-text. */
	elsewhere: Map<string, string[]>;
};

/** The allowed fields of the object at `path` in the scenario (data guides union members). */
export function fieldsAt(path: readonly PropertyKey[], data: unknown): FieldsHere {
	let schema: z.ZodType | null = scenarioSchema;
	let node: unknown = data;
	for (const segment of path) {
		schema = schema && step(schema, segment, node);
		node = (node as Record<PropertyKey, unknown> | null)?.[segment as string];
		if (!schema) return { known: [], elsewhere: new Map() };
	}
	const here = objectsAt(schema!, node);
	const known = [...new Set(here.flatMap((o) => Object.keys(def(o).shape ?? {})))];
	const elsewhere = new Map<string, string[]>();
	const all = objectsAt(schema!, undefined);
	if (all.length > here.length)
		for (const o of all) {
			if (here.includes(o)) continue;
			const values = valuesOf(def(o).shape?.type);
			for (const key of Object.keys(def(o).shape ?? {}))
				if (!known.includes(key))
					elsewhere.set(key, [...(elsewhere.get(key) ?? []), ...values.map(String)]);
		}
	return { known, elsewhere };
}
