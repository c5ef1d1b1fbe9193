import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { organisationOverview } from '$lib/server/organisations/coordination';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const result = await locals.db((tx) => organisationOverview(tx, locals.person!.id, organisation.id));
	if (!result.found || !result.mine) error(404, m.error_not_found());
	return { overview: result.overview };
};
