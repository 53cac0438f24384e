import { categoryLabels, capabilityLabel } from '../../../scenarios/labels';
import { renderDocument, type ReportDocument } from '../document';
import { loadReportFonts, type ReportFonts } from '../report-fonts';
import type { ReportContext } from '../runs';
import type { AarData } from './load';
import {
	analysisSection,
	appendixImprovementPlan,
	appendixParticipants,
	hotWashSection,
	objectiveSections,
	responseSection,
	signOff,
	timelineSection
} from './sections';
import { executiveSummary } from './summary';
import { count, duration, isoDuration, listInWords, longDate, longDateTime } from './words';

// The after-action report and improvement plan (HSEEP, see shared/DOMAIN.md) of an ended
// drill, laid out from AarData alone: the same data and context give the same bytes.

export const AAR_TITLE = 'After-Action Report / Improvement Plan';

const MODE_WORDS: Record<string, string> = {
	live: 'Live tabletop exercise, facilitated in real time',
	async: 'Team exercise played over a time window',
	solo: 'Solo practice'
};

/** "12 March 2026, 09:00 UTC to 11:40 UTC" (the date once when both fall on one day). */
function dateRange(from: string | null, to: string | null): string {
	if (!from) return 'not recorded';
	if (!to) return longDateTime(from);
	const [a, b] = [longDateTime(from), longDateTime(to)];
	return longDate(from) === longDate(to)
		? `${a} to ${b.slice(b.indexOf(', ') + 2)}`
		: `${a} to ${b}`;
}

export function renderAar(
	data: AarData,
	ctx: ReportContext,
	fonts: ReportFonts = loadReportFonts()
): Promise<Buffer> {
	const r = data.results;
	const organisation = data.organisation;
	return renderDocument(
		{
			title: `${AAR_TITLE}: ${r.drill.title}`,
			author: organisation ?? 'Hotwash',
			subject: `${AAR_TITLE} of the exercise “${r.drill.title}”`,
			keywords: `after-action report, improvement plan, HSEEP, drill ${r.drill.id}`,
			reportId: ctx.reportId,
			createdAt: ctx.createdAt
		},
		fonts,
		async (doc) => {
			cover(doc, data, ctx);
			doc.tableOfContents();
			overview(doc, data);
			await doc.breathe();
			summary(doc, data);
			await doc.breathe();
			analysisSection(doc, data);
			await objectiveSections(doc, data);
			await timelineSection(doc, data);
			await responseSection(doc, data);
			hotWashSection(doc, data);
			await doc.breathe();
			await appendixImprovementPlan(doc, data);
			await appendixParticipants(doc, data);
			signOff(doc, data);
		}
	);
}

function cover(doc: ReportDocument, data: AarData, ctx: ReportContext) {
	const r = data.results;
	doc.titlePage({
		title: r.drill.title,
		subtitle: AAR_TITLE,
		details: [
			['Exercise', r.scenario.title],
			['Exercise dates', dateRange(r.drill.startedAt, r.drill.endedAt)],
			['Organisation', data.organisation ?? 'Not recorded'],
			['Plan tested', `${data.plan.title}, version ${data.plan.number}`],
			['Report id', ctx.reportId],
			['Generated', `${longDateTime(ctx.createdAt)} for ${ctx.requestedBy}`],
			['Audit chain head', `Entry ${ctx.auditHead.seq}, ${ctx.auditHead.hash}`]
		]
	});
}

