import { publicFigures, towns } from '$lib/server/reports/figures';
import type { PageServerLoad } from './$types';

// No SvelteKit client on the start page: a text and figures, within the JavaScript budget
// (README → Benchmarks → Budgets); static/page.js registers the service worker (PageScript).
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => ({
	figures: await locals.db(publicFigures),
	towns: await locals.db(towns)
});
