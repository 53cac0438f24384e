import type { CustomVersion } from './custom';

// Scenario rows as the API answers them: camelCase, one place per record kind.

export function scenarioVersionObject(v: CustomVersion) {
	return {
		id: v.id,
		version: v.version,
		title: v.title,
		createdAt: v.created_at,
		author: v.author
	};
}
