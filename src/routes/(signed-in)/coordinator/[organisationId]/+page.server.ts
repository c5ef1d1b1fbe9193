import { organisationOverview } from '$lib/server/organisations/coordination';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { newSuggestionCount } from '$lib/server/suggestions/inbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const [overview, newSuggestions] = await locals.db(
		async (tx) =>
			[
				await organisationOverview(tx, organisation),
				await newSuggestionCount(tx, organisation.id)
			] as const
	);
	return { overview, newSuggestions };
};
