import data from './data/attack-enterprise.json';

// MITRE ATT&CK Enterprise: every technique and sub-technique of one release, with its tactics,
// from ATT&CK's own STIX data (src/lib/scenarios/data/attack-enterprise.json, rebuilt by
// `npm run attack:refresh`; the file carries MITRE's licence notice, which must stay with it).

export type AttackData = {
	source: string;
	license: string;
	version: string;
	/** In kill-chain order, Reconnaissance … Impact. */
	tactics: { id: string; shortname: string; name: string }[];
	techniques: {
		id: string;
		name: string;
		/** Tactic shortnames, e.g. initial-access. */
		tactics: string[];
		revoked?: boolean;
		deprecated?: boolean;
	}[];
};

const attack: AttackData = data;

/** The ATT&CK release the list comes from, e.g. 18.1. */
export const attackVersion = attack.version;

export type Tactic = string;

/** Tactic names in kill-chain order. */
export const tactics: readonly Tactic[] = attack.tactics.map((t) => t.name);

const tacticName = new Map(attack.tactics.map((t) => [t.shortname, t.name]));
const byId = new Map(attack.techniques.map((t) => [t.id, t]));

export type TechniqueStatus = 'current' | 'revoked' | 'deprecated' | 'unknown';

export type TechniqueInfo = {
	/** A sub-technique by its own name (T1566.002 is "Spearphishing Link"); the id when unknown. */
	name: string;
	/** The parent's name for a sub-technique, else null. */
	parentName: string | null;
	/** Every tactic it is listed under, in kill-chain order. */
	tactics: Tactic[];
	status: TechniqueStatus;
};

export function techniqueInfo(id: string): TechniqueInfo {
	const t = byId.get(id);
	if (!t) return { name: id, parentName: null, tactics: [], status: 'unknown' };
	const parent = id.includes('.') ? byId.get(id.split('.')[0]) : undefined;
	const names = t.tactics.map((s) => tacticName.get(s)).filter((n): n is string => !!n);
	return {
		name: t.name,
		parentName: parent?.name ?? null,
		tactics: tactics.filter((name) => names.includes(name)),
		status: t.revoked ? 'revoked' : t.deprecated ? 'deprecated' : 'current'
	};
}

/** "T1566.002 Phishing: Spearphishing Link", the way ATT&CK writes a sub-technique. */
export function techniqueLabel(id: string): string {
	const info = techniqueInfo(id);
	if (info.status === 'unknown') return id;
	return `${id} ${info.parentName ? `${info.parentName}: ` : ''}${info.name}`;
}

/** The technique's page on attack.mitre.org: T1566.001 is /techniques/T1566/001/. */
export function techniqueUrl(id: string): string {
	return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/** Every current (neither revoked nor deprecated) technique that is not a sub-technique. */
export function currentParentTechniques(): { id: string; name: string; tactics: Tactic[] }[] {
	return attack.techniques
		.filter((t) => !t.id.includes('.') && !t.revoked && !t.deprecated)
		.map((t) => ({ id: t.id, name: t.name, tactics: techniqueInfo(t.id).tactics }));
}
