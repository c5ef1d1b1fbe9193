import { errorMessage } from '$lib/domain/errors';
import { districtsOfOrganisation } from '$lib/server/needs/form';
import { needsTownApproval } from '$lib/server/needs/write';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { suggestionToAdopt } from '$lib/server/suggestions/inbox';
import { saveNeed } from '../save.server';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	// "Turn into a need": the suggestion's text, district and town prefill the form.
	const suggestionId = url.searchParams.get('suggestion');
	const [districts, approval, fromSuggestion] = await locals.db(
		async (tx) =>
			[
				await districtsOfOrganisation(tx, organisation.id),
				await needsTownApproval(tx, organisation.id),
				suggestionId === null
					? null
					: UUID.test(suggestionId)
						? await suggestionToAdopt(tx, organisation.id, suggestionId)
						: ({ ok: false, code: 'suggestion_not_found' } as const)
			] as const
	);
	const suggestion = fromSuggestion?.ok
		? {
				id: fromSuggestion.suggestion.id,
				body: fromSuggestion.suggestion.body,
				districtId: fromSuggestion.districtId
			}
		: null;
	const suggestionError =
		fromSuggestion && !fromSuggestion.ok ? errorMessage(fromSuggestion.code) : null;
	return { organisation, districts, approval, suggestion, suggestionError };
};

export const actions: Actions = {
	save: async (event) => {
		const organisation = await requireCoordinator(event.locals, event.params.organisationId);
		return saveNeed(event, organisation.id);
	}
};
