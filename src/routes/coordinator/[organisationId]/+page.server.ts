import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { organisationOverview } from '$lib/server/organisations/coordination';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = z.uuid().safeParse(params.organisationId);
	if (!id.success) error(404, m.error_not_found());
	const person = locals.person!;
	const result = await locals.db((tx) => organisationOverview(tx, person.id, id.data));
	if (!result.found) error(404, m.error_not_found());
	if (!result.mine) error(403, m.error_forbidden_organisation());
	return { overview: result.overview };
};
