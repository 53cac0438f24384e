import { describe, expect, it } from 'vitest';
import { loadLibraryFolder } from '../server/scenarios/library';
import { techniqueInfo } from './attack';

describe('ATT&CK technique names', () => {
	it('takes a sub-technique’s tactic from its parent', () => {
		expect(techniqueInfo('T1566.001')).toEqual({ name: 'Phishing', tactic: 'Initial Access' });
	});
	it('knows the tactic of every technique the shipped library uses', () => {
		const used = new Set(loadLibraryFolder('scenarios').flatMap((e) => e.scenario?.attack ?? []));
		expect([...used].filter((id) => techniqueInfo(id).tactic === null)).toEqual([]);
	});
});
