import { districtsOfOrganisation } from '$lib/server/needs/form';
import { needsTownApproval } from '$lib/server/needs/write';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { saveNeed } from '../save.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const [districts, approval] = await locals.db(
		async (tx) =>
			[
				await districtsOfOrganisation(tx, organisation.id),
				await needsTownApproval(tx, organisation.id)
			] as const
	);
	return { organisation, districts, approval };
};

export const actions: Actions = {
	save: async (event) => {
		const organisation = await requireCoordinator(event.locals, event.params.organisationId);
		return saveNeed(event, organisation.id);
	}
};
