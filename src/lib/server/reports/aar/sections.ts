import { audienceLabels } from '../../../plans/content';
import { channelLabels, capabilityLabel } from '../../../scenarios/labels';
import { findingLabel, actionLabel } from '../../../lessons/words';
import { improvementPlanCells } from '../../lessons/improvement-csv';
import { responseTimesChart, type ResponseMeasure } from '../../charts/response-times';
import { notificationMeasures, responseMeasures, resultCharts } from '../../drills/result-charts';
import { drawChart } from '../chart';
import type { ReportDocument } from '../document';
import { COLOR, FONT } from '../theme';
import type { AarData, AarFinding } from './load';
import { answerInWords, duration, offset, percent, points, scoreInWords } from './words';

// The body of the after-action report, one function per HSEEP section. Empty sections say
// so in a sentence rather than leaving a bare heading.

const MARK = '✓';
const RATINGS = ['P', 'S', 'M', 'U'] as const;

export function analysisSection(doc: ReportDocument, data: AarData) {
	const r = data.results;
	doc.heading(1, '3. Analysis of capabilities');
	doc.paragraph(
		'Each objective is rated on the HSEEP scale from the share of points the team earned on the prompts that were asked ' +
			`(P at ${percent(r.drill.thresholds.P)} or more, S at ${percent(r.drill.thresholds.S)}, M at ${percent(r.drill.thresholds.M)}, U below), unless the facilitator set the rating by hand.`
	);
	doc.keyValues(
		RATINGS.map((k) => [k, r.ratingLabels[k]]),
		30
	);
	doc.table({
		columns: [
			{ header: 'Objective', width: 5 },
			{ header: 'Capability', width: 1.5 },
			{ header: 'Points', width: 1.1, align: 'right' },
			...RATINGS.map((k) => ({ header: k, width: 0.45, align: 'center' as const }))
		],
		rows: r.objectives.map((o) => [
			o.text + (o.override ? ' *' : ''),
			capabilityLabel(o.capability),
			o.share === null ? 'not assessed' : `${points(o.points)} / ${points(o.max)}`,
			...RATINGS.map((k) => (o.rating === k ? MARK : ''))
		])
	});
	const overrides = r.objectives.filter((o) => o.override);
	if (overrides.length) {
		doc.paragraph('* Rating set by the facilitator:', 'muted');
		doc.bullets(
			overrides.map(
				(o) =>
					`${o.text.replace(/\.$/, '')}: rated ${o.override!.rating} by ${o.override!.byName} (from the points: ${o.computed ?? 'not assessed'}). “${o.override!.reason}”`
			)
		);
	}
	doc.heading(2, 'Ratings by capability');
	doc.paragraph(
		'A capability is rated as its weakest objective: it is only as strong as the hardest part of it.',
		'muted'
	);
	doc.table({
		columns: [
			{ header: 'Capability', width: 2 },
			{ header: 'Objectives', width: 1, align: 'right' },
			{ header: 'Share of points', width: 1.3, align: 'right' },
			{ header: 'Rating', width: 3 }
		],
		rows: r.capabilities.map((c) => [
			capabilityLabel(c.capability),
			String(c.objectiveIds.length),
			percent(c.share),
			c.rating ? `${c.rating}: ${r.ratingLabels[c.rating]}` : 'Not assessed'
		])
	});
}

function reference(f: AarFinding): string {
	const parts = [
		f.planSection ? `Plan section ${f.planSection}` : null,
		f.referenceText || null
	].filter(Boolean);
	return parts.length ? parts.join('; ') : 'None given';
}

function findingBlock(doc: ReportDocument, f: AarFinding) {
	doc.heading(3, `${findingLabel(f.number)} ${f.title}`);
	doc.keyValues(
		[
			['Observation', f.observation],
			['Reference', reference(f)],
			['Analysis', f.analysis || 'No root cause recorded.'],
			...(f.recommendation ? [['Recommendation', f.recommendation] as [string, string]] : []),
			...(f.actionNumbers.length
				? [['Corrective actions', f.actionNumbers.map(actionLabel).join(', ')] as [string, string]]
				: [])
		],
		110
	);
}

