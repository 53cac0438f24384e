import type { Actions, PageServerLoad } from './$types';
import { loadRow, rowActions } from '../row-actions.server';

export const load: PageServerLoad = loadRow;
export const actions: Actions = rowActions;
