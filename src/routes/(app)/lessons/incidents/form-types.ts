// The incident review form's values and choices, shared by its server side and its page.

export type IncidentFormValues = {
	reference: string;
	title: string;
	severity: string;
	planId: string;
	planVersionId: string;
	awareAt: string;
	declaredAt: string;
	classifiedAt: string;
	determinedAt: string;
	resolvedAt: string;
	summary: string;
	timeline: { at: string; decision: string; by: string }[];
	/** `target` is `rowKey#stageIndex`. */
	notifications: { target: string; notifiedAt: string; note: string }[];
};

export type VersionChoice = {
	id: string;
	planId: string;
	planTitle: string;
	number: string;
	inForce: boolean;
	severities: { id: string; name: string }[];
	/** Each matrix row with its stages in words, by severity id (empty: not notified). */
	rows: { key: string; stakeholder: string; stages: Record<string, string[]> }[];
};
