import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const figures = await locals.db(async (tx) => {
		const { rows } = await tx.query<{
			municipalities: number;
			open_needs: number;
			helpers: number;
			confirmed_hours: number;
		}>('select * from app.public_figures()');
		return rows[0]!;
	});
	return { figures };
};
