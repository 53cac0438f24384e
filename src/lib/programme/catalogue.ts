import type { Role } from '../permissions';
import { capabilityLabels, categoryLabels } from '../scenarios/labels';
import type { capabilities, categories } from '../scenarios/schema';

// The compliance frameworks Hotwash knows and what each one asks of an exercise programme
// (NIST SP 800-84: test, training and exercise). Data, not code: each requirement names its
// source clause, what in Hotwash satisfies it and how often. An admin switches frameworks on
// (table programme_frameworks); the baseline is always on. Status is computed from the
// database by src/lib/server/programme/requirements.ts; README "Exercise programme" explains
// it for users.
//
// How the evidence kinds read:
// - drill: an ended drill (live, or a team drill over a window; solo practice too unless
//   teamOnly) whose scenario is of one of `categories` (any when unset), whose objectives
//   cover every capability in `capabilities`, and whose scenario names every plan section key
//   in `planSections`. The drill's end is the moment the requirement was met.
// - plan-approval: an approved version of each IR plan (plans of kind 'ir-plan'); approving
//   a new version is how Hotwash records a plan review. The approval is the moment.
// - training: every active user holding one of `roles` took part in an ended drill (as a
//   participant, any mode, solo practice included). Each person's latest drill is their
//   moment; the requirement is as fresh as its least recently trained person.
//
// How often: `months` after the last time it was met the requirement is due again. Where a
// framework leaves the frequency to the organisation (ISO 27001, SOC 2, HIPAA, NIS2, NIST's
// "organization-defined frequency"), Hotwash uses 12 months, the usual choice and what
// auditors expect by default; the `frequency` text says so.

export type Capability = (typeof capabilities)[number];
export type Category = (typeof categories)[number];

export type Satisfier =
	| {
			kind: 'drill';
			categories?: Category[];
			capabilities?: Capability[];
			planSections?: string[];
			/** Only team drills (live or over a window): solo practice is no test of the plan. */
			teamOnly?: boolean;
	  }
	| { kind: 'plan-approval' }
	| { kind: 'training'; roles: Role[] };

export type Requirement = {
	/** Stable: kept in URLs, the API and the audit trail. */
	id: string;
	frameworkId: string;
	/** The source clause as the framework numbers it. */
	clause: string;
	title: string;
	/** What the clause says, in short (paraphrased; the standard's own text is not shipped). */
	text: string;
	satisfiedBy: Satisfier;
	months: number;
	/** Where the frequency comes from, in words. */
	frequency: string;
};

export type Framework = {
	id: string;
	name: string;
	/** The edition the clauses refer to. */
	edition: string;
	/** On for everyone; cannot be switched off. */
	alwaysOn?: boolean;
	requirements: Requirement[];
};

const YEARLY_BY_CHOICE = 'The framework sets no frequency; Hotwash checks it every 12 months.';

