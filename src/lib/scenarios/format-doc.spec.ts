import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { incidentFacts } from '../plans/incident-facts';
import { templatePlanReference } from '../server/scenarios/plan-reference';
import { validateScenarioText } from '../server/scenarios/validate';
import { scenarioJsonSchema } from './json-schema';
import { capabilities, categories, channels } from './schema';

const readme = fs.readFileSync('scenarios/README.md', 'utf8');

/** Every property name anywhere in the JSON Schema: properties, items, unions and $defs. */
function propertyNames(node: unknown, names = new Set<string>()): Set<string> {
	if (Array.isArray(node)) {
		for (const n of node) propertyNames(n, names);
		return names;
	}
	if (!node || typeof node !== 'object') return names;
	const schema = node as Record<string, unknown>;
	if (schema.properties && typeof schema.properties === 'object') {
		for (const [name, child] of Object.entries(schema.properties)) {
			names.add(name);
			propertyNames(child, names);
		}
	}
	for (const key of ['items', 'prefixItems', 'additionalProperties', 'anyOf', 'oneOf', 'allOf'])
		propertyNames(schema[key], names);
	for (const key of ['$defs', 'definitions']) {
		const defs = schema[key];
		if (defs && typeof defs === 'object') propertyNames(Object.values(defs), names);
	}
	return names;
}

describe('scenarios/README.md', () => {
	it('documents every field of the scenario format', () => {
		const names = [...propertyNames(scenarioJsonSchema())];
		expect(names.length).toBeGreaterThan(40);
		const missing = names.filter((n) => !readme.includes(`\`${n}\``));
		expect(missing, `fields missing from scenarios/README.md: ${missing.join(', ')}`).toEqual([]);
	});

	it('explains every incident fact', () => {
		const missing = incidentFacts.filter((f) => !readme.includes(`| \`${f}\``));
		expect(missing, 'facts missing from the Incident facts table').toEqual([]);
	});

	it('gives a complete example that passes validation without warnings', () => {
		const example = readme.slice(readme.indexOf('## Example'));
		const yaml = /```yaml\n([\s\S]*?)```/.exec(example)![1];
		const result = validateScenarioText(yaml, templatePlanReference);
		expect([...result.errors, ...result.warnings]).toEqual([]);
		expect(result.scenario?.id).toBe('example-file-server-ransomware');
	});

	it('lists the template plan’s section and matrix keys that references are checked against', () => {
		const validation = readme.slice(readme.indexOf('## Validation'));
		const keys = [...templatePlanReference.sectionKeys, ...templatePlanReference.matrixKeys];
		const missing = keys.filter((k) => !validation.includes(`\`${k}\``));
		expect(missing, 'template keys missing from the Validation section').toEqual([]);
	});

	it('lists every category, channel and capability', () => {
		for (const [what, values] of [
			['category', categories],
			['channel', channels],
			['capability', capabilities]
		] as const) {
			const missing = values.filter((v) => !readme.includes(v));
			expect(missing, `${what} values missing from scenarios/README.md`).toEqual([]);
		}
	});
});
