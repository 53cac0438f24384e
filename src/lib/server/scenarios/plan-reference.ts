import { irPlanTemplate } from '../plans/template/ir-plan-template';
import type { PlanReference } from './validate';

/** Scenario references are checked against the template plan shipped with Hotwash. */
export const templatePlanReference: PlanReference = {
	sectionKeys: new Set(irPlanTemplate.sections.map((s) => s.key)),
	matrixKeys: new Set(irPlanTemplate.matrix.map((r) => r.key)),
	severityIds: new Set(irPlanTemplate.severityScale.map((l) => l.id)),
	matrix: irPlanTemplate.matrix
};
