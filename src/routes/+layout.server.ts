import { isCoordinator } from '$lib/server/organisations/coordination';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const person = locals.person;
	return {
		person: person ? { id: person.id, email: person.email } : null,
		isCoordinator: person ? await locals.db((tx) => isCoordinator(tx, person.id)) : false,
		locale: locals.locale,
		path: url.pathname + url.search
	};
};
