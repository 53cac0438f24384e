import { describe, expect, it } from 'vitest';
import { assertStorableForm, assertStorableJson, isStorableText } from './input';

describe('text the database can store', () => {
	it('accepts ordinary text, emoji and names with diacritics', () => {
		for (const text of ['Zoë Łukasz Søren', 'plan 🛡️ v2', '', 'tab\tand\nnewline'])
			expect(isStorableText(text)).toBe(true);
	});

	it('refuses NUL characters and lone surrogates', () => {
		for (const text of ['a\u0000b', '\ud800', 'x\udc00y', '\udfff\ud800'])
			expect(isStorableText(text)).toBe(false);
	});

	it('names the JSON path of the first string that cannot be stored', () => {
		expect(() =>
			assertStorableJson({ content: { sections: [{ title: 'ok' }, { title: 'bad\u0000' }] } })
		).toThrow(expect.objectContaining({ field: 'content.sections[1].title', status: 400 }));
		expect(() => assertStorableJson({ ['key\ud800']: 1 })).toThrow(
			expect.objectContaining({ status: 400 })
		);
		expect(() => assertStorableJson({ a: [1, 'fine', { b: null }] })).not.toThrow();
	});

	it('names the form field that holds a NUL character', () => {
		const form = new FormData();
		form.set('title', 'Plan');
		form.set('body', 'before\u0000after');
		expect(() => assertStorableForm(form)).toThrow(expect.objectContaining({ field: 'body' }));
	});
});
