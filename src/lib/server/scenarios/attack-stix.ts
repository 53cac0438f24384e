import type { AttackData } from '../../scenarios/attack';

// Builds the ATT&CK technique list that ships in src/lib/scenarios/data/ from ATT&CK's own
// STIX 2.1 bundle (enterprise-attack.json of the mitre-attack/attack-stix-data or mitre/cti
// repository). Used by `npm run attack:refresh`; kept pure so a small bundle can test it.

type StixReference = { source_name?: unknown; external_id?: unknown };
type StixObject = {
	type?: unknown;
	id?: unknown;
	name?: unknown;
	modified?: unknown;
	revoked?: unknown;
	x_mitre_deprecated?: unknown;
	x_mitre_shortname?: unknown;
	x_mitre_version?: unknown;
	tactic_refs?: unknown;
	kill_chain_phases?: unknown;
	external_references?: unknown;
};

const LICENCE = (year: string) =>
	'The MITRE Corporation (MITRE) hereby grants you a non-exclusive, royalty-free license to use ATT&CK® for research, development, and commercial purposes. Any copy you make for such purposes is authorized provided that you reproduce MITRE\'s copyright designation and this license in any such copy. "© ' +
	year +
	' The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation."';

function attackId(o: StixObject): string | null {
	const refs = Array.isArray(o.external_references)
		? (o.external_references as StixReference[])
		: [];
	const ref = refs.find((r) => r?.source_name === 'mitre-attack');
	return typeof ref?.external_id === 'string' ? ref.external_id : null;
}

/** The technique list of one ATT&CK Enterprise release; throws with a reason on a bad bundle. */
export function attackDataFromStix(bundle: unknown): AttackData {
	const objects = (bundle as { type?: unknown; objects?: unknown } | null)?.objects;
	if ((bundle as { type?: unknown })?.type !== 'bundle' || !Array.isArray(objects))
		throw new Error('not a STIX bundle: expected {"type": "bundle", "objects": [...]}');
	const all = objects.filter((o): o is StixObject => !!o && typeof o === 'object');

	const collection = all.find((o) => o.type === 'x-mitre-collection');
	const version = typeof collection?.x_mitre_version === 'string' ? collection.x_mitre_version : '';
	if (!version) throw new Error('the bundle has no x-mitre-collection with an x_mitre_version');
	const released = typeof collection?.modified === 'string' ? collection.modified.slice(0, 10) : '';

	const tacticObjects = all.filter((o) => o.type === 'x-mitre-tactic' && o.revoked !== true);
	// The matrix lists the tactics in kill-chain order (Reconnaissance … Impact).
	const matrix = all.find((o) => o.type === 'x-mitre-matrix' && Array.isArray(o.tactic_refs));
	const order = (matrix?.tactic_refs as unknown[] | undefined) ?? [];
	const rank = (o: StixObject) => {
		const i = order.indexOf(o.id);
		return i === -1 ? order.length : i;
	};
	const tactics = [...tacticObjects]
		.sort((a, b) => rank(a) - rank(b) || String(attackId(a)).localeCompare(String(attackId(b))))
		.map((o) => ({
			id: attackId(o) ?? '',
			shortname: typeof o.x_mitre_shortname === 'string' ? o.x_mitre_shortname : '',
			name: typeof o.name === 'string' ? o.name : ''
		}))
		.filter((t) => /^TA\d{4}$/.test(t.id) && t.shortname && t.name);
	if (tactics.length === 0) throw new Error('the bundle has no x-mitre-tactic objects');

	const techniques: AttackData['techniques'] = [];
	for (const o of all) {
		if (o.type !== 'attack-pattern') continue;
		const id = attackId(o);
		if (!id || !/^T\d{4}(\.\d{3})?$/.test(id) || typeof o.name !== 'string') continue;
		const phases = Array.isArray(o.kill_chain_phases)
			? (o.kill_chain_phases as { kill_chain_name?: unknown; phase_name?: unknown }[])
			: [];
		const technique: AttackData['techniques'][number] = {
			id,
			name: o.name,
			tactics: phases
				.filter((p) => p?.kill_chain_name === 'mitre-attack' && typeof p.phase_name === 'string')
				.map((p) => p.phase_name as string)
		};
		if (o.revoked === true) technique.revoked = true;
		if (o.x_mitre_deprecated === true) technique.deprecated = true;
		techniques.push(technique);
	}
	if (techniques.length === 0) throw new Error('the bundle has no attack-pattern objects');
	techniques.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const duplicate = techniques.find((t, i) => i > 0 && techniques[i - 1].id === t.id);
	if (duplicate) throw new Error(`technique ${duplicate.id} appears twice in the bundle`);

	return {
		source: `MITRE ATT&CK Enterprise v${version}${released ? ` (${released})` : ''}, from the STIX 2.1 objects of the mitre/cti repository: attack-pattern (techniques and sub-techniques, with revoked/deprecated flags) and x-mitre-tactic.`,
		license: LICENCE(released.slice(0, 4) || String(new Date().getUTCFullYear())),
		version,
		tactics,
		techniques
	};
}
