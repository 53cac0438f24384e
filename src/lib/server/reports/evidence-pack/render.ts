import { actionStatusLabels } from '../../../lessons/words';
import type { RequirementState } from '../../../programme/requirement-status';
import { capabilityLabel } from '../../../scenarios/labels';
import type { DrillMode, HseepRating } from '../../db/schema';
import { renderDocument, type ReportDocument } from '../document';
import { loadReportFonts, type ReportFonts } from '../report-fonts';
import type { ReportContext } from '../runs';
import { drawTableAsync, type TableSpec } from '../table';
import { COLOR, FONT } from '../theme';
import type {
	ActionEvidence,
	DrillEvidence,
	EvidencePackData,
	FrameworkEvidence,
	IncidentEvidence,
	PlanApprovalEvidence,
	RequirementEvidence,
	TrainingEvidence
} from './load';

// The compliance evidence pack as a PDF: cover, contents, 1 summary, one section per
// framework with each requirement's status, evidence and gaps, the period's evidence
// register, and the audit trail's verification with the head hash an auditor keeps.
// A pure function of the data and the run's context: same inputs, same bytes.

export const EVIDENCE_PACK_TITLE = 'Compliance evidence pack';

/** Status in words first; the colour of the badge only repeats it. */
export const stateWords: Record<RequirementState, string> = {
	met: 'Met',
	due: 'Met, due again soon',
	overdue: 'Not met (overdue)',
	never: 'Not met (never met)'
};
const stateColour: Record<RequirementState, string> = {
	met: '#2e7d32',
	due: '#a15c00',
	overdue: '#b3261e',
	never: '#b3261e'
};
const notMetWhy: Record<RequirementState, string> = {
	met: 'met',
	due: 'due soon',
	overdue: 'overdue',
	never: 'never met'
};
export const isMet = (s: RequirementState) => s === 'met' || s === 'due';

const modeWords: Record<DrillMode, string> = {
	live: 'Live',
	async: 'Team, over a window',
	solo: 'Solo practice'
};
const ratingWords: Record<HseepRating, string> = {
	P: 'P: performed without challenges',
	S: 'S: some challenges',
	M: 'M: major challenges',
	U: 'U: unable to be performed'
};

const day = (value: string | null | undefined) => (value ? value.slice(0, 10) : '—');
const minute = (value: string | null | undefined) =>
	value ? `${value.slice(0, 16).replace('T', ' ')} UTC` : '—';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const frameworkTitle = (f: Pick<FrameworkEvidence, 'name' | 'edition'>) =>
	`${f.name} (${f.edition})`;

export function evidencePackSubject(data: Pick<EvidencePackData, 'period'>) {
	return `Compliance evidence for ${data.period.from} to ${data.period.to}`;
}

/** "P×2 S×1": how a drill's objectives were rated. */
function ratingCounts(d: DrillEvidence): string {
	if (d.mode === 'solo') return 'Practice, not rated';
	if (d.objectives.length === 0) return 'Not rated';
	const count = (r: HseepRating) => d.objectives.filter((o) => o.rating === r).length;
	const rated = (['P', 'S', 'M', 'U'] as const)
		.filter((r) => count(r))
		.map((r) => `${r}×${count(r)}`)
		.join(' ');
	const unrated = d.objectives.filter((o) => !o.rating).length;
	return [rated, unrated ? `${unrated} not assessed` : ''].filter(Boolean).join('\n');
}

/** Names up to this many participants in a requirement's table; all of them in the register. */
const NAMES_INLINE = 8;
const participantsCell = (d: DrillEvidence) =>
	d.participants.length === 0
		? 'None'
		: d.participants.length <= NAMES_INLINE
			? `${d.participants.length}: ${d.participants.join(', ')}`
			: `${d.participants.length} (named in the register)`;

function actionStatusCell(a: ActionEvidence): string {
	const status = actionStatusLabels[a.status];
	if (a.overdue) return `${status}, overdue`;
	return a.closedAt ? `${status}, closed ${day(a.closedAt)}` : status;
}

/** A table laid out a few rows at a time, so a long register never holds the event loop. */
async function table(doc: ReportDocument, spec: TableSpec) {
	await drawTableAsync(doc, spec);
	doc.resetFlow();
}

