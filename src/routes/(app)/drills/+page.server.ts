import { may } from '$lib/server/access/gate';
import { drillView } from '$lib/server/access/visibility';
import { listDrills } from '$lib/server/drills/list';
import { page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import { fullLibrary } from '$lib/server/scenarios/custom';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('drills.read', async (_event, user) => {
	const view = drillView(user);
	const [drills, library] = await Promise.all([listDrills(db(), view), fullLibrary(db())]);
	const titles = new Map(library.map((e) => [e.id, e.scenario?.title ?? e.id]));
	return {
		drills: drills.map((d) => ({
			id: d.id,
			title: d.title,
			mode: d.mode,
			status: d.status,
			scenarioTitle: titles.get(d.scenarioId) ?? d.scenarioId,
			createdAt: d.createdAt.toISOString(),
			startedAt: d.startedAt?.toISOString() ?? null,
			endedAt: d.endedAt?.toISOString() ?? null,
			myKind: d.myKind
		})),
		seesAll: view.all,
		canCreate: may(user, 'drills.facilitate'),
		canPractise: may(user, 'drills.practise')
	};
});
