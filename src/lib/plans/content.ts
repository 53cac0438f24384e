import { z } from 'zod';
import { durationFromMinutes, durationSchema } from './durations';
import { isIncidentFact, type IncidentFact } from './incident-facts';

// The content of one plan version: ordered sections, the severity scale and the
// communication matrix. Shared by the server (validation, storage, diff) and the pages
// (the matrix editor), so it holds no server-only code.

/** Stable keys survive renumbering and renaming: scenarios and findings point at them. */
export const keyPattern = /^[a-z][a-z0-9-]{1,62}$/;
const key = z
	.string()
	.regex(keyPattern, 'Use lower-case letters, digits and dashes, starting with a letter.');

/** Line endings as stored: a browser posts CRLF, and a diff must never show that as a change. */
export function normaliseLineEndings(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}
/** Every stored string goes through this, before trimming and length checks. */
const text = () => z.string().overwrite(normaliseLineEndings);
const atMost = (n: number) => `Use at most ${n.toLocaleString('en-GB')} characters.`;

export const sectionSchema = z.object({
	key,
	title: text().trim().min(1, 'Give the section a title.').max(200, atMost(200)),
	/** 1 for a main section, 2 for a subsection; numbers (2, 2.1, …) follow from order and level. */
	level: z.union([z.literal(1), z.literal(2)]),
	body: text().max(200_000, 'A section holds at most 200,000 characters.')
});
export type Section = z.infer<typeof sectionSchema>;

export const severityLevelSchema = z.object({
	/** e.g. SEV1; the matrix refers to levels by this id. */
	id: z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/, 'Use an upper-case id such as SEV1.'),
	name: text().trim().min(1, 'Give the level a name.').max(80, atMost(80)),
	criteria: text().trim().min(1, 'Say when an incident is at this level.').max(4000, atMost(4000))
});
export type SeverityLevel = z.infer<typeof severityLevelSchema>;

export const audiences = [
	'internal',
	'executive',
	'legal',
	'regulator',
	'law-enforcement',
	'customers',
	'media',
	'vendor'
] as const;
export type Audience = (typeof audiences)[number];
export const audienceLabels: Record<Audience, string> = {
	internal: 'Internal',
	executive: 'Executive',
	legal: 'Legal',
	regulator: 'Regulator',
	'law-enforcement': 'Law enforcement',
	customers: 'Customers',
	media: 'Media',
	vendor: 'Vendor'
};
/** Messages to these audiences leave the organisation and need a named approver. */
export const externalAudiences: readonly Audience[] = [
	'regulator',
	'law-enforcement',
	'customers',
	'media',
	'vendor'
];

export const contactSchema = z.object({
	name: text().trim().max(120, atMost(120)).default(''),
	email: z.union([z.literal(''), text().trim().email('Enter a valid email address.')]).default(''),
	phone: text().trim().max(40, atMost(40)).default(''),
	/** How to reach them when email and chat may be compromised (phone tree, Signal, in person). */
	outOfBand: text().trim().max(200, atMost(200)).default('')
});
export type Contact = z.infer<typeof contactSchema>;

/** The moment a deadline is counted from; the law names it, not the team. */
export const clockAnchors = [
	'awareness',
	'declaration',
	'classification',
	'determination'
] as const;
export type ClockAnchor = (typeof clockAnchors)[number];
export const clockAnchorInfo: Record<ClockAnchor, { label: string; meaning: string }> = {
	awareness: {
		label: 'awareness',
		meaning:
			'When the organisation became aware of the incident (GDPR Art. 33, NIS2 Art. 23 count from here).'
	},
	declaration: {
		label: 'declaration',
		meaning: 'When the incident was declared at its severity under this plan.'
	},
	classification: {
		label: 'classification',
		meaning: 'When the incident was classified as major or significant (DORA initial notification).'
	},
	determination: {
		label: 'determination',
		meaning: 'When a determination was made, e.g. materiality for an SEC Form 8-K.'
	}
};

export const deadlineSchema = z.object({
	within: durationSchema,
	anchor: z.enum(clockAnchors, { message: 'Choose what the deadline counts from.' })
});
export type Deadline = z.infer<typeof deadlineSchema>;

/**
 * One report or message of a staged notification (NIS2: early warning, notification, final
 * report). Its deadlines all hold: DORA's initial notification is due 4 h after
 * classification and at most 24 h after awareness, whichever comes first.
 */
export const notificationStageSchema = z.object({
	name: text().trim().min(1, 'Name the stage, e.g. Early warning.').max(80, atMost(80)),
	deadlines: z
		.array(deadlineSchema)
		.min(1, 'Give the stage a deadline.')
		.max(3, 'A stage has at most three deadlines.')
});
export type NotificationStage = z.infer<typeof notificationStageSchema>;

/**
 * Rows stored before staged deadlines held `{ notify, withinMinutes }`, counted from the
 * declaration. They are read as one stage so that approved versions stay as approved.
 */
function fromLegacyRule(value: unknown): unknown {
	if (!value || typeof value !== 'object' || 'stages' in value) return value;
	const legacy = value as { notify?: unknown; withinMinutes?: unknown };
	const minutes = legacy.withinMinutes;
	const stages =
		legacy.notify === true &&
		typeof minutes === 'number' &&
		Number.isInteger(minutes) &&
		minutes > 0
			? [
					{
						name: 'Notify',
						deadlines: [{ within: durationFromMinutes(minutes), anchor: 'declaration' }]
					}
				]
			: [];
	return { notify: legacy.notify, stages };
}

