import type { ClockAnchor, MatrixRow, NotificationStage } from '../../../plans/content';
import { parseDuration } from '../../../plans/durations';

/** A deadline as people say it (`15m`, `4h`, `1 month`), or null when not told at a level. */
type Within = string | null;

function duration(text: string) {
	const parsed = parseDuration(text);
	if (!parsed.ok) throw new Error(`Template deadline "${text}": ${parsed.message}`);
	return parsed.duration;
}

/** One stage of a staged notification: `stage('Early warning', '24h', 'awareness')`. */
export function stage(
	name: string,
	within: string,
	anchor: ClockAnchor,
	cap?: { within: string; anchor: ClockAnchor }
): NotificationStage {
	const deadlines = [{ within: duration(within), anchor }];
	if (cap) deadlines.push({ within: duration(cap.within), anchor: cap.anchor });
	return { name, deadlines };
}

/**
 * The notifications of one matrix row for SEV1..SEV4, one deadline each counted from the
 * declaration: `byLevel('15m', '30m', null, null)` tells them within 15 minutes at SEV1,
 * 30 at SEV2, not below.
 */
export function byLevel(
	sev1: Within,
	sev2: Within,
	sev3: Within,
	sev4: Within,
	name = 'Notify'
): MatrixRow['notifications'] {
	const rule = (within: Within) =>
		within === null
			? { notify: false, stages: [] }
			: { notify: true, stages: [stage(name, within, 'declaration')] };
	return { SEV1: rule(sev1), SEV2: rule(sev2), SEV3: rule(sev3), SEV4: rule(sev4) };
}

/**
 * The same staged notification at every listed level (legal deadlines do not depend on our
 * severity), not notified at the others.
 */
export function stagedAt(
	levels: ('SEV1' | 'SEV2' | 'SEV3' | 'SEV4')[],
	stages: NotificationStage[]
): MatrixRow['notifications'] {
	// Each level gets its own copy, so that editing one level of a row never changes another.
	const rule = (level: string) =>
		levels.includes(level as 'SEV1')
			? { notify: true, stages: structuredClone(stages) }
			: { notify: false, stages: [] };
	return { SEV1: rule('SEV1'), SEV2: rule('SEV2'), SEV3: rule('SEV3'), SEV4: rule('SEV4') };
}
