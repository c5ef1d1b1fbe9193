import { publicFigures, towns } from '$lib/server/reports/figures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	figures: await locals.db(publicFigures),
	towns: await locals.db(towns)
});