/** A line introducing a table, kept on the page with the table's header and first row. */
function caption(doc: ReportDocument, text: string) {
	doc.ensureSpace(80);
	doc.paragraph(text, 'muted');
}

/** The status line under a requirement's heading: a coloured badge with the word in it. */
function statusBadge(doc: ReportDocument, state: RequirementState, detail: string) {
	const { pdf } = doc;
	const word = stateWords[state];
	pdf.font(FONT.bold).fontSize(9);
	const width = pdf.widthOfString(word) + 12;
	doc.ensureSpace(40);
	const y = pdf.y;
	pdf.roundedRect(doc.left, y, width, 15, 3).fill(stateColour[state]);
	pdf
		.fillColor('#ffffff')
		.text(word, doc.left + 6, y + 3.5, { width: width - 12, lineBreak: false });
	pdf.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
	pdf.text(detail, doc.left + width + 8, y + 3.5, { width: doc.contentWidth - width - 8 });
	pdf.y = Math.max(pdf.y, y + 15) + 8;
	doc.resetFlow();
}

async function approvalsTable(doc: ReportDocument, rows: PlanApprovalEvidence[], full = false) {
	await table(doc, {
		columns: [
			{ header: 'Plan', width: 1.9 },
			{ header: 'Version', width: 0.9 },
			{ header: 'Author', width: 1.5 },
			{ header: 'Changes requested', width: 1.6 },
			{ header: 'Approved', width: 1.6 },
			...(full
				? [{ header: 'Approval comment', width: 2 }]
				: [{ header: 'Next review', width: 1.2 }])
		],
		rows: rows.map((a) => [
			a.planKind === 'ir-plan' ? a.planTitle : `${a.planTitle} (playbook)`,
			a.number,
			[a.author, ...a.contributors].join(', '),
			a.reviewedBy ? `${a.reviewedBy}, ${day(a.reviewedAt)}` : 'None',
			`${a.approvedBy ?? '—'}, ${day(a.approvedAt)}`,
			full ? a.approvalComment || '—' : day(a.nextReviewDate)
		])
	});
}

async function drillsTable(doc: ReportDocument, rows: DrillEvidence[]) {
	await table(doc, {
		columns: [
			{ header: 'Ended', width: 1.1 },
			{ header: 'Drill', width: 2.2 },
			{ header: 'Mode', width: 1 },
			{ header: 'Plan version tested', width: 1.5 },
			{ header: 'Participants', width: 2 },
			{ header: 'Ratings', width: 1.1 }
		],
		rows: rows.map((d) => [
			day(d.endedAt),
			d.title,
			modeWords[d.mode],
			`${d.planTitle} v${d.planVersion}`,
			participantsCell(d),
			ratingCounts(d)
		])
	});
}

async function trainingTable(doc: ReportDocument, rows: TrainingEvidence[]) {
	await table(doc, {
		columns: [
			{ header: 'Person', width: 1.5 },
			{ header: 'Latest drill or practice', width: 2.6 },
			{ header: 'Ended', width: 0.9 },
			{ header: 'Status', width: 1.3 }
		],
		rows: rows.map((t) => [t.person, t.last?.label ?? 'None', day(t.last?.at), stateWords[t.state]])
	});
}

async function actionsTable(doc: ReportDocument, rows: ActionEvidence[], full = false) {
	await table(doc, {
		columns: [
			{ header: 'Action', width: 0.75 },
			{ header: 'What', width: full ? 2.2 : 2.6 },
			...(full ? [{ header: 'Finding and source', width: 2 }] : []),
			{ header: 'Owner', width: 1.15 },
			{ header: 'Due', width: 1.1 },
			{ header: 'Status at period end', width: 1.3 }
		],
		rows: rows.map((a) => [
			a.label,
			a.action,
			...(full
				? [`${a.finding} (${a.source.kind === 'drill' ? 'drill' : 'incident'}: ${a.source.label})`]
				: []),
			a.owner,
			day(a.dueDate),
			actionStatusCell(a)
		])
	});
}

