import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies }) => {
		const { auth } = await services();
		await auth.signOut(cookies);
		redirect(303, '/?signed_out=1');
	}
};
