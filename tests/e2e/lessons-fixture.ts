// TODO(helper A): a finding on the ended drill and two actions on it, made through the forms.
export async function lessonSamples(
	endedDrillId: string
): Promise<{ findingId: string; actionId: string; othersActionId: string }> {
	throw new Error(`lessons fixture not built yet (${endedDrillId})`);
}