async function incidentsTable(doc: ReportDocument, rows: IncidentEvidence[]) {
	await table(doc, {
		columns: [
			{ header: 'Incident', width: 2.3 },
			{ header: 'Severity', width: 0.95 },
			{ header: 'Aware / resolved', width: 1.2 },
			{ header: 'Plan version', width: 1.3 },
			{ header: 'Review recorded', width: 1.3 },
			{ header: 'Lessons', width: 1.15 }
		],
		rows: rows.map((i) => [
			`${i.reference}: ${i.title}`,
			i.severity,
			`${day(i.awareAt)}\n${i.resolvedAt ? day(i.resolvedAt) : 'not resolved'}`,
			`${i.planTitle} v${i.planVersion}`,
			`${i.reviewedBy}, ${day(i.reviewedAt)}`,
			`${plural(i.findings, 'finding')}\n${plural(i.actions, 'action')}`
		])
	});
}

function statusDetail(r: RequirementEvidence): string {
	const parts: string[] = [];
	if (r.lastMet) parts.push(`Last met ${day(r.lastMet.at)} (${r.lastMet.label})`);
	if (r.nextDue) parts.push(`${r.state === 'overdue' ? 'was due' : 'next due'} ${day(r.nextDue)}`);
	return parts.length ? `${parts.join('; ')}.` : 'No evidence recorded.';
}

async function requirementSection(doc: ReportDocument, r: RequirementEvidence) {
	doc.heading(2, `${r.clause} ${r.title}: ${stateWords[r.state]}`);
	statusBadge(doc, r.state, statusDetail(r));
	doc.paragraph(r.text, 'italic');
	doc.keyValues(
		[
			['Met by', r.satisfiedBy],
			['How often', r.frequency]
		],
		90
	);
	doc.heading(3, 'Evidence within the period');
	const any =
		r.approvals.length +
		r.drills.length +
		r.training.length +
		r.actions.length +
		r.incidents.length;
	if (!any) doc.paragraph('None recorded within the period.', 'muted');
	if (r.approvals.length) {
		caption(doc, 'Plan approvals (a review ends with an approved version):');
		await approvalsTable(doc, r.approvals);
	}
	if (r.drills.length) {
		caption(doc, 'Exercises that qualify:');
		await drillsTable(doc, r.drills);
	}
	if (r.training.length) {
		caption(doc, 'People this requirement applies to, with their latest exercise:');
		await trainingTable(doc, r.training);
	}
	if (r.incidents.length) {
		caption(doc, 'Real-incident reviews:');
		await incidentsTable(doc, r.incidents);
	}
	if (r.actions.length) {
		caption(doc, 'Corrective actions from this evidence:');
		await actionsTable(doc, r.actions);
	}
	await doc.breathe();
	doc.heading(3, 'Gaps');
	if (r.gaps.length) doc.bullets(r.gaps);
	else doc.paragraph('None: the evidence above meets the requirement at the end of the period.');
}

