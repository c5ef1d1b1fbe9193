// Route guard for coordinator pages: one answer, 404, for an unknown id and for another
// organisation's (whatever state it is in, a page tells nothing of it); the refusal is logged.
import { error } from '@sveltejs/kit';
import { pathId } from '$lib/schemas/route';
import { m } from '$lib/paraglide/messages.js';
import { logRefusal } from '../http/refusals.ts';
import { coordinatorAccess, type CoordinatedOrganisation } from './coordination.ts';

export async function requireCoordinator(
	locals: App.Locals,
	organisationId: string
): Promise<CoordinatedOrganisation> {
	const id = pathId.safeParse(organisationId);
	if (!id.success) error(404, m.error_not_found());
	const person = locals.person;
	if (!person) error(401, m.error_signed_out());
	const access = await locals.db((tx) => coordinatorAccess(tx, person.id, id.data));
	if (!access.found) error(404, m.error_not_found());
	if (!access.mine) {
		logRefusal(`coordinator pages of organisation ${id.data}`);
		error(404, m.error_not_found());
	}
	return access.organisation;
}

/**
 * The need when it is the organisation's; 404 otherwise, the same for no need and for another
 * organisation's that the person may read (an open one of the town), whose attempt is logged.
 */
export function ownNeed<N extends { id: string; organisationId: string }>(
	need: N | null | undefined,
	organisationId: string
): N {
	if (!need) error(404, m.error_not_found());
	if (need.organisationId !== organisationId) {
		logRefusal(`need ${need.id} of another organisation on the pages of ${organisationId}`);
		error(404, m.error_not_found());
	}
	return need;
}
