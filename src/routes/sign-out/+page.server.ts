import { redirect } from '@sveltejs/kit';
import { CLEAR_SITE_DATA } from '$lib/server/http/headers';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/**
	 * Signs out this browser; with `scope=everywhere` (the profile's "Überall abmelden") every
	 * session of the person, on every device. One path, so the app's offline caches and queue
	 * are emptied the same way for both (src/lib/pwa, src/service-worker.ts; Clear-Site-Data).
	 */
	default: async ({ cookies, request, setHeaders }) => {
		const data = await request.formData().catch(() => null);
		const { auth } = await services();
		if (data?.get('scope') === 'everywhere') await auth.signOutEverywhere(cookies);
		else await auth.signOut(cookies);
		setHeaders(CLEAR_SITE_DATA);
		redirect(303, '/?signed_out=1');
	}
};