/** Frameworks in the order the programme page shows them. */
export const frameworks: Framework[] = [
	{
		id: 'baseline',
		name: 'Plan review',
		edition: 'Hotwash baseline',
		alwaysOn: true,
		requirements: [
			{
				id: 'baseline-plan-review',
				frameworkId: 'baseline',
				clause: 'Baseline',
				title: 'IR plan reviewed every 12 months',
				text: 'Every incident-response plan is reviewed and re-approved at least once a year, the common minimum (NIST SP 800-61, SP 800-84).',
				satisfiedBy: { kind: 'plan-approval' },
				months: 12,
				frequency: 'At least every 12 months.'
			}
		]
	},
	{
		id: 'pci-dss',
		name: 'PCI DSS',
		edition: 'v4.0',
		requirements: [
			{
				// 12.10.2: "At least once every 12 months, the security incident response plan is:
				// reviewed and the content is updated as needed; tested, including all elements
				// listed in Requirement 12.10.1." Two duties, two requirements.
				id: 'pci-12.10.2-review',
				frameworkId: 'pci-dss',
				clause: '12.10.2',
				title: 'Incident response plan reviewed and updated',
				text: 'At least once every 12 months the security incident response plan is reviewed and its content updated as needed.',
				satisfiedBy: { kind: 'plan-approval' },
				months: 12,
				frequency: 'At least once every 12 months (stated in 12.10.2).'
			},
			{
				id: 'pci-12.10.2-test',
				frameworkId: 'pci-dss',
				clause: '12.10.2',
				title: 'Incident response plan tested',
				text: 'At least once every 12 months the plan is tested, including all the elements of 12.10.1 (roles, communication, containment, business recovery, legal reporting duties).',
				satisfiedBy: { kind: 'drill', teamOnly: true },
				months: 12,
				frequency: 'At least once every 12 months (stated in 12.10.2).'
			},
			{
				// 12.10.4.1 (new in v4.0) lets a targeted risk analysis set the training
				// frequency; 12 months is the default until one says otherwise.
				id: 'pci-12.10.4-training',
				frameworkId: 'pci-dss',
				clause: '12.10.4',
				title: 'Incident response personnel trained',
				text: 'Personnel responsible for responding to suspected and confirmed security incidents are appropriately and periodically trained on their incident response responsibilities.',
				satisfiedBy: { kind: 'training', roles: ['lead', 'trainee'] },
				months: 12,
				frequency:
					'Periodically, at the frequency of the targeted risk analysis of 12.10.4.1; Hotwash uses 12 months.'
			}
		]
	},
	{
		id: 'iso-27001',
		name: 'ISO/IEC 27001',
		edition: '2022, Annex A',
		requirements: [
			{
				id: 'iso-a.5.24',
				frameworkId: 'iso-27001',
				clause: 'A.5.24',
				title: 'Incident management planning and preparation',
				text: 'The organisation plans and prepares for managing information security incidents by defining, establishing and communicating incident management processes, roles and responsibilities.',
				satisfiedBy: { kind: 'plan-approval' },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			},
			{
				// Learning happens through the hot wash, findings and corrective actions a team
				// drill produces (src/lib/server/lessons).
				id: 'iso-a.5.27',
				frameworkId: 'iso-27001',
				clause: 'A.5.27',
				title: 'Learning from information security incidents',
				text: 'Knowledge gained from information security incidents is used to strengthen and improve the information security controls: a team exercise with its hot wash and findings.',
				satisfiedBy: { kind: 'drill', teamOnly: true },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			}
		]
	},
	{
		id: 'soc2',
		name: 'SOC 2',
		edition: 'Trust Services Criteria (2017, revised points of focus 2022)',
		requirements: [
			{
				id: 'soc2-cc7.4',
				frameworkId: 'soc2',
				clause: 'CC7.4',
				title: 'Respond to security incidents',
				text: 'The entity responds to identified security incidents by executing a defined incident response program to understand, contain, remediate and communicate them.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['containment'] },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			},
			{
				// Point of focus "Implements Incident Recovery Plan Testing".
				id: 'soc2-cc7.5',
				frameworkId: 'soc2',
				clause: 'CC7.5',
				title: 'Recover from security incidents',
				text: 'The entity identifies, develops and implements activities to recover from identified security incidents, including periodic testing of the incident recovery plan.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['recovery'] },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			}
		]
	},
	{
		id: 'hipaa',
		name: 'HIPAA Security Rule',
		edition: '45 CFR Part 164',
		requirements: [
			{
				// An addressable implementation specification of the contingency plan standard
				// (164.308(a)(7)): data backup, disaster recovery and emergency mode operation.
				id: 'hipaa-164.308-a7-ii-d-test',
				frameworkId: 'hipaa',
				clause: '164.308(a)(7)(ii)(D)',
				title: 'Contingency plan tested',
				text: 'Procedures for periodic testing of contingency plans (addressable): an exercise of recovery from an incident.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['recovery'] },
				months: 12,
				frequency: 'Periodic; the rule sets no frequency, Hotwash checks every 12 months.'
			},
			{
				id: 'hipaa-164.308-a7-ii-d-revision',
				frameworkId: 'hipaa',
				clause: '164.308(a)(7)(ii)(D)',
				title: 'Contingency plan revised',
				text: 'Procedures for periodic revision of contingency plans (addressable): an approved revision of the plan.',
				satisfiedBy: { kind: 'plan-approval' },
				months: 12,
				frequency: 'Periodic; the rule sets no frequency, Hotwash checks every 12 months.'
			}
		]
	},
	{
		id: 'dora',
		name: 'DORA',
		edition: 'Regulation (EU) 2022/2554',
		requirements: [
			{
				// Art. 11(6)(a): test the ICT business continuity plans and the ICT response and
				// recovery plans at least yearly (and after substantive changes to ICT systems
				// supporting critical or important functions, which a person has to judge).
				id: 'dora-art11-6',
				frameworkId: 'dora',
				clause: 'Art. 11(6)',
				title: 'ICT response and recovery plans tested',
				text: 'ICT business continuity plans and ICT response and recovery plans are tested at least yearly, and after substantive changes to ICT systems supporting critical or important functions.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['recovery'] },
				months: 12,
				frequency: 'At least yearly (stated in Art. 11(6)(a)).'
			},
			{
				// Art. 13 (learning and evolving), paragraph 6: awareness programmes and digital
				// operational resilience training as compulsory modules for all staff and senior
				// management. Hotwash sees the exercises done in it; read-only auditors are not
				// trained here. Post-incident reviews (13(2)) follow real major incidents and are
				// no periodic requirement.
				id: 'dora-art13-training',
				frameworkId: 'dora',
				clause: 'Art. 13(6)',
				title: 'Digital operational resilience training',
				text: 'Digital operational resilience training is a compulsory module of staff training, for employees and senior management alike.',
				satisfiedBy: { kind: 'training', roles: ['admin', 'lead', 'trainee'] },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			}
		]
	},
	{
		id: 'nis2',
		name: 'NIS2',
		edition: 'Directive (EU) 2022/2555',
		requirements: [
			{
				id: 'nis2-art21-2-b',
				frameworkId: 'nis2',
				clause: 'Art. 21(2)(b)',
				title: 'Incident handling',
				text: 'Cybersecurity risk-management measures include incident handling: detecting, analysing, containing and responding to incidents.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['containment'] },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			},
			{
				id: 'nis2-art21-2-c',
				frameworkId: 'nis2',
				clause: 'Art. 21(2)(c)',
				title: 'Business continuity and crisis management',
				text: 'Measures include business continuity, such as backup management and disaster recovery, and crisis management.',
				satisfiedBy: { kind: 'drill', teamOnly: true, capabilities: ['recovery'] },
				months: 12,
				frequency: YEARLY_BY_CHOICE
			}
		]
	},
	{
		id: 'nist-800-53',
		name: 'NIST SP 800-53',
		edition: 'Rev. 5',
		requirements: [
			{
				id: 'nist-ir-2',
				frameworkId: 'nist-800-53',
				clause: 'IR-2',
				title: 'Incident response training',
				text: 'Incident response training for system users consistent with their roles and responsibilities, on assuming the role and at an organisation-defined frequency thereafter.',
				satisfiedBy: { kind: 'training', roles: ['lead', 'trainee'] },
				months: 12,
				frequency: 'Organisation-defined; Hotwash uses 12 months (the FedRAMP value, annually).'
			},
			{
				id: 'nist-ir-3',
				frameworkId: 'nist-800-53',
				clause: 'IR-3',
				title: 'Incident response testing',
				text: 'The effectiveness of the incident response capability is tested at an organisation-defined frequency using organisation-defined tests.',
				satisfiedBy: { kind: 'drill', teamOnly: true },
				months: 12,
				frequency: 'Organisation-defined; Hotwash uses 12 months (the FedRAMP value, annually).'
			}
		]
	}
];

const byId = new Map(frameworks.map((f) => [f.id, f]));

export function frameworkById(id: string): Framework | undefined {
	return byId.get(id);
}

/** Frameworks an admin may switch (all but the always-on baseline). */
export const switchableFrameworks = frameworks.filter((f) => !f.alwaysOn);

export function isSwitchableFramework(id: unknown): id is string {
	return typeof id === 'string' && switchableFrameworks.some((f) => f.id === id);
}

const roleWords: Record<Role, string> = {
	admin: 'admin',
	lead: 'SOC lead',
	trainee: 'trainee',
	auditor: 'auditor'
};

const list = (items: string[]) =>
	items.length <= 1
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** What satisfies a requirement, in a sentence. */
export function describeSatisfier(s: Satisfier): string {
	switch (s.kind) {
		case 'plan-approval':
			return 'An approved version of each IR plan (a plan review ends with one).';
		case 'training':
			return `Every ${list(s.roles.map((r) => roleWords[r]))} took part in a drill or practised alone.`;
		case 'drill': {
			const parts = [s.teamOnly ? 'A team drill (live or over a window) ended' : 'A drill ended'];
			if (s.categories?.length)
				parts.push(
					`of a ${list(s.categories.map((c) => categoryLabels[c].toLowerCase()))} scenario`
				);
			if (s.capabilities?.length)
				parts.push(
					`exercising ${list(s.capabilities.map((c) => capabilityLabels[c].toLowerCase()))}`
				);
			if (s.planSections?.length) parts.push(`covering plan sections ${list(s.planSections)}`);
			return `${parts.join(', ')}.`;
		}
	}
}
