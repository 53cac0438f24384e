import { may } from '$lib/server/access/gate';
import { action, page } from '$lib/server/http/route';
import { programmeStatus, setFrameworkEnabled } from '$lib/server/programme/requirements';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// The exercise programme: each requirement of the frameworks switched on, its status and
// evidence (auditors read it); an admin switches frameworks on and off.
export const load: PageServerLoad = page('programme.read', async (_event, user) => {
	const now = new Date();
	const yearAgo = new Date(now);
	yearAgo.setUTCFullYear(now.getUTCFullYear() - 1);
	return {
		programme: await programmeStatus(db(), now),
		canManage: may(user, 'programme.manage'),
		// The evidence pack's default period: the twelve months up to today.
		pack: may(user, 'reports.generate')
			? { from: yearAgo.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) }
			: null
	};
});

const switchTo = (enabled: boolean) =>
	action(
		'programme.manage',
		async (_event, { user, actor, form }) => {
			const framework = form.get('framework');
			const { changed } = await db()
				.transaction()
				.execute((trx) =>
					setFrameworkEnabled(trx, { ...actor, role: user.role }, framework, enabled, new Date())
				);
			return { switched: { framework: String(framework), enabled, changed } };
		},
		{ echo: ['framework'] }
	);

export const actions: Actions = { enable: switchTo(true), disable: switchTo(false) };
