import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import shipped from '../../scenarios/data/attack-enterprise.json';
import { attackDataFromStix } from './attack-stix';

const bundle = JSON.parse(
	fs.readFileSync('tests/fixtures/scenarios/attack/enterprise-attack-mini.json', 'utf8')
);

describe('the ATT&CK list built from a STIX bundle', () => {
	const data = attackDataFromStix(bundle);

	it('names the release and keeps MITRE’s licence notice with the year of the release', () => {
		expect(data.version).toBe('99.1');
		expect(data.source).toMatch(/^MITRE ATT&CK Enterprise v99\.1 \(2030-04-22\), from the STIX/);
		expect(data.license).toContain('© 2030 The MITRE Corporation');
	});

	it('lists the tactics in the matrix’s kill-chain order, not the bundle’s', () => {
		expect(data.tactics).toEqual([
			{ id: 'TA0043', shortname: 'reconnaissance', name: 'Reconnaissance' },
			{ id: 'TA0001', shortname: 'initial-access', name: 'Initial Access' },
			{ id: 'TA0040', shortname: 'impact', name: 'Impact' }
		]);
	});

	it('takes ids from the mitre-attack reference, sorts them, and keeps only ATT&CK phases', () => {
		expect(data.techniques).toEqual([
			{ id: 'T1002', name: 'Data Compressed', tactics: ['impact'], revoked: true },
			{ id: 'T1159', name: 'Launch Daemon', tactics: ['impact'], deprecated: true },
			{ id: 'T1486', name: 'Data Encrypted for Impact', tactics: ['impact'] },
			{ id: 'T1566', name: 'Phishing', tactics: ['initial-access'] },
			{ id: 'T1566.003', name: 'Spearphishing via Service', tactics: ['initial-access'] },
			{
				id: 'T1589',
				name: 'Gather Victim Identity Information',
				tactics: ['reconnaissance', 'initial-access']
			}
		]);
	});

	it('refuses something that is not an ATT&CK bundle, saying why', () => {
		expect(() => attackDataFromStix({ objects: [] })).toThrow(/not a STIX bundle/);
		expect(() => attackDataFromStix({ type: 'bundle', objects: [] })).toThrow(
			/no x-mitre-collection/
		);
		const noTechniques = {
			...bundle,
			objects: bundle.objects.filter((o: { type: string }) => o.type !== 'attack-pattern')
		};
		expect(() => attackDataFromStix(noTechniques)).toThrow(/no attack-pattern objects/);
	});

	it('writes the same shape as the list that ships with Hotwash', () => {
		expect(Object.keys(data)).toEqual(Object.keys(shipped));
		expect(shipped.version).toBe('18.1');
		expect(shipped.tactics.map((t) => t.name)).toEqual([
			'Reconnaissance',
			'Resource Development',
			'Initial Access',
			'Execution',
			'Persistence',
			'Privilege Escalation',
			'Defense Evasion',
			'Credential Access',
			'Discovery',
			'Lateral Movement',
			'Collection',
			'Command and Control',
			'Exfiltration',
			'Impact'
		]);
	});
});
