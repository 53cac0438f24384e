// The AAR's layout in a process of its own (`tsx bench/lib/render-alone.ts DATA N`): what a
// report costs without the server around it (no embedded database, no HTTP), and how long
// the event loop is held while it is drawn. DATA is the loaded drill (v8-serialised, so dates
// stay dates). Prints one JSON line.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { renderAar, type AarData } from '../../src/lib/server/reports/aar';
import { loadReportFonts } from '../../src/lib/server/reports/report-fonts';
import type { ReportContext } from '../../src/lib/server/reports/runs';
import { memoryOf, resetPeakRss } from './processes';

const [file, count = '15'] = process.argv.slice(2);
const { data, context } = v8.deserialize(fs.readFileSync(file)) as {
	data: AarData;
	context: ReportContext;
};
const fonts = loadReportFonts();
// One render first, so code and fonts are loaded before the baseline is taken.
await renderAar(data, context, fonts);
global.gc?.();
const baseline = memoryOf(process.pid)!.rss;
resetPeakRss(process.pid);
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const latencies: number[] = [];
for (let i = 0; i < Number(count); i++) {
	const t = performance.now();
	await renderAar(data, context, fonts);
	latencies.push(performance.now() - t);
}
delay.disable();
const memory = memoryOf(process.pid)!;
console.log(
	JSON.stringify({
		baselineRss: baseline,
		peakRss: memory.hwm,
		latencies,
		// Nanoseconds to milliseconds: the longest the loop waited, i.e. the longest stretch of
		// layout without a pause for other work.
		maxLoopDelayMs: delay.max / 1e6,
		p99LoopDelayMs: delay.percentile(99) / 1e6
	})
);
