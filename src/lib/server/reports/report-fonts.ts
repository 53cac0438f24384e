import fs from 'node:fs';
import path from 'node:path';

/** The TrueType files every report embeds (DejaVu: Unicode coverage for names like Łukasz). */
export type ReportFonts = {
	regular: Uint8Array;
	bold: Uint8Array;
	italic: Uint8Array;
	mono: Uint8Array;
};

const files: Record<keyof ReportFonts, string> = {
	regular: 'DejaVuSans.ttf',
	bold: 'DejaVuSans-Bold.ttf',
	italic: 'DejaVuSans-Oblique.ttf',
	mono: 'DejaVuSansMono.ttf'
};

// Read from the project folder like scenarios/ (scenariosDir): tests, tsx CLIs and the built
// server (started from the project root by scripts/serve.js) all see the same path. Vite's SSR
// build leaves `new URL('./fonts/…', import.meta.url)` untouched, so that would point inside
// build/server/chunks and fail; a deployment that ships build/ alone sets HOTWASH_FONTS_DIR.
export const reportFontsDir = () =>
	path.resolve(process.env.HOTWASH_FONTS_DIR ?? 'src/lib/server/reports/fonts');

let cached: { dir: string; fonts: ReportFonts } | undefined;

/** Reads the report fonts once per folder; fails loudly naming the missing file. */
export function loadReportFonts(dir = reportFontsDir()): ReportFonts {
	if (cached?.dir === dir) return cached.fonts;
	const read = (name: string) => {
		const file = path.join(dir, name);
		if (!fs.existsSync(file)) {
			throw new Error(`Report font ${file} is missing (set HOTWASH_FONTS_DIR to the fonts folder)`);
		}
		return fs.readFileSync(file);
	};
	const fonts: ReportFonts = {
		regular: read(files.regular),
		bold: read(files.bold),
		italic: read(files.italic),
		mono: read(files.mono)
	};
	cached = { dir, fonts };
	return fonts;
}