async function summary(doc: ReportDocument, data: EvidencePackData, ctx: ReportContext) {
	const all = data.frameworks.flatMap((f) => f.requirements.map((r) => ({ f, r })));
	const met = all.filter((x) => isMet(x.r.state));
	const notMet = all.filter((x) => !isMet(x.r.state));
	const dueSoon = all.filter((x) => x.r.state === 'due');
	doc.paragraph(
		`This pack sets out, for each requirement of the frameworks below, whether the records kept in Hotwash show it met at the end of the period (${day(data.asOf)}), the evidence from the period ${data.period.from} to ${data.period.to} behind it, and what is missing. Statuses are computed exactly as on the exercise programme page for the same moment.`
	);
	await table(doc, {
		columns: [
			{ header: 'Framework', width: 3 },
			{ header: 'Requirements', width: 1, align: 'right' },
			{ header: 'Met', width: 0.8, align: 'right' },
			{ header: 'Not met', width: 0.8, align: 'right' }
		],
		rows: [
			...data.frameworks.map((f) => [
				frameworkTitle(f),
				String(f.requirements.length),
				String(f.requirements.filter((r) => isMet(r.state)).length),
				String(f.requirements.filter((r) => !isMet(r.state)).length)
			]),
			['All frameworks', String(all.length), String(met.length), String(notMet.length)]
		]
	});
	const statement =
		notMet.length === 0
			? `At the end of the period all ${plural(all.length, 'requirement')} were met.`
			: `At the end of the period ${met.length} of ${plural(all.length, 'requirement')} were met and ${notMet.length} ${notMet.length === 1 ? 'was' : 'were'} not: ${notMet
					.map((x) => `${x.f.name} ${x.r.clause} ${x.r.title} (${notMetWhy[x.r.state]})`)
					.join('; ')}.`;
	doc.paragraph(statement);
	if (dueSoon.length)
		doc.paragraph(
			`${plural(dueSoon.length, 'requirement')} met at the period end ${dueSoon.length === 1 ? 'falls' : 'fall'} due again within 30 days: ${dueSoon.map((x) => `${x.f.name} ${x.r.clause}`).join(', ')}.`
		);
	doc.paragraph(
		data.chain.intact
			? `The audit trail verified intact (${plural(data.chain.entries, 'entry', 'entries')}); its head at generation is entry ${ctx.auditHead.seq} (section ${data.frameworks.length + 3}).`
			: `The audit trail did NOT verify: broken at entry ${data.chain.brokenAt} (section ${data.frameworks.length + 3}).`
	);
	doc.heading(2, 'The period in figures');
	const o = data.overview;
	doc.keyValues(
		[
			['Plan versions approved', String(o.planVersionsApproved)],
			[
				'Drills held',
				`${o.drillsHeld} (${plural(o.teamDrills, 'team drill')}, ${plural(o.practiceSessions, 'solo practice session')})`
			],
			[
				'Corrective actions',
				`${o.actionsOpened} opened, ${o.actionsClosed} closed in the period; ${o.actionsOverdue} overdue at its end`
			],
			['Real incidents reviewed', String(o.incidentsReviewed)]
		],
		170
	);
	doc.heading(2, 'How to read the statuses');
	doc.keyValues(
		(['met', 'due', 'overdue', 'never'] as const).map((s) => [
			stateWords[s],
			{
				met: 'The latest evidence is recent enough: the requirement is not due again within 30 days of the period end.',
				due: 'Met at the period end, but due again within 30 days of it.',
				overdue:
					'There was evidence once, but the requirement fell due again before the period end.',
				never: 'No evidence at all by the period end.'
			}[s]
		]),
		170
	);
}

async function register(doc: ReportDocument, data: EvidencePackData) {
	const { drills, approvals, actions, incidents } = data.register;
	doc.paragraph(
		'Every record of the period that is evidence for an exercise programme, whichever requirement it serves: exercises, plan approvals, corrective actions and reviews of real incidents. Dates are UTC.'
	);
	doc.heading(2, 'Drills and practice');
	if (drills.length) await drillsTable(doc, drills);
	else doc.paragraph('No drill or practice ended within the period.', 'muted');
	const named = drills.filter((d) => d.participants.length || d.facilitators.length);
	if (named.length) {
		doc.heading(2, 'Who took part');
		await table(doc, {
			columns: [
				{ header: 'Drill', width: 1.5 },
				{ header: 'Facilitators', width: 1 },
				{ header: 'Participants', width: 4.5 }
			],
			rows: named.map((d) => [
				`${d.title} (${day(d.endedAt)})`,
				d.facilitators.join(', ') || '—',
				d.participants.length ? `${d.participants.length}: ${d.participants.join(', ')}` : 'None'
			])
		});
	}
	const rated = drills.filter((d) => d.objectives.length);
	if (rated.length) {
		doc.heading(2, 'Objective ratings (HSEEP)');
		await table(doc, {
			columns: [
				{ header: 'Drill', width: 1.6 },
				{ header: 'Objective', width: 2.7 },
				{ header: 'Capability', width: 1.2 },
				{ header: 'Rating', width: 1.5 }
			],
			rows: rated.flatMap((d) =>
				d.objectives.map((o, i) => [
					i === 0 ? `${d.title} (${day(d.endedAt)})` : '',
					o.text,
					capabilityLabel(o.capability),
					o.rating ? ratingWords[o.rating] : 'Not assessed'
				])
			)
		});
	}
	doc.heading(2, 'Plan approvals');
	if (approvals.length) await approvalsTable(doc, approvals, true);
	else doc.paragraph('No plan version was approved within the period.', 'muted');
	doc.heading(2, 'Corrective actions');
	if (actions.length) await actionsTable(doc, actions, true);
	else doc.paragraph('No corrective action was open within the period.', 'muted');
	doc.heading(2, 'Real-incident reviews');
	if (incidents.length) await incidentsTable(doc, incidents);
	else doc.paragraph('No real incident was reviewed within the period.', 'muted');
}

