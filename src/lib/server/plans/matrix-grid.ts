import { render } from 'svelte/server';
import MatrixGrid from '$lib/components/MatrixGrid.svelte';
import type { PlanVersion } from '../db/schema';
import { BoundedCache } from '$lib/server/cache/bounded-cache';
import { keptRenderingKey, type RenderedContent } from './display';

// The communication matrix as a grid of HTML, rendered by its component on the server. The
// version page shows it as markup only: the browser needs none of the matrix's data for it,
// and an immutable version's grid is rendered once and kept (about 25 KB a plan).

const kept = new BoundedCache<string, string>(
	{ maxEntries: 200, maxBytes: 8 * 1024 * 1024 },
	(html) => html.length * 2
);

/** Svelte's hydration markers (`<!--[-->`, `<!--]-->`, `<!---->`): nothing hydrates this HTML. */
const hydrationMarker = /<!--[[\]\d-]*-->/g;

export function matrixGridHtml(
	version: Pick<PlanVersion, 'id' | 'status' | 'revision'>,
	content: Pick<RenderedContent, 'matrix' | 'severityScale'>
): string {
	const key = keptRenderingKey(version);
	return key === null ? renderGrid(content) : kept.getOrSet(key, () => renderGrid(content));
}

function renderGrid(content: Pick<RenderedContent, 'matrix' | 'severityScale'>): string {
	const { body } = render(MatrixGrid, {
		props: {
			matrix: content.matrix,
			severityScale: content.severityScale.map((l) => ({ id: l.id, name: l.name }))
		}
	});
	return body.replace(hydrationMarker, '');
}
