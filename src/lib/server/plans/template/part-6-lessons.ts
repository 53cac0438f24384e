import type { Section } from '../../../plans/content';

// Part 6 of the shipped IR plan template: lessons learned from incidents and exercises.

export const lessonsSections: Section[] = [
	{
		key: 'lessons-learned',
		title: 'Lessons learned',
		level: 1,
		body: `Every SEV1, SEV2 and SEV3 incident and every exercise feeds back into this plan, our runbooks and our controls. SEV4 incidents are reviewed in aggregate at the monthly SOC review.

### Hot wash (within 24 hours)

The IC runs a hot wash with the response team within 24 hours of closing an incident, or straight after an exercise. It takes 30 to 60 minutes and is blameless. The scribe records answers to four questions:

1. What did we expect to happen?
2. What actually happened?
3. What went well, and why?
4. What could be improved, and how?

The hot wash captures observations while memories are fresh. It does not assign corrective actions; those follow in the report.

### Post-incident report and AAR/IP (within 2 weeks)

Within 10 working days the IC, with the SOC lead, writes the post-incident report, or for an exercise the After-Action Report and Improvement Plan (AAR/IP) following the HSEEP structure:

- overview: dates, scope, severity, the plan version in force, participants;
- timeline from first malicious activity to closure, with the times measured against the communication matrix and the clocks in section 1.1;
- root cause and contributing factors, including process and people, not only technology;
- analysis by objective or capability, with strengths and areas for improvement, each citing the plan section, policy or law it relates to;
- the improvement plan.

### Corrective actions

Each area for improvement leads to one or more corrective actions in the improvement plan, with:

| Field | Content |
| --- | --- |
| Capability | e.g. detection, containment, communication, escalation |
| Issue | The observation in one or two sentences |
| Corrective action | What will be done |
| Capability element | Planning, organisation, equipment, training or exercise |
| Owner | A named person, not a team |
| Start and due dates | Agreed with the owner's manager |
| Status and verification | Open, in progress, done, verified |

The SOC lead reviews open actions every month and reports overdue actions to the CISO. An action is **verified** only when evidence shows it works, ideally by re-testing it in a later drill, where the relevant objective should now be rated P or S.

### Changing the plan

When a corrective action changes this plan, the new plan version's change summary names the finding it resolves, and the section changed keeps its key so the link remains traceable. Findings that are accepted without change are recorded with the reason and the person who accepted the risk.

### Sharing

Anonymised lessons are shared with the wider engineering organisation in the quarterly security review. Lessons useful to peers may be shared through the FS-ISAC with General Counsel's approval.`
	}
];
