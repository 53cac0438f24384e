// The pieces every chart shares. Charts are SVG strings drawn on the server from plain
// numbers: they need no JavaScript, scale without blurring (a viewBox, no pixel size), read
// out through role="img" with a title and a description, and use attributes only (no CSS
// classes or <style>) so that a PDF renderer draws them the same as a browser.

export const palette = {
	ink: '#1b2430',
	muted: '#4f5b69',
	track: '#e3e8ef',
	grid: '#d5dbe3',
	bar: '#0b4f6c',
	ok: '#1f6f3a',
	late: '#a4161a',
	marker: '#8a5a00'
};

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** Text made safe for SVG content and attribute values. */
export function escapeXml(value: unknown): string {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** A finite number, or the fallback (a chart never draws NaN or Infinity). */
export function finite(n: number | null | undefined, fallback = 0): number {
	return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

export const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** Coordinates to one decimal: small files, and a diff of two charts stays readable. */
export const px = (n: number) => String(Math.round(n * 10) / 10);

/** 0.725 → "73%" */
export const percent = (share: number) => `${Math.round(clamp(finite(share), 0, 1) * 100)}%`;

/** A duration as people say it: "45 s", "12 min", "5 h 20 min", "3 d 4 h". */
export function formatDuration(minutes: number): string {
	const m = Math.max(0, finite(minutes));
	if (m < 1) return `${Math.round(m * 60)} s`;
	if (m < 60) return `${Math.round(m)} min`;
	const totalMinutes = Math.round(m);
	if (totalMinutes < 48 * 60) {
		const h = Math.floor(totalMinutes / 60);
		const rest = totalMinutes % 60;
		return rest ? `${h} h ${rest} min` : `${h} h`;
	}
	const d = Math.floor(totalMinutes / 1440);
	const h = Math.round((totalMinutes % 1440) / 60);
	return h ? `${d} d ${h} h` : `${d} d`;
}

/**
 * Splits a label into at most `maxLines` lines of about `maxChars` characters, on word
 * boundaries; what does not fit ends in an ellipsis (the whole text stays in a <title>).
 */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
	const lines: string[] = [];
	for (const word of text.trim().split(/\s+/).filter(Boolean)) {
		const last = lines.at(-1);
		if (last !== undefined && `${last} ${word}`.length <= maxChars)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word.length > maxChars ? word.slice(0, maxChars - 1) + '…' : word);
	}
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	const end = kept[maxLines - 1].replace(/…$/, '');
	kept[maxLines - 1] = (end.length >= maxChars ? end.slice(0, maxChars - 1) : end) + '…';
	return kept;
}

/** An id safe for attributes, unique enough for several charts on one page. */
export function chartId(prefix: string, seed: string): string {
	let hash = 5381;
	for (let i = 0; i < seed.length; i++) hash = ((hash * 33) ^ seed.charCodeAt(i)) >>> 0;
	return `${prefix}-${hash.toString(36)}`;
}

export type TextOptions = {
	size?: number;
	anchor?: 'start' | 'middle' | 'end';
	weight?: 'normal' | 'bold';
	fill?: string;
};

/** One line of text; `value` is escaped here, so callers pass plain strings. */
export function text(x: number, y: number, value: string, o: TextOptions = {}): string {
	const attrs = [
		`x="${px(x)}"`,
		`y="${px(y)}"`,
		`font-size="${o.size ?? 12}"`,
		o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
		o.weight === 'bold' ? 'font-weight="700"' : '',
		`fill="${o.fill ?? palette.ink}"`
	].filter(Boolean);
	return `<text ${attrs.join(' ')}>${escapeXml(value)}</text>`;
}

/**
 * The outer <svg>: a viewBox (so it is sharp at any size), role="img", and a title and
 * description that screen readers announce and that a PDF can carry as alternative text.
 */
export function svgDocument(options: {
	id: string;
	width: number;
	height: number;
	title: string;
	desc: string;
	body: string;
}): string {
	const { id, width, height } = options;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${px(width)} ${px(height)}" ` +
		`width="100%" preserveAspectRatio="xMinYMin meet" role="img" ` +
		`aria-labelledby="${id}-title ${id}-desc" font-family="${escapeXml(FONT)}" class="chart">` +
		`<title id="${id}-title">${escapeXml(options.title)}</title>` +
		`<desc id="${id}-desc">${escapeXml(options.desc)}</desc>` +
		options.body +
		`</svg>`
	);
}