function findingsOf(doc: ReportDocument, findings: AarFinding[], kind: AarFinding['kind']) {
	const list = findings.filter((f) => f.kind === kind);
	const strength = kind === 'strength';
	doc.heading(3, strength ? 'Strengths' : 'Areas for improvement');
	if (!list.length) {
		doc.paragraph(
			strength ? 'No strengths were recorded.' : 'No areas for improvement were recorded.',
			'muted'
		);
		return;
	}
	for (const f of list) findingBlock(doc, f);
}

export async function objectiveSections(doc: ReportDocument, data: AarData) {
	const r = data.results;
	doc.heading(1, '4. Strengths and areas for improvement by objective');
	doc.paragraph(
		'For each objective: the findings drawn from the exercise, each with the observation, the reference in the plan, policy or law, and the analysis of its root cause; then the facilitators’ notes made during play.'
	);
	const injectTitle = new Map(r.timeline.map((t) => [t.injectId, t.title]));
	for (const [i, o] of r.objectives.entries()) {
		doc.heading(2, `4.${i + 1} ${o.text}`);
		doc.paragraph(
			`Capability: ${capabilityLabel(o.capability)}. Rating: ` +
				(o.rating ? `${o.rating} (${r.ratingLabels[o.rating]})` : 'not assessed') +
				(o.share === null ? '.' : `, ${points(o.points)} of ${points(o.max)} points.`),
			'muted'
		);
		const mine = data.findings.filter((f) => f.objectiveId === o.objectiveId);
		findingsOf(doc, mine, 'strength');
		findingsOf(doc, mine, 'area_for_improvement');
		const notes = r.observations.filter((n) => n.objectiveId === o.objectiveId);
		if (notes.length) {
			doc.heading(3, 'Facilitator observations');
			doc.bullets(
				notes.map(
					(n) =>
						`${offset(n.scenarioMs)} ${n.injectId ? `(${injectTitle.get(n.injectId) ?? n.injectId}) ` : ''}${n.text} — ${n.byName}`
				)
			);
		}
		await doc.breathe();
	}
	const loose = data.findings.filter(
		(f) => !f.objectiveId || !r.objectives.some((o) => o.objectiveId === f.objectiveId)
	);
	const looseNotes = r.observations.filter((n) => !n.objectiveId);
	if (loose.length || looseNotes.length) {
		doc.heading(2, `4.${r.objectives.length + 1} Not tied to an objective`);
		if (loose.length) {
			findingsOf(doc, loose, 'strength');
			findingsOf(doc, loose, 'area_for_improvement');
		}
		if (looseNotes.length) {
			doc.heading(3, 'Facilitator observations');
			doc.bullets(looseNotes.map((n) => `${offset(n.scenarioMs)} ${n.text} — ${n.byName}`));
		}
	}
}

const STATE_WORDS = {
	released: '',
	skipped: 'Skipped',
	not_released: 'Not released',
	upcoming: 'Not reached'
} as const;

