import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm, safeNext } from './form';

describe('safeNext', () => {
	it('keeps same-site paths', () => expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1'));
	it('refuses other sites and protocol-relative tricks', () => {
		for (const bad of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'javascript:alert(1)'
		])
			expect(safeNext(bad)).toBe('/');
	});
});

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
