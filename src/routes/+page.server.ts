import { publicFigures, towns } from '$lib/server/reports/figures';
import { together } from '$lib/server/db/person';
import type { PageServerLoad } from './$types';

// No SvelteKit client on the start page: a text and figures, within the JavaScript budget
// (README → Benchmarks → Budgets); src/lib/pwa/page-script.ts registers the service worker.
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	// Side by side on one handle from `together`: both reads go in one round trip.
	const [figures, townList] = await locals.db((tx) => {
		const reads = together(tx);
		return Promise.all([publicFigures(reads), towns(reads)]);
	});
	return { figures, towns: townList };
};