export async function timelineSection(doc: ReportDocument, data: AarData) {
	const r = data.results;
	doc.heading(1, '5. Timeline of injects and decisions');
	doc.paragraph(
		'Times are scenario time from the start of the exercise (T+hh:mm). Each inject is listed with the decisions the team recorded in answer to it, who answered and the points earned.'
	);
	if (!r.timeline.length) {
		doc.paragraph('No injects were released.', 'muted');
		return;
	}
	const prompts = new Map<string, typeof r.prompts>();
	for (const p of r.prompts) prompts.set(p.injectId, [...(prompts.get(p.injectId) ?? []), p]);
	const rows = r.timeline.map((t) => {
		const sender = data.scenario.senders[t.injectId];
		const state = STATE_WORDS[t.state];
		const answers = (prompts.get(t.injectId) ?? []).filter((p) => p.asked);
		const decisions = answers.length
			? answers
					.map(
						(p) =>
							`${p.question}\n→ ${answerInWords(p)}` +
							(p.answeredBy ? ` (${p.answeredBy}; ${scoreInWords(p)})` : ` (${scoreInWords(p)})`)
					)
					.join('\n\n')
			: state
				? `${state}${t.reason ? `: ${t.reason}` : '.'}`
				: 'No decision asked for.';
		return [
			offset(t.releasedMs ?? t.atMs),
			t.title + (t.adhoc ? ' (ad hoc)' : '') + (sender ? `\nFrom: ${sender}` : ''),
			channelLabels[t.channel as keyof typeof channelLabels] ?? t.channel,
			decisions
		];
	});
	doc.table({
		columns: [
			{ header: 'Time', width: 0.9 },
			{ header: 'Inject', width: 2.4 },
			{ header: 'Channel', width: 0.95 },
			{ header: 'Decisions and answers', width: 4.6 }
		],
		rows
	});
	await doc.breathe();
}

export async function responseSection(doc: ReportDocument, data: AarData) {
	const r = data.results;
	doc.heading(1, '6. Notifications and response times');
	doc.heading(2, '6.1 Notifications against the communication matrix');
	const channels = new Map(data.matrixChannels.map((c) => [c.key, c.channels]));
	const notifications = r.prompts.filter((p) => p.asked && p.notification);
	if (!notifications.length)
		doc.paragraph('The exercise asked for no notification decisions.', 'muted');
	for (const p of notifications) {
		const n = p.notification!;
		doc.paragraph(
			`${p.question} Declared ${n.declared} (expected ${n.expectedSeverity}) at ${offset(n.answeredMs)}${p.answeredBy ? ` by ${p.answeredBy}` : ''}; ${scoreInWords(p)}.`
		);
		const verdict = (l: (typeof n.lines)[number]) =>
			l.verdict === 'missing'
				? 'Not notified'
				: l.verdict === 'over-notified'
					? 'Not required'
					: l.onTime === null
						? 'Notified'
						: l.onTime
							? 'On time'
							: `Late by ${duration(-(l.marginMs ?? 0))}`;
		doc.table({
			columns: [
				{ header: 'Stakeholder', width: 2.6 },
				{ header: 'Channel', width: 1.4 },
				{ header: 'Deadline (first stage)', width: 2.4 },
				{ header: 'Actual', width: 1 },
				{ header: 'Result', width: 1.2 }
			],
			rows: n.lines.map((l) => [
				l.stakeholder +
					(l.audience ? ` (${audienceLabels[l.audience]})` : '') +
					(l.required ? '' : '\nnot required'),
				channels.get(l.key) || '—',
				l.stages[0] ? `${l.stages[0].words}\ndue ${offset(l.stages[0].dueMs)}` : 'No deadline',
				l.notified ? offset(n.answeredMs) : '—',
				verdict(l)
			])
		});
	}
	await doc.breathe();

	doc.heading(2, '6.2 Response clocks against deadlines');
	doc.paragraph(
		'Acknowledgement of each inject and the answer to each prompt, from the inject’s release, against the prompt’s time limit.',
		'muted'
	);
	const titles = new Map(r.timeline.map((t) => [t.injectId, t.title]));
	const questions = new Map(r.prompts.map((p) => [p.promptId, p.question]));
	const clockRows = r.responseClocks.injects.flatMap((i) => [
		[
			offset(i.releasedMs),
			`Acknowledge: ${titles.get(i.injectId) ?? i.injectId}`,
			'—',
			i.firstAck ? `${duration(i.firstAck.afterMs)} (${i.firstAck.name})` : 'Not acknowledged',
			i.firstAck ? 'Done' : 'Not done'
		],
		...i.prompts.map((p) => [
			'',
			`Answer: ${questions.get(p.promptId) ?? p.promptId}`,
			p.timeLimitMs === null ? 'None' : duration(p.timeLimitMs),
			p.finalAnswerMs === null ? 'Not answered' : duration(p.finalAnswerMs),
			p.withinLimit === null
				? p.finalAnswerMs === null
					? 'Not done'
					: 'Done'
				: p.withinLimit
					? 'On time'
					: 'Late'
		])
	]);
	if (!clockRows.length) doc.paragraph('No response was measured.', 'muted');
	else
		doc.table({
			columns: [
				{ header: 'Released', width: 1 },
				{ header: 'Response', width: 4.2 },
				{ header: 'Time limit', width: 0.9 },
				{ header: 'Took', width: 1.4 },
				{ header: 'Result', width: 0.8 }
			],
			rows: clockRows
		});
	await doc.breathe();

	await chartsSection(doc, data);
}

