import { describe, expect, it } from 'vitest';
import { loadLibraryFolder } from '../server/scenarios/library';
import { techniqueInfo, techniqueLabel } from './attack';

describe('ATT&CK technique names', () => {
	it('names a sub-technique by its own name, under its parent', () => {
		expect(techniqueInfo('T1566.003')).toEqual({
			name: 'Spearphishing via Service',
			parentName: 'Phishing',
			tactics: ['Initial Access'],
			status: 'current'
		});
		expect(techniqueLabel('T1566.003')).toBe('T1566.003 Phishing: Spearphishing via Service');
	});

	it('lists every tactic of a technique in kill-chain order', () => {
		expect(techniqueInfo('T1078').tactics).toEqual([
			'Initial Access',
			'Persistence',
			'Privilege Escalation',
			'Defense Evasion'
		]);
	});

	it('tells revoked and unknown ids apart from current ones', () => {
		expect(techniqueInfo('T1002').status).toBe('revoked');
		expect(techniqueInfo('T1999').status).toBe('unknown');
		expect(techniqueLabel('T1999')).toBe('T1999');
	});

	it('knows every technique the shipped library uses, none of them retired', () => {
		const used = new Set(loadLibraryFolder('scenarios').flatMap((e) => e.scenario?.attack ?? []));
		expect([...used].filter((id) => techniqueInfo(id).status !== 'current')).toEqual([]);
	});
});
