import type { Section } from '../../../plans/content';

// Part 4 of the shipped IR plan template: training and exercises.

export const trainingSections: Section[] = [
	{
		key: 'training',
		title: 'Training and exercises',
		level: 1,
		body: `A plan nobody has practised is a plan nobody can follow at three in the morning. We train people on their roles and test this plan on a fixed schedule, using Hotwash to run the exercises and keep the evidence.

### Programme

| Activity | Who takes part | Frequency | Purpose |
| --- | --- | --- | --- |
| Executive tabletop | CEO, executive committee, CISO, General Counsel, DPO, communications lead | At least once a year | Decisions with business impact: service shutdown, ransom position, public statements, regulator contact |
| SOC drill | SOC analysts, SOC leads, IT operations on-call | Every quarter | Detection, triage, classification, containment and notification against the matrix |
| Functional exercise | Response team and service owners | At least once a year, alternating scenarios | Executing runbooks on test systems: restore from backup, credential reset, out-of-band switch |
| Solo practice | Every analyst and every person holding a plan role | At least one scenario a quarter | Individual familiarity with the plan; automatic scoring |
| Onboarding | New SOC staff and new holders of plan roles | Within 30 days of starting | Walk-through of this plan, the matrix and the tools |

The annual exercise programme is set by the SOC lead in January, approved by the CISO and rotates scenarios so that over two years it covers at least ransomware, cardholder data compromise, business email compromise, insider misuse, a cloud provider outage and a supplier compromise.

### Scoring

Every exercise is run against a specific approved version of this plan. Notification decisions are scored against the communication matrix of that version: the rows required at the severity reached, given the incident facts known at that point, and for each stage the time taken against its deadline, counted from the stage's anchor (awareness, declaration, classification or determination). Classification is scored against the severity table, and containment against the clocks in section 1.1.

Each exercise objective is rated with the HSEEP scale:

- **P** – performed without challenges;
- **S** – performed with some challenges;
- **M** – performed with major challenges;
- **U** – unable to be performed.

Any objective rated M or U produces at least one corrective action (section 6).

### Compliance

- **PCI DSS v4.0 12.10.2**: this plan is reviewed and tested, including all elements in 12.10.1, at least once every 12 months. The annual tabletop and the quarterly SOC drills provide that evidence.
- **PCI DSS v4.0 12.10.4**: staff responsible for responding to suspected or confirmed incidents are trained periodically in line with their responsibilities. Solo practice records and onboarding completion are that evidence.
- Exercise records in Hotwash keep the date, participants, objectives, ratings, the plan version tested and the corrective actions, as auditors require (section 7.2).

### Attendance

Holders of plan roles must take part in at least one exercise a year. Missing two planned exercises in a row is reported to the CISO. Deputies are exercised as well as primaries.`
	}
];