/** Bars per chart: more would be scaled down to one page past reading. */
const BARS_PER_CHART = 12;

function chunks<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** The chart's height when drawn `width` wide (as drawChart scales it). */
function chartHeight(svg: string, width: number): number {
	const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
	return m ? (Number(m[2]) / Number(m[1])) * width : 200;
}

function captionedChart(doc: ReportDocument, caption: string, svg: string, width: number) {
	doc.ensureSpace(Math.min(chartHeight(svg, width), doc.bottom - 120) + 40);
	doc.heading(3, caption);
	drawChart(doc, svg, { maxWidth: width });
	doc.resetFlow();
	doc.pdf.moveDown(0.8);
}

async function chartsSection(doc: ReportDocument, data: AarData) {
	const r = data.results;
	const width = doc.contentWidth * 0.62;
	const charts = resultCharts(r);
	// The heading stays with the first chart.
	doc.ensureSpace(Math.min(chartHeight(charts.objectives, width), doc.bottom - 160) + 90);
	doc.heading(2, '6.3 Charts');
	doc.paragraph('The charts of the results page, drawn from the same numbers.', 'muted');
	captionedChart(doc, 'Share of points per objective', charts.objectives, width);
	await doc.breathe();
	const series: [string, ResponseMeasure[]][] = [
		['Time to acknowledge and to answer', responseMeasures(r)],
		['Notifications against the matrix deadlines', notificationMeasures(r)]
	];
	for (const [title, measures] of series) {
		const parts = chunks(measures, BARS_PER_CHART);
		for (const [i, part] of parts.entries()) {
			const caption = parts.length > 1 ? `${title} (part ${i + 1} of ${parts.length})` : title;
			captionedChart(doc, caption, responseTimesChart({ title: caption, measures: part }), width);
			await doc.breathe();
		}
	}
}

export function hotWashSection(doc: ReportDocument, data: AarData) {
	doc.heading(1, '7. Participant feedback (hot wash)');
	const hw = data.hotWash;
	if (!hw || !hw.responses.length) {
		doc.paragraph('No hot wash answers were recorded.', 'muted');
		return;
	}
	doc.table({
		columns: [
			{ header: 'Participant', width: 1.3 },
			{ header: 'What went well', width: 2 },
			{ header: 'What went badly', width: 2 },
			{ header: 'One change', width: 2 }
		],
		rows: hw.responses.map((a) => [a.name, a.wentWell, a.wentBadly, a.oneChange])
	});
}

export async function appendixImprovementPlan(doc: ReportDocument, data: AarData) {
	// Nine columns need the width of a landscape page. pdfkit's addPage() (used when the table
	// breaks) takes the document's options, so they say landscape until the table is done.
	const options = (doc.pdf as unknown as { options: PDFKit.PDFDocumentOptions }).options;
	const portrait = options.layout;
	options.layout = 'landscape';
	doc.pdf.addPage();
	try {
		await improvementPlanTable(doc, data);
	} finally {
		options.layout = portrait;
	}
}

