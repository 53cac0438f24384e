import { statusLabels } from '../../../plans/status';
import { renderDocument, type ReportDocument } from '../document';
import { loadReportFonts } from '../report-fonts';
import type { ReportContext } from '../runs';
import { byOn, day, moment } from './format';
import type { PlanVersionData } from './load';
import { drawMarkdown } from './markdown-pdf';
import { drawChanges } from './render-changes';
import { drawMatrix, drawSeverityScale } from './render-matrix';

const SUBJECT = 'Plan version report';

/** The plan version report: the plan as approved, its matrix, approval record and changes. */
export async function renderPlanVersion(
	data: PlanVersionData,
	ctx: ReportContext,
	fonts = loadReportFonts()
): Promise<Buffer> {
	const { plan, version } = data;
	const meta = {
		title: `${plan.title}, version ${version.number}`,
		author: data.organisation,
		subject: SUBJECT,
		keywords: 'incident response plan, plan version, approval, communication matrix, change log',
		reportId: ctx.reportId,
		createdAt: ctx.createdAt
	};
	return renderDocument(meta, fonts, async (doc) => {
		doc.titlePage({
			title: plan.title,
			subtitle: `${SUBJECT} · version ${version.number}`,
			details: [
				['Version', version.number],
				['Status', statusText(data)],
				['Effective date', day(version.effectiveDate)],
				['Next review', day(version.nextReviewDate)],
				['Approved by', byOn(data.approval.approvedBy, data.approval.approvedAt)],
				['Report id', ctx.reportId],
				['Generated', `${moment(ctx.createdAt)} for ${ctx.requestedBy}`]
			]
		});
		doc.tableOfContents();

		doc.heading(1, '1 Approval record');
		drawApproval(doc, data);
		await doc.breathe();

		const previous = data.changes ? ` from version ${data.changes.fromNumber}` : '';
		doc.heading(1, `2 Summary of changes${previous}`);
		await drawChanges(doc, data, '2');

		doc.heading(1, '3 The plan');
		doc.paragraph(
			`The ${data.sections.length} sections of version ${version.number} as approved. Section numbers are the plan’s own.`,
			'muted'
		);
		for (const section of data.sections) {
			doc.heading(2, `${section.number} ${section.title}`);
			if (section.body.trim()) await drawMarkdown(doc, section.body);
			else doc.paragraph('This section has no text.', 'muted');
			await doc.breathe();
		}

		doc.heading(1, '4 Severity scale');
		await drawSeverityScale(doc, data.severityScale);

		doc.heading(1, '5 Communication matrix');
		await drawMatrix(doc, data.matrix, data.severityScale, '5');

		doc.heading(1, '6 Change log');
		drawChangeLog(doc, data);
	});
}

function statusText({ version }: PlanVersionData): string {
	if (version.status === 'superseded')
		return `Superseded on ${day(version.supersededAt)} (no longer in force)`;
	return 'Approved, in force';
}

function drawApproval(doc: ReportDocument, data: PlanVersionData) {
	const a = data.approval;
	doc.keyValues([
		['Version', data.version.number],
		['Status', statusText(data)],
		['Author', byOn(a.author, a.createdAt)],
		['Submitted for review', byOn(a.submittedBy, a.submittedAt)],
		...(a.reviewedBy
			? ([['Changes requested by', `${a.reviewedBy}: ${a.reviewComment ?? ''}`]] as [
					string,
					string
				][])
			: []),
		['Approved by', a.approvedBy ?? '—'],
		['Approved on', moment(a.approvedAt)],
		['Approval comment', a.approvalComment ?? '—'],
		['Effective date', day(data.version.effectiveDate)],
		['Next review due', day(data.version.nextReviewDate)],
		...(data.version.supersededAt
			? ([['Superseded on', day(data.version.supersededAt)]] as [string, string][])
			: [])
	]);
	doc.paragraph(
		'Hotwash asks the approver to re-enter their password and refuses approval by anyone who wrote or edited the version; an approved version cannot be changed.',
		'muted'
	);
	doc.heading(2, '1.1 Review history');
	if (!a.steps.length) {
		doc.paragraph('The audit trail holds no review steps for this version.', 'muted');
		return;
	}
	doc.table({
		columns: [
			{ header: 'When', width: 2.5 },
			{ header: 'Step', width: 1.9 },
			{ header: 'By', width: 2 },
			{ header: 'Comment', width: 4 }
		],
		rows: a.steps.map((s) => [moment(s.at), s.step, s.by, s.comment ?? '—'])
	});
}

function drawChangeLog(doc: ReportDocument, data: PlanVersionData) {
	doc.paragraph('Every numbered version of the plan, oldest first.', 'muted');
	doc.table({
		columns: [
			{ header: 'Version', width: 1.3 },
			{ header: 'Status', width: 1.7 },
			{ header: 'Author', width: 1.8 },
			{ header: 'Approved', width: 2.2 },
			{ header: 'Effective', width: 1.6 },
			{ header: 'Change summary', width: 4 }
		],
		rows: data.changeLog.map((v) => [
			v.id === data.version.id ? `${v.number}\n(this report)` : v.number,
			statusLabels[v.status],
			v.author ?? '—',
			byOn(v.approver, v.approvedAt),
			day(v.effectiveDate),
			v.changeSummary ?? '—'
		])
	});
}
