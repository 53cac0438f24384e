import { hashSecret } from '../auth/tokens';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a chain hash covers: everything in the row but the hash itself. */
export type ChainedContent = {
	seq: number;
	occurredAt: Date;
	actorId: string | null;
	actorLabel: string;
	action: string;
	targetType: string | null;
	targetId: string | null;
	ip: string | null;
	detail: unknown;
};

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
	const body = canonicalJson({ ...content, occurredAt: content.occurredAt.toISOString() });
	return hashSecret(`${prevHash}\n${body}`);
}