function overview(doc: ReportDocument, data: AarData) {
	const r = data.results;
	const facilitators = r.people.filter((p) => p.kind === 'facilitator');
	const participants = r.people.filter((p) => p.kind === 'participant');
	const observers = r.people.filter((p) => p.kind === 'observer');
	const rolesHeld = new Set(participants.flatMap((p) => p.roles));
	const elapsed =
		r.drill.startedAt && r.drill.endedAt
			? Date.parse(r.drill.endedAt) - Date.parse(r.drill.startedAt)
			: null;
	const released = r.timeline.filter((t) => t.state === 'released').length;
	const frameworks = [...new Set(Object.values(data.scenario.frameworks))];
	const capabilities = [
		...new Set(r.scenario.objectives.map((o) => capabilityLabel(o.capability)))
	];
	const approval = data.plan.approvedAt
		? `approved ${longDate(data.plan.approvedAt)}${data.plan.approvedBy ? ` by ${data.plan.approvedBy}` : ''}`
		: 'approval date not recorded';
	const category = categoryLabels[data.scenario.category as keyof typeof categoryLabels];

	doc.heading(1, '1. Exercise overview');
	doc.keyValues([
		['Exercise name', r.drill.title],
		['Exercise dates', dateRange(r.drill.startedAt, r.drill.endedAt)],
		[
			'Duration',
			`${duration(elapsed)} elapsed; ${duration(r.drill.scenarioMs)} of scenario time played (planned ${isoDuration(data.scenario.durationIso)})`
		],
		['Mode', MODE_WORDS[r.drill.mode] ?? r.drill.mode],
		[
			'Scope',
			`${count(released, 'inject')} released of ${r.timeline.length}, ${count(r.prompts.filter((p) => p.asked).length, 'prompt')} asked` +
				(data.scenario.planSections.length
					? `; plan sections exercised: ${data.scenario.planSections.join(', ')}`
					: '')
		],
		[
			'Mission area',
			`Response (incident response)${frameworks.length ? `; objectives map to ${listInWords(frameworks)}` : ''}`
		],
		[
			'Threat or hazard',
			`${category ?? data.scenario.category}` +
				(data.scenario.attack.length ? `; MITRE ATT&CK ${data.scenario.attack.join(', ')}` : '')
		],
		[
			'Scenario',
			`${r.scenario.title} (${r.scenario.origin} scenario, version ${r.scenario.version})`
		],
		['Capabilities', capabilities.join(', ')],
		[
			'Plan version tested',
			`${data.plan.title}, version ${data.plan.number}, ${approval}` +
				(data.plan.status === 'superseded' ? ' (since superseded)' : '')
		],
		['Sponsor', data.organisation ?? 'Not recorded'],
		['Facilitators', facilitators.map((p) => p.name).join(', ') || 'None recorded'],
		[
			'Participants',
			`${count(participants.length, 'participant')} holding ${count(rolesHeld.size, 'scenario role')}` +
				(observers.length ? `; ${count(observers.length, 'observer')}` : '')
		],
		[
			'Point of contact',
			facilitators[0] ? `${facilitators[0].name} (lead facilitator)` : 'Not recorded'
		]
	]);
	doc.heading(2, 'Scenario summary');
	doc.paragraph(r.scenario.summary);
	doc.heading(2, 'Objectives');
	doc.bullets(
		r.scenario.objectives.map(
			(o) =>
				`${o.text} (capability: ${capabilityLabel(o.capability)}; ${data.scenario.frameworks[o.id] ?? ''})`
		),
		{ numbered: true }
	);
}

function summary(doc: ReportDocument, data: AarData) {
	const s = executiveSummary(data);
	doc.heading(1, '2. Executive summary');
	doc.heading(3, 'Overall result');
	doc.paragraph(s.result.join(' '));
	doc.heading(3, 'Main strengths');
	doc.paragraph(s.strengthsNote);
	if (s.strengths.length) doc.bullets(s.strengths);
	doc.heading(3, 'Main areas for improvement');
	doc.paragraph(s.improvementsNote);
	if (s.improvements.length) doc.bullets(s.improvements);
	doc.heading(3, 'Follow-up');
	doc.paragraph(s.followUp.join(' '));
	const hw = data.hotWash;
	if (hw?.summary) {
		doc.heading(3, 'Hot wash summary');
		doc.paragraph(hw.summary, 'italic');
		if (hw.summaryBy) doc.paragraph(`Written by ${hw.summaryBy}.`, 'muted');
	}
}
