// Route guard for coordinator pages: 404 for an unknown id, 403 for another organisation.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { coordinatorAccess, type CoordinatedOrganisation } from './coordination.ts';

export async function requireCoordinator(
	locals: App.Locals,
	organisationId: string
): Promise<CoordinatedOrganisation> {
	const id = z.uuid().safeParse(organisationId);
	if (!id.success) error(404, m.error_not_found());
	const person = locals.person;
	if (!person) error(401, m.error_signed_out());
	const access = await locals.db((tx) => coordinatorAccess(tx, person.id, id.data));
	if (!access.found) error(404, m.error_not_found());
	if (!access.mine) error(403, m.error_forbidden_organisation());
	return access.organisation;
}
