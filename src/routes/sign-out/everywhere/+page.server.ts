import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/profile');

/** "Sign out everywhere" (the profile): every session of the person ends, this one included. */
export const actions: Actions = {
	default: async ({ cookies }) => {
		const { auth } = await services();
		await auth.signOutEverywhere(cookies);
		redirect(303, '/?signed_out=1');
	}
};
