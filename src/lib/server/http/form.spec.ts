import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formFields, formRevision, formRows, parseForm } from './form';

describe('parseForm', () => {
	it('reports errors by field name', async () => {
		const body = new URLSearchParams({ email: 'nope' });
		const request = new Request('http://x/', { method: 'POST', body });
		const result = await parseForm(
			request,
			z.object({
				email: z.string().email('Enter a valid email address.'),
				name: z.string({ message: 'Enter a name.' })
			})
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors).toEqual({
				email: 'Enter a valid email address.',
				name: 'Enter a name.'
			});
	});
});

describe('formFields and formRows', () => {
	it('throws one error per field, naming each', () => {
		const form = new FormData();
		form.set('email', 'nope');
		expect(() =>
			formFields(
				form,
				z.object({ email: z.string().email('Enter a valid email address.'), name: z.string() })
			)
		).toThrow(
			expect.objectContaining({
				fieldErrors: expect.objectContaining({ email: 'Enter a valid email address.' })
			})
		);
	});

	it('reads at most the rows it is allowed, however many the form claims', () => {
		const form = new FormData();
		form.set('levels', '1000000000');
		for (let i = 0; i < 50; i++) form.set(`level-${i}-id`, `SEV${i}`);
		form.set('level-99999999-id', 'huge');
		const rows = formRows(form, 'level', 10);
		expect(rows).toHaveLength(10);
		expect(rows[0]).toEqual({ id: 'SEV0' });
		expect(rows[9]).toEqual({ id: 'SEV9' });
	});

	it('keeps rows in index order, not in the order fields arrive', () => {
		const form = new FormData();
		form.set('level-2-id', 'C');
		form.set('level-0-id', 'A');
		form.set('level-0-name', 'Alpha');
		expect(formRows(form, 'level', 10)).toEqual([{ id: 'A', name: 'Alpha' }, { id: 'C' }]);
	});

	it('refuses a revision that is not a whole number', () => {
		for (const value of ['', '1e20', '-1', '1.5', '99999999999']) {
			const form = new FormData();
			form.set('revision', value);
			expect(() => formRevision(form)).toThrow(expect.objectContaining({ field: 'revision' }));
		}
		const ok = new FormData();
		ok.set('revision', '12');
		expect(formRevision(ok)).toBe(12);
	});
});
