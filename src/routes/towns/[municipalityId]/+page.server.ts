// A town's public page: its co-production figures for anyone, no sign-in.
import { error } from '@sveltejs/kit';
import { pathId } from '$lib/schemas/route';
import { m } from '$lib/paraglide/messages.js';
import { townFigures } from '$lib/server/reports/figures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = pathId.safeParse(params.municipalityId);
	if (!id.success) error(404, m.error_not_found());
	const figures = await locals.db((tx) => townFigures(tx, id.data));
	if (!figures) error(404, m.error_not_found());
	return { figures };
};