export const notificationRuleSchema = z.preprocess(
	fromLegacyRule,
	z.object({
		notify: z.boolean(),
		/** Empty when not notified; otherwise the first stage is the first message. */
		stages: z.array(notificationStageSchema).max(5, 'A row has at most five stages.')
	})
);
export type NotificationRule = z.infer<typeof notificationRuleSchema>;

const incidentFactSchema = z.custom<IncidentFact>(isIncidentFact, {
	message: 'Choose a known incident fact (or a country as country-xx).'
});

export const matrixRowSchema = z.object({
	key,
	stakeholder: text()
		.trim()
		.min(1, 'Name the stakeholder (a role or group).')
		.max(120, atMost(120)),
	audience: z.enum(audiences, { message: 'Choose an audience.' }),
	contacts: z.array(contactSchema).max(10, 'A row has at most ten contacts.'),
	/**
	 * The row is required when any of these facts holds; empty means every incident at a
	 * notified severity.
	 */
	appliesWhen: z.array(incidentFactSchema).max(40).default([]),
	/**
	 * And the row is required only when every one of these holds too, e.g. the ICO: personal
	 * data affected (applies when) and only when the UK is affected (`country-gb`).
	 */
	onlyWhen: z.array(incidentFactSchema).max(10).optional(),
	/** By severity id, e.g. { SEV1: { notify: true, stages: [...] } }. */
	notifications: z.record(z.string(), notificationRuleSchema),
	/** The plan role that sends the message, e.g. "Communications lead". */
	notifier: text().trim().min(1, 'Say who notifies them (a plan role).').max(120, atMost(120)),
	/** Whose approval an external message needs; required for external audiences. */
	approver: text().trim().max(120, atMost(120)).default(''),
	messageTemplate: text().max(20_000, atMost(20_000)).default('')
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;

/**
 * Whether a row applies to an incident with these facts: none of its "applies when" facts
 * set, or any one of them holding; and every "only when" fact holding. (Its severity is
 * checked separately: see notification-expectation.ts.)
 */
export function rowAppliesTo(
	row: Pick<MatrixRow, 'appliesWhen' | 'onlyWhen'>,
	facts: readonly string[]
): boolean {
	const any = row.appliesWhen.length === 0 || row.appliesWhen.some((f) => facts.includes(f));
	return any && (row.onlyWhen ?? []).every((f) => facts.includes(f));
}

export const planContentSchema = z
	.object({
		sections: z.array(sectionSchema).max(500),
		severityScale: z
			.array(severityLevelSchema)
			.min(1, 'The plan needs at least one severity level.')
			.max(10),
		matrix: z.array(matrixRowSchema).max(200)
	})
	.superRefine((content, ctx) => {
		const duplicate = (
			values: string[],
			path: (i: number) => (string | number)[],
			message: string
		) => {
			const seen = new Set<string>();
			values.forEach((v, i) => {
				const k = v.trim().toLowerCase();
				if (seen.has(k)) ctx.addIssue({ code: 'custom', path: path(i), message });
				seen.add(k);
			});
		};
		duplicate(
			content.sections.map((s) => s.key),
			(i) => ['sections', i, 'key'],
			'Another section already has this key.'
		);
		duplicate(
			content.severityScale.map((l) => l.id),
			(i) => ['severityScale', i, 'id'],
			'Another level already has this id.'
		);
		duplicate(
			content.matrix.map((r) => r.key),
			(i) => ['matrix', i, 'key'],
			'Another row already has this key.'
		);
		duplicate(
			content.matrix.map((r) => r.stakeholder),
			(i) => ['matrix', i, 'stakeholder'],
			'This stakeholder is already in the matrix.'
		);
		content.matrix.forEach((row, i) => {
			for (const level of content.severityScale) {
				const rule = row.notifications[level.id];
				if (rule?.notify && rule.stages.length === 0)
					ctx.addIssue({
						code: 'custom',
						path: ['matrix', i, 'notifications', level.id, 'stages'],
						message: `Say within how long they are told at ${level.id}.`
					});
				if (rule && !rule.notify && rule.stages.length > 0)
					ctx.addIssue({
						code: 'custom',
						path: ['matrix', i, 'notifications', level.id, 'stages'],
						message: `They are not notified at ${level.id}: remove the deadlines or tick notify.`
					});
			}
			if (!row.contacts.some((c) => c.email || c.phone || c.outOfBand))
				ctx.addIssue({
					code: 'custom',
					path: ['matrix', i, 'contacts'],
					message: 'Give at least one way to reach them (email, phone or out-of-band).'
				});
			if (externalAudiences.includes(row.audience) && !row.approver)
				ctx.addIssue({
					code: 'custom',
					path: ['matrix', i, 'approver'],
					message: 'A message to this audience leaves the organisation: name who approves it.'
				});
		});
	});

export type PlanContent = z.infer<typeof planContentSchema>;

/** Section numbers from order and level: 1, 2, 2.1, 2.2, 3, … */
export function sectionNumbers(sections: Pick<Section, 'level'>[]): string[] {
	let major = 0;
	let minor = 0;
	return sections.map((s) => {
		if (s.level === 1 || major === 0) {
			major++;
			minor = 0;
			return String(major);
		}
		minor++;
		return `${major}.${minor}`;
	});
}

/** A key from a title: "Roles & responsibilities" → "roles-responsibilities". */
export function keyFromTitle(title: string, taken: Set<string> = new Set()): string {
	let base = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 50);
	if (!/^[a-z]/.test(base)) base = `s-${base}`.replace(/-+$/, '');
	if (base.length < 2) base = 'section';
	let candidate = base;
	for (let i = 2; taken.has(candidate); i++) candidate = `${base}-${i}`;
	return candidate;
}
