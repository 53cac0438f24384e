import { page } from '$lib/server/http/route';
import { formatReference } from '$lib/server/scenarios/format-reference';
import type { PageServerLoad } from './$types';

// Whoever may read whole scenarios may read how they are written (editors above all; the
// reference shows no organisation's data, and auditors checking a scenario may want it).
export const load: PageServerLoad = page('scenarios.read_all', () => formatReference());
