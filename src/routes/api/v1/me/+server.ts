import { apiRoute } from '$lib/server/api/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('dashboard.view', async (_event, user) => ({
	user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role }
}));
