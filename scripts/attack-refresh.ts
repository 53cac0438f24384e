// `npm run attack:refresh -- path/to/enterprise-attack.json [output]`: rebuilds the ATT&CK technique
// list (src/lib/scenarios/data/attack-enterprise.json) from a local copy of ATT&CK's STIX 2.1
// bundle, e.g. enterprise-attack.json from github.com/mitre-attack/attack-stix-data. The
// scenario validator then knows the new release's techniques, names and tactics.
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { attackDataFromStix } from '../src/lib/server/scenarios/attack-stix';

const shipped = 'src/lib/scenarios/data/attack-enterprise.json';
const [file, target = shipped] = process.argv.slice(2);
if (!file) {
	console.error('usage: npm run attack:refresh -- path/to/enterprise-attack.json [output]');
	process.exit(2);
}

try {
	const data = attackDataFromStix(JSON.parse(fs.readFileSync(file, 'utf8')));
	// Formatted as the project's prettier would, so `prettier --check` passes on the result.
	const options = (await prettier.resolveConfig(shipped)) ?? {};
	const text = await prettier.format(JSON.stringify(data), { ...options, filepath: shipped });
	// Written next to the target and renamed, so a failure never leaves half a file.
	const temporary = path.join(path.dirname(target), `.attack-refresh.${process.pid}.tmp`);
	fs.writeFileSync(temporary, text);
	fs.renameSync(temporary, target);
	const retired = data.techniques.filter((t) => t.revoked || t.deprecated).length;
	console.log(
		`wrote ${target}: ATT&CK Enterprise ${data.version}, ${data.techniques.length} techniques (${retired} revoked or deprecated), ${data.tactics.length} tactics`
	);
} catch (e) {
	console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
