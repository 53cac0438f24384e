import { describe, expect, it } from 'vitest';
import { markdownTokens, renderMarkdown } from './render';

// Known XSS payloads (OWASP cheat sheet and marked's own history). The output must be inert:
// no script, no handler attribute, no javascript:/data: URL, no frame or object.
const payloads = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'[click](javascript:alert(1))',
	'[click](JaVaScRiPt:alert(1))',
	'[click](&#106;avascript:alert(1))',
	'[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
	'<a href="vbscript:msgbox(1)">x</a>',
	'<div style="background:url(javascript:alert(1))">x</div>',
	'<details open ontoggle=alert(1)>',
	'<object data="x.swf"></object><embed src="x.swf">',
	'<form action="javascript:alert(1)"><button>x</button></form>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<a href="  javascript:alert(1)">x</a>',
	'[x](<javascript:alert(1)>)',
	'<input onfocus=alert(1) autofocus>',
	'<body onload=alert(1)>',
	'<base href="javascript:/">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
];

describe('markdown rendering', () => {
	it.each(payloads)('renders %s inert', (payload) => {
		const html = renderMarkdown(payload);
		expect(html).not.toMatch(
			/<script|<iframe|<object|<embed|<svg|<math|<style|<form|<meta|<base|<body|<details/i
		);
		// Inside a tag: the same words shown as escaped text are harmless.
		expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
		expect(html).not.toMatch(/<[^>]*(href|src|action)\s*=\s*"?\s*(javascript|vbscript|data):/i);
		expect(html).not.toMatch(/<[^>]*style=/i);
	});

	it('keeps ordinary formatting, tables and links, and marks links noopener noreferrer', () => {
		const html = renderMarkdown(
			'## Escalation\n\n**Call** the [IC](https://example.org/ic).\n\n| Sev | Minutes |\n| --- | --- |\n| SEV1 | 15 |'
		);
		expect(html).toContain('<h2>Escalation</h2>');
		expect(html).toContain('<strong>Call</strong>');
		expect(html).toContain(
			'<a href="https://example.org/ic" rel="noopener noreferrer" target="_blank">IC</a>'
		);
		expect(html).toContain('<td>SEV1</td>');
	});

	it('puts each table in a focusable scroll box named by its column headings', () => {
		const html = renderMarkdown('| Sev | Minutes |\n| --- | --- |\n| SEV1 | 15 |\n\ntext');
		expect(html).toMatch(
			/^<div class="table-wrap" tabindex="0" role="region" aria-label="Table: Sev, Minutes"><table>[\s\S]*<\/table><\/div>\n<p>text<\/p>/
		);
	});

	it('drops images, which could track readers or smuggle data: URLs', () => {
		expect(renderMarkdown('![logo](https://example.org/logo.png)')).not.toContain('<img');
	});

	it.each([
		'<textarea>',
		'<style>',
		'<xmp>',
		'<!--',
		'<script>',
		'<title>',
		'<noscript>',
		'<plaintext>',
		'<iframe>'
	])('shows the rest of a section after an unclosed %s', (opener) => {
		const html = renderMarkdown(
			`Before the tag.\n\n${opener}\n\n## Escalation\n\nCall the **incident commander**.`
		);
		expect(html).toContain('Before the tag.');
		expect(html).toContain('<h2>Escalation</h2>');
		expect(html).toContain('<strong>incident commander</strong>');
	});

	it('shows raw HTML as text rather than dropping it', () => {
		expect(renderMarkdown('Press <kbd>Ctrl</kbd> now')).toContain('&lt;kbd&gt;Ctrl&lt;/kbd&gt;');
	});

	it('keeps autolinks and code spans that contain angle brackets', () => {
		const html = renderMarkdown('See <https://example.org/plan> and `<textarea>`.');
		expect(html).toContain('<a href="https://example.org/plan"');
		expect(html).toContain('<code>&lt;textarea&gt;</code>');
	});

	it('reads raw HTML as text in the tokens the PDF reports share', () => {
		const tokens = markdownTokens('Press <kbd>Ctrl</kbd>\n\n<div>x</div>');
		expect(JSON.stringify(tokens)).not.toContain('"type":"html"');
		expect(tokens.map((t) => t.type)).toEqual(['paragraph', 'space', 'paragraph']);
	});
});
