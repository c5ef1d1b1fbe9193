import { redirect } from '@sveltejs/kit';
import { coordinatedOrganisations } from '$lib/server/organisations/coordination';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const organisations = await locals.db((tx) => coordinatedOrganisations(tx, person.id));
	// Most coordinators work for one organisation: take them straight to it.
	if (organisations.length === 1) redirect(303, `/coordinator/${organisations[0]!.id}`);
	return { organisations };
};
