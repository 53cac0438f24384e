import { may } from '$lib/server/access/gate';
import { drillView } from '$lib/server/access/visibility';
import { listDrills } from '$lib/server/drills/list';
import { page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import { fullLibrary } from '$lib/server/scenarios/custom';
import { formatInZone } from '$lib/zoned-time';
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
			myKind: d.myKind,
			planned: d.scheduledAt && d.timeZone ? formatInZone(d.scheduledAt, d.timeZone) : null,
			scheduledAt: d.scheduledAt?.toISOString() ?? null,
			cancelledReason: d.cancelledReason,
			// A series page is for those who see every drill.
			series: d.seriesId && view.all ? { id: d.seriesId, title: d.seriesTitle ?? '' } : null
		})),
		seesAll: view.all,
		canCreate: may(user, 'drills.facilitate'),
		canPractise: may(user, 'drills.practise')
	};
});