async function improvementPlanTable(doc: ReportDocument, data: AarData) {
	doc.heading(1, 'Appendix A. Improvement plan');
	doc.paragraph(
		'One row per corrective action, as in the HSEEP improvement plan matrix. Status is as of the report’s generation.'
	);
	if (!data.actions.length) {
		doc.paragraph('No corrective actions were assigned.', 'muted');
		return;
	}
	doc.table({
		columns: [
			{ header: 'Capability', width: 1.15 },
			{ header: 'Issue / area for improvement', width: 2 },
			{ header: 'Corrective action', width: 2.5 },
			{ header: 'Capability element', width: 1.25 },
			{ header: 'Primary responsible organisation', width: 1.5 },
			{ header: 'Point of contact', width: 1.2 },
			{ header: 'Start date', width: 1.15 },
			{ header: 'Completion date', width: 1.25 },
			{ header: 'Status', width: 1.1 }
		],
		rows: data.actions.map((a) => {
			const c = improvementPlanCells(a);
			return [
				c.capability,
				c.issue,
				c.action,
				c.element,
				c.organisation,
				c.pointOfContact,
				c.start,
				c.completed ? `${c.completed}\n(due ${c.due})` : `due ${c.due}`,
				c.status
			];
		})
	});
	await doc.breathe();
}

const KIND_WORDS = { facilitator: 'Facilitator', participant: 'Participant', observer: 'Observer' };

export async function appendixParticipants(doc: ReportDocument, data: AarData) {
	const r = data.results;
	doc.heading(1, 'Appendix B. Participants');
	if (!r.people.length) {
		doc.paragraph('No participants were recorded.', 'muted');
		return;
	}
	const roleName = new Map(data.scenario.roles.map((x) => [x.id, x.name]));
	doc.table({
		columns: [
			{ header: 'Name', width: 2 },
			{ header: 'Role in the exercise', width: 1.3 },
			{ header: 'Scenario roles held', width: 3.5 }
		],
		rows: r.people.map((p) => [
			p.name,
			KIND_WORDS[p.kind],
			p.roles.map((id) => roleName.get(id) ?? id).join(', ') || '—'
		])
	});
	await doc.breathe();
}

/** Prepared, reviewed and approved: name, date and signature boxes to fill in. */
export function signOff(doc: ReportDocument, data: AarData) {
	const lead = data.results.people.find((p) => p.kind === 'facilitator');
	doc.heading(1, 'Sign-off');
	doc.paragraph(
		'By signing, the reviewer and approver accept the findings and the improvement plan above and the owners and dates of its corrective actions.'
	);
	const { pdf } = doc;
	const gap = 10;
	const widths = [0.42, 0.2, 0.38].map((s) => s * (doc.contentWidth - 2 * gap));
	const boxHeight = 46;
	for (const [label, name] of [
		['Prepared by', lead?.name ?? ''],
		['Reviewed by', ''],
		['Approved by', '']
	] as const) {
		doc.ensureSpace(boxHeight + 30);
		pdf.font(FONT.bold).fontSize(10).fillColor(COLOR.ink);
		pdf.text(label, doc.left, pdf.y);
		const top = pdf.y + 4;
		let x = doc.left;
		for (const [i, caption] of ['Name', 'Date', 'Signature'].entries()) {
			pdf.lineWidth(0.6).strokeColor(COLOR.rule).rect(x, top, widths[i], boxHeight).stroke();
			pdf.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
			pdf.text(caption, x + 5, top + 4, { width: widths[i] - 10 });
			if (i === 0 && name) {
				pdf.font(FONT.regular).fontSize(10).fillColor(COLOR.ink);
				pdf.text(name, x + 5, top + 20, { width: widths[i] - 10 });
			}
			x += widths[i] + gap;
		}
		pdf.y = top + boxHeight + 16;
		doc.resetFlow();
	}
}
