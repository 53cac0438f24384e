import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema';

describe('scenario JSON Schema', () => {
	it('is committed up to date (run npm run scenarios:schema after changing the format)', () => {
		const committed = JSON.parse(fs.readFileSync('scenarios/scenario.schema.json', 'utf8'));
		expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
	});
});
