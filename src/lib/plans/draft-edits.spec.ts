import { describe, expect, it } from 'vitest';
import type { PlanContent } from './content';
import { addSection, moveSection, removeSection, updateSection } from './draft-edits';

const content: PlanContent = {
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'a' },
		{ key: 'roles', title: 'Roles', level: 2, body: 'b' },
		{ key: 'escalation', title: 'Escalation', level: 1, body: 'c' }
	],
	severityScale: [{ id: 'SEV1', name: 'Critical', criteria: 'x' }],
	matrix: []
};
const keys = (c: PlanContent) => c.sections.map((s) => s.key);

describe('draft edits', () => {
	it('adds a section after another with a key made from its title', () => {
		const { content: next, key } = addSection(content, {
			title: 'Tools & resources',
			level: 2,
			afterKey: 'roles'
		});
		expect(key).toBe('tools-resources');
		expect(keys(next)).toEqual(['scope', 'roles', 'tools-resources', 'escalation']);
	});

	it('never reuses a key that exists', () => {
		expect(addSection(content, { title: 'Scope', level: 1, afterKey: null }).key).toBe('scope-2');
	});

	it('moves a section up and down, and not past either end', () => {
		expect(keys(moveSection(content, 'escalation', 'up'))).toEqual([
			'scope',
			'escalation',
			'roles'
		]);
		expect(keys(moveSection(content, 'scope', 'up'))).toEqual(keys(content));
		expect(keys(moveSection(content, 'escalation', 'down'))).toEqual(keys(content));
	});

	it('renames a section but keeps its key', () => {
		const next = updateSection(content, 'escalation', { title: 'Notification and escalation' });
		expect(next.sections[2]).toMatchObject({
			key: 'escalation',
			title: 'Notification and escalation'
		});
	});

	it('removes a section, and reports one that is already gone', () => {
		expect(keys(removeSection(content, 'roles'))).toEqual(['scope', 'escalation']);
		expect(() => removeSection(content, 'nope')).toThrow(
			'That section no longer exists in this draft.'
		);
	});

	it('leaves the original content untouched', () => {
		const before = structuredClone(content);
		moveSection(content, 'escalation', 'up');
		updateSection(content, 'scope', { body: 'changed' });
		expect(content).toEqual(before);
	});
});
