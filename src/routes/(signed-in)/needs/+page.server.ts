import { keyedNeedRefSchema } from '$lib/schemas/matching';
import { needsFilterSchema } from '$lib/schemas/needs-filter';
import { request as requestMatch } from '$lib/server/matching/verbs';
import { needsForHelper } from '$lib/server/matching/candidates';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { helperAtAGlance } from '$lib/server/matching/read';
import { together } from '$lib/server/db/person';
import { renderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad } from './$types';

const SHOWN = 20;
// With a filter, rank a wider set first so the filter does not empty a page the best 20 filled.
const FILTERED_POOL = 100;

// No SvelteKit client: the list and its "Ich kann helfen" forms are plain HTML within the
// JavaScript budget (README → Benchmarks → Budgets); its one script, src/lib/pwa/page-script.ts,
// keeps "Ich kann helfen" done offline in the outbox and sends it later.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const person = locals.person!;
	const filter = needsFilterSchema.parse(Object.fromEntries(url.searchParams));
	const filtered = Boolean(filter.category || filter.targetGroup);
	// Side by side on one handle from `together`: the reads go in one round trip.
	const [glance, needs] = await locals.db((tx) => {
		const reads = together(tx);
		return Promise.all([
			helperAtAGlance(reads, person.id),
			needsForHelper(reads, locals.locale, filtered ? FILTERED_POOL : SHOWN)
		]);
	});
	return {
		hasOffer: glance.hasOffer,
		filter,
		toAnswer: glance.toAnswer,
		// Rendered here only: the page has no client to send it to.
		needs: renderOnly(
			needs
				.filter(
					(n) =>
						(!filter.category || n.category === filter.category) &&
						(!filter.targetGroup || n.targetGroup === filter.targetGroup)
				)
				.slice(0, SHOWN)
				.map((n) => ({
					needId: n.needId,
					title: n.title,
					organisationName: n.organisationName,
					category: n.category,
					targetGroup: n.targetGroup,
					hours: n.hours,
					cadence: n.cadence,
					startsOn: n.startsOn,
					remote: n.remote,
					explanation: n.explanation
				}))
		)
	};
};

export const actions: Actions = {
	// "I can help"
	help: matchVerbAction(
		keyedNeedRefSchema,
		(tx, v) => requestMatch(tx, v.needId, v.clientKey),
		(_, v) => ({ requested: v.needId })
	)
};
