import { apiRoute } from '$lib/server/api/respond';
import { programmeStatus } from '$lib/server/programme/requirements';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// Requirement statuses of the baseline and every framework switched on, with their evidence.
export const GET: RequestHandler = apiRoute('programme.read', () =>
	programmeStatus(db(), new Date())
);
