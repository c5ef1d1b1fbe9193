import { publicFigures, towns } from '$lib/server/reports/figures';
import type { PageServerLoad } from './$types';

// No SvelteKit client on the start page: a text and figures, within the JavaScript budget
// (README → Benchmarks → Budgets); src/lib/pwa/page-script.ts registers the service worker.
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => ({
	figures: await locals.db(publicFigures),
	towns: await locals.db(towns)
});
