import type { MatrixRow } from '../../../plans/content';

/** Minutes within which a stakeholder is told at a level, or null when not told. */
type Deadline = number | null;

/**
 * The notifications of one matrix row for SEV1..SEV4, written as four deadlines.
 * `byLevel(15, 30, null, null)` tells them within 15 minutes at SEV1, 30 at SEV2, not below.
 */
export function byLevel(
	sev1: Deadline,
	sev2: Deadline,
	sev3: Deadline,
	sev4: Deadline
): MatrixRow['notifications'] {
	const rule = (minutes: Deadline) => ({ notify: minutes !== null, withinMinutes: minutes });
	return { SEV1: rule(sev1), SEV2: rule(sev2), SEV3: rule(sev3), SEV4: rule(sev4) };
}
