import { page } from '$lib/server/http/route';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = page('dashboard.view', (_event, user) => ({ user }));
