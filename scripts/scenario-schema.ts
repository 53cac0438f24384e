// `npm run scenarios:schema`: writes scenarios/scenario.schema.json from the zod schema, for
// editor completion (a test fails when the committed file is out of date).
import fs from 'node:fs';
import { scenarioJsonSchema } from '../src/lib/scenarios/json-schema';

fs.writeFileSync(
	'scenarios/scenario.schema.json',
	JSON.stringify(scenarioJsonSchema(), null, '\t') + '\n'
);
console.log('wrote scenarios/scenario.schema.json');
