import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const isCoordinator = locals.person
		? await locals.db(async (tx) => {
				const { rows } = await tx.query(
					`select 1 from memberships where person_id = $1 and role = 'coordinator' and status = 'active' limit 1`,
					[locals.person!.id]
				);
				return rows.length > 0;
			})
		: false;
	return {
		person: locals.person ? { id: locals.person.id, email: locals.person.email } : null,
		isCoordinator,
		locale: locals.locale,
		path: url.pathname + url.search
	};
};
