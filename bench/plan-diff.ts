// Times diffs of a large plan: `npx tsx bench/plan-diff.ts`. Results go in bench/RESULTS.md.
import type { PlanContent } from '../src/lib/plans/content';
import { diffPlanContent } from '../src/lib/server/plans/diff';
import { irPlanTemplate } from '../src/lib/server/plans/template/ir-plan-template';
import { cpuBusy, machineDescription } from './lib/results';

const LINES_PER_SECTION = 50;
const SECTIONS = 100; // 100 × 50 = 5,000 lines

function bigPlan(seed: number): PlanContent {
	const words = [
		'contain',
		'escalate',
		'notify',
		'the',
		'incident',
		'commander',
		'within',
		'minutes',
		'evidence',
		'regulator'
	];
	return {
		...structuredClone(irPlanTemplate),
		sections: Array.from({ length: SECTIONS }, (_, s) => ({
			key: `section-${s}`,
			title: `Section ${s}`,
			level: 1 as const,
			body: Array.from({ length: LINES_PER_SECTION }, (_, l) =>
				Array.from(
					{ length: 12 },
					(_, w) =>
						words[(s * 31 + l * 7 + w * (seed === 0 || (s + l) % 10 ? 1 : 3)) % words.length]
				).join(' ')
			).join('\n')
		}))
	};
}

// Wall time, and this process's CPU time (what other programs on a busy machine take from
// the wall time does not count there).
function time(label: string, a: PlanContent, b: PlanContent, runs = 7) {
	const wall: number[] = [];
	const cpu: number[] = [];
	let fallbacks = 0;
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		const c = process.cpuUsage();
		fallbacks = diffPlanContent(a, b).fallbacks;
		const used = process.cpuUsage(c);
		wall.push(performance.now() - t);
		cpu.push((used.user + used.system) / 1000);
	}
	const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(runs / 2)].toFixed(1);
	console.log(
		`${label}: median ${median(wall)} ms (CPU ${median(cpu)} ms), max ${Math.max(...wall).toFixed(1)} ms, ${fallbacks} sections shown whole`
	);
}

const a = bigPlan(0);
const edited = bigPlan(1); // every tenth line of every section reworded
const reordered = { ...a, sections: [...a.sections].reverse() };
const unrelated: PlanContent = {
	...a,
	sections: a.sections.map((s, i) => ({
		...s,
		body: bigPlan(0).sections[(i + 37) % SECTIONS].body.split('').reverse().join('')
	}))
};

// A CPU microbenchmark: on a shared machine, run it a few times and keep the quietest run.
console.log(
	`5,000-line plan (${SECTIONS} sections × ${LINES_PER_SECTION} lines); ${machineDescription()}; ` +
		`CPUs ${Math.round((await cpuBusy(1000)) * 100)}% busy just before`
);
time('identical', a, structuredClone(a));
time('10% of lines reworded', a, edited);
time('all sections reordered', a, reordered);
time('every section rewritten (pathological)', a, unrelated);
