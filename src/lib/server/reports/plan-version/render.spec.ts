import { describe, expect, it } from 'vitest';
import {
	blankPageIndexes,
	normalizeSpace,
	pdfInfo,
	pdfOutline,
	pdfText,
	qpdfCheck
} from '../pdf-test-tools';
import { loadReportFonts } from '../report-fonts';
import { renderPlanVersion } from './render';
import { sampleContext, samplePlanVersion } from './sample-data';

const fonts = loadReportFonts();

describe('the plan version report', () => {
	it('prints the cover, approval record, changes, plan, scale, matrix and change log', async () => {
		const pdf = await renderPlanVersion(samplePlanVersion(), sampleContext, fonts);
		qpdfCheck(pdf);
		const text = normalizeSpace(pdfText(pdf));
		for (const expected of [
			'Incident Response Plan',
			'Plan version report · version 1.2',
			'Superseded on 20 Nov 2026 (no longer in force)',
			'Zoë Fontaine, 30 Sep 2026',
			'RPT-7Q2M-K9XD',
			'30 Nov 2026, 09:15 UTC for Zoë Fontaine',
			'1 Approval record',
			'Søren Kierkegaard',
			'Name the out-of-band channel.',
			'2 Summary of changes from version 1.0',
			'Changed: 34 words added, 12 removed',
			'A-3 Page the CISO within 15 minutes of a SEV1 declaration.',
			'SEV1: Notify within 30m of declaration → Notify within 15m of declaration',
			'F-2 Escalation to the CISO took 52 minutes',
			'3 The plan',
			'The incident commander (Łukasz Nowak) decides',
			'4 Severity scale',
			'SEV5 · Informational',
			'5 Communication matrix',
			'SEV1: Initial notification within 72h of awareness',
			'then Final report within 1 month of awareness',
			'Not told at SEV3, SEV4, SEV5',
			'and only when all of: Affects Ireland',
			'approved by General Counsel',
			'breaches@dataprotection.example',
			'Incident {{id}} declared at {{severity}}. Bridge: {{bridge}}.',
			'6 Change log',
			'Escalation deadlines shortened after the ransomware drill.'
		])
			expect(text).toContain(expected);
	});

	it('fills in the document metadata', async () => {
		const info = pdfInfo(await renderPlanVersion(samplePlanVersion(), sampleContext, fonts));
		expect(info.Title).toBe('Incident Response Plan, version 1.2');
		expect(info.Author).toBe('Hotwash');
		expect(info.Subject).toBe('Plan version report');
		expect(info.Keywords).toContain('communication matrix');
	});

	it('says when there is no earlier approved version to compare with', async () => {
		const data = { ...samplePlanVersion(), changes: null, lessons: [] };
		const text = normalizeSpace(pdfText(await renderPlanVersion(data, sampleContext, fonts)));
		expect(text).toContain('2 Summary of changes');
		expect(text).toContain('is the plan’s first approved version');
		expect(text).toContain('No corrective action is linked to this version.');
	});

	it('lists every stage in words when there are too many severities for a grid', async () => {
		const data = samplePlanVersion();
		const levels = Array.from({ length: 10 }, (_, i) => ({
			id: `P${i + 1}`,
			name: `Priority ${i + 1}`,
			criteria: 'Criteria.'
		}));
		data.severityScale = levels;
		data.matrix = data.matrix.map((row) => ({
			...row,
			notifications: Object.fromEntries(
				levels.map((l, i) => [l.id, i < 5 ? row.notifications.SEV1 : { notify: false, stages: [] }])
			)
		}));
		const text = normalizeSpace(pdfText(await renderPlanVersion(data, sampleContext, fonts)));
		expect(text).not.toContain('Deadlines at a glance');
		expect(text).toContain('P5: Notify within 15m of declaration');
		expect(text).toContain('Not told at P6, P7, P8, P9, P10');
	});

	it('renders a plan of 100 sections whole, in the outline, without blank pages, in about a second', async () => {
		const data = samplePlanVersion(100);
		await renderPlanVersion(samplePlanVersion(3), sampleContext, fonts); // warm up
		const started = performance.now();
		const cpu = process.cpuUsage();
		const pdf = await renderPlanVersion(data, sampleContext, fonts);
		const used = process.cpuUsage(cpu);
		// CPU time, not wall time: a loaded CI machine must not fail the layout budget.
		const cpuMs = (used.user + used.system) / 1000;
		console.info(
			`plan version report, 100 sections: ${Math.round(performance.now() - started)} ms wall, ${Math.round(cpuMs)} ms CPU, ${pdf.length} bytes`
		);
		expect(cpuMs).toBeLessThan(1500);
		qpdfCheck(pdf);
		const outline = pdfOutline(pdf);
		const text = normalizeSpace(pdfText(pdf));
		for (const s of data.sections) {
			expect(outline).toContain(`${s.number} ${s.title}`);
			expect(text).toContain(`${s.number} ${s.title}`);
			expect(text).toContain(`Section ${s.number} says what the team does.`);
		}
		expect(blankPageIndexes(pdf)).toEqual([]);
		const again = await renderPlanVersion(data, sampleContext, fonts);
		expect(again.equals(pdf)).toBe(true);
	});
});
