import { error } from '@sveltejs/kit';
import { pathId } from '$lib/schemas/route';
import { m } from '$lib/paraglide/messages.js';
import { districtsOfOrganisation, readStoredNeed } from '$lib/server/needs/form';
import { needsTownApproval } from '$lib/server/needs/write';
import { ownNeed, requireCoordinator } from '$lib/server/organisations/guard';
import { saveNeed } from '../../save.server';
import type { Actions, PageServerLoad } from './$types';

async function storedNeed(locals: App.Locals, organisationId: string, needId: string) {
	const id = pathId.safeParse(needId);
	if (!id.success) error(404, m.error_not_found());
	return ownNeed(await locals.db((tx) => readStoredNeed(tx, id.data)), organisationId);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const need = await storedNeed(locals, organisation.id, params.needId);
	const [districts, approval] = await locals.db(
		async (tx) =>
			[
				await districtsOfOrganisation(tx, organisation.id),
				await needsTownApproval(tx, organisation.id)
			] as const
	);
	return { organisation, need, districts, approval };
};

export const actions: Actions = {
	save: async (event) => {
		const organisation = await requireCoordinator(event.locals, event.params.organisationId);
		const need = await storedNeed(event.locals, organisation.id, event.params.needId);
		return saveNeed(event, organisation.id, need.id);
	}
};
