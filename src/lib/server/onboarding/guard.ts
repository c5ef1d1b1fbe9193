// Route guards for onboarding pages: the platform admin's page, and the town's page for municipal
// coordinators (404 for a nonprofit, as for the approval queue).
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { logRefusal } from '../http/refusals.ts';
import { requireCoordinator } from '../organisations/guard.ts';
import type { CoordinatedOrganisation } from '../organisations/coordination.ts';
import { isPlatformAdmin } from './towns.ts';

export async function requirePlatformAdmin(locals: App.Locals): Promise<void> {
	const person = locals.person;
	if (!person) error(401, m.error_signed_out());
	if (!(await locals.db((tx) => isPlatformAdmin(tx, person.id)))) {
		logRefusal('platform admin pages');
		error(403, m.onboarding_admin_only());
	}
}

export async function requireMunicipalCoordinator(
	locals: App.Locals,
	organisationId: string
): Promise<CoordinatedOrganisation & { municipalityId: string }> {
	const organisation = await requireCoordinator(locals, organisationId);
	if (organisation.kind !== 'municipal') error(404, m.error_not_found());
	const { rows } = await locals.db((tx) =>
		tx.query<{ municipalityId: string }>(
			'select municipality_id as "municipalityId" from organisations where id = $1',
			[organisation.id]
		)
	);
	return { ...organisation, municipalityId: rows[0]!.municipalityId };
}