function auditTrail(doc: ReportDocument, data: EvidencePackData, ctx: ReportContext) {
	const { chain } = data;
	doc.keyValues(
		[
			[
				'Verification',
				chain.intact
					? `Intact: all ${plural(chain.entries, 'entry', 'entries')} follow one another and match their hashes.`
					: `Broken at entry ${chain.brokenAt}: ${chain.reason}. The ${plural(chain.entries, 'entry', 'entries')} before it verify.`
			],
			['Head entry', `Entry ${ctx.auditHead.seq}, the newest when this pack was generated`],
			['Generated', minute(ctx.createdAt.toISOString())]
		],
		130
	);
	doc.paragraph('SHA-256 hash of the head entry:', 'muted');
	doc.paragraph(ctx.auditHead.hash, 'mono');
	doc.heading(2, 'How an auditor uses this');
	doc.paragraph(
		'Every audit trail entry carries the SHA-256 hash of its content and of the entry before it, so each hash vouches for the whole trail up to that entry. This pack records the newest entry when it was generated. Keep the pack: at a later audit, ask for a newer evidence pack (or the audit trail export) and compare.'
	);
	doc.bullets([
		`Entry ${ctx.auditHead.seq} must still exist in the trail with exactly the hash above. If it has another hash, the trail up to that entry was changed after this pack was made.`,
		`A later pack's head must come after entry ${ctx.auditHead.seq}, and the later trail must still contain this entry. A later head below ${ctx.auditHead.seq}, or a trail without this entry, shows that entries were deleted.`,
		'The verification above recomputes every hash from the stored entries; "broken" names the first entry that no longer fits, which is where to look.',
		`The report id ${ctx.reportId} in every page's header identifies this file; the Hotwash verify page confirms that it is the file generated, unchanged, and when and for whom.`
	]);
	if (!chain.intact)
		doc.paragraph(
			'Because the verification failed, the records behind this pack may have been altered: treat the evidence from that entry on with caution and ask the administrator for an explanation.',
			'italic'
		);
}

/** The evidence pack as PDF bytes; same data and context give the same bytes. */
export async function renderEvidencePack(
	data: EvidencePackData,
	ctx: ReportContext,
	fonts: ReportFonts = loadReportFonts()
): Promise<Buffer> {
	const frameworkNames = data.frameworks.map(frameworkTitle);
	return renderDocument(
		{
			title: EVIDENCE_PACK_TITLE,
			author: 'Hotwash',
			subject: evidencePackSubject(data),
			keywords: ['compliance evidence', 'audit', ...data.frameworks.map((f) => f.name)].join(', '),
			reportId: ctx.reportId,
			createdAt: ctx.createdAt
		},
		fonts,
		async (doc) => {
			doc.titlePage({
				title: EVIDENCE_PACK_TITLE,
				subtitle: `Period ${data.period.from} to ${data.period.to}`,
				details: [
					['Frameworks', frameworkNames.join('\n')],
					['Status as of', minute(data.asOf)],
					['Report id', ctx.reportId],
					['Generated', `${minute(ctx.createdAt.toISOString())} for ${ctx.requestedBy}`],
					[
						'Audit trail head',
						`Entry ${ctx.auditHead.seq}, SHA-256\n${ctx.auditHead.hash.slice(0, 32)}\n${ctx.auditHead.hash.slice(32)}`
					]
				]
			});
			doc.tableOfContents();
			doc.heading(1, '1 Summary');
			await summary(doc, data, ctx);
			await doc.breathe();
			let section = 2;
			for (const f of data.frameworks) {
				doc.heading(1, `${section} ${frameworkTitle(f)}`);
				doc.paragraph(
					f.enabledAt
						? `Switched on in Hotwash on ${day(f.enabledAt)}. ${plural(f.requirements.length, 'requirement')} below.`
						: `${plural(f.requirements.length, 'requirement')} below.`,
					'muted'
				);
				for (const r of f.requirements) await requirementSection(doc, r);
				section++;
			}
			doc.heading(1, `${section++} Evidence register`);
			await register(doc, data);
			await doc.breathe();
			doc.heading(1, `${section} Audit trail integrity`);
			auditTrail(doc, data, ctx);
		}
	);
}
