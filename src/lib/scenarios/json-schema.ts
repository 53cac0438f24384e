import { z } from 'zod';
import { scenarioSchema } from './schema';

/** The JSON Schema of a scenario file as authors write it (defaults may be left out). */
export function scenarioJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
		$id: 'https://hotwash.example/scenario.schema.json',
		title: 'Hotwash tabletop scenario'
	};
}
