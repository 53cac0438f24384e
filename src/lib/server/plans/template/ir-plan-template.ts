import type { PlanContent } from '../../../plans/content';
import { cardSchemeRows } from './matrix-card-schemes';
import { customerRows } from './matrix-customers';
import { dataProtectionRows } from './matrix-data-protection';
import { partyRows } from './matrix-external';
import { internalRows } from './matrix-internal';
import { regulatorRows } from './matrix-regulators';
import { staffRows } from './matrix-staff';
import { scopeSections } from './part-1-scope';
import { strategySections } from './part-2-strategy';
import { communicationSections } from './part-3-communication';
import { trainingSections } from './part-4-training';
import { executionSections } from './part-5-execution';
import { lessonsSections } from './part-6-lessons';
import { maintenanceSections } from './part-7-maintenance';
import { severityScale } from './severity-scale';

/**
 * The IR plan template that ships with Hotwash: seven parts following NIST SP 800-61r3 and
 * SANS PICERL, a SEV1–SEV4 scale and a communication matrix, written for the fictional
 * Northwind Payments so that a SOC can adopt it by replacing names, contacts and deadlines.
 */
export const irPlanTemplate: PlanContent = {
	sections: [
		...scopeSections,
		...strategySections,
		...communicationSections,
		...trainingSections,
		...executionSections,
		...lessonsSections,
		...maintenanceSections
	],
	severityScale,
	// Internal rows first, then authorities, then everyone else outside the organisation.
	matrix: [
		...internalRows,
		...staffRows,
		...dataProtectionRows,
		...regulatorRows,
		...cardSchemeRows,
		...customerRows,
		...partyRows
	]
};
