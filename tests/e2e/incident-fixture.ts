// TODO(helper B): a real-incident review of the test's own, made through the form as the lead.
export async function incidentSample(
	planId: string,
	planVersionId: string
): Promise<{ incidentId: string }> {
	throw new Error(`incident fixture not built yet (${planId}, ${planVersionId})`);
}
