import { organisationOverview } from '$lib/server/organisations/coordination';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	return { overview: await locals.db((tx) => organisationOverview(tx, organisation)) };
};
