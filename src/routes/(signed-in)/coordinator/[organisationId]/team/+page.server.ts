import { fail, type RequestEvent } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import { coordinatorSchema } from '$lib/schemas/onboarding';
import { inviteAction, invitationActions } from '$lib/server/onboarding/actions';
import { removeCoordinator, teamOverview } from '$lib/server/onboarding/team';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	return { organisation, team: await locals.db((tx) => teamOverview(tx, organisation.id)) };
};

const guard = (event: RequestEvent) =>
	requireCoordinator(event.locals, String(event.params.organisationId));

export const actions: Actions = {
	invite: async (event) => {
		const organisation = await guard(event);
		return inviteAction(event, organisation.id);
	},
	remove: async (event) => {
		await guard(event);
		const parsed = parseForm(coordinatorSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await event.locals.db((tx) => removeCoordinator(tx, parsed.value.membershipId));
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { done: 'removed' };
	},
	...invitationActions(guard)
};
