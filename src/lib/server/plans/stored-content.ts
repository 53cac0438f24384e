import { planContentSchema, type NotificationRule, type PlanContent } from '../../plans/content';
import { durationFromMinutes } from '../../plans/durations';

/**
 * A version's content as the app reads it: through the content schema, so rows stored in
 * an older shape (approved versions are never rewritten) read in today's shape, and line
 * endings are LF. Content an older release accepted but today's rules refuse (a deadline
 * beyond a year) is read as stored, legacy rows converted, rather than leaving an approved
 * version unreadable.
 */
export function readStoredContent(stored: unknown): PlanContent {
	const parsed = planContentSchema.safeParse(stored);
	if (parsed.success) return parsed.data;
	const content = stored as PlanContent;
	return {
		...content,
		matrix: content.matrix.map((row) => ({
			...row,
			appliesWhen: row.appliesWhen ?? [],
			notifications: Object.fromEntries(
				Object.entries(row.notifications).map(([id, rule]) => [id, asStaged(rule)])
			)
		}))
	};
}

function asStaged(rule: NotificationRule | { notify: boolean; withinMinutes?: number | null }) {
	if ('stages' in rule) return rule;
	const minutes = rule.withinMinutes;
	return {
		notify: rule.notify,
		stages:
			rule.notify && minutes
				? [
						{
							name: 'Notify',
							deadlines: [{ within: durationFromMinutes(minutes), anchor: 'declaration' as const }]
						}
					]
				: []
	};
}
