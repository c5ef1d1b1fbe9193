import { redirect } from '@sveltejs/kit';
import { nextPathSchema } from '$lib/schemas/auth';
import { localeSchema } from '$lib/schemas/profile';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const data = await request.formData();
		const locale = localeSchema.catch('de').parse(data.get('locale'));
		const next = nextPathSchema.catch('/').parse(data.get('next'));
		// Same cookie the Paraglide strategy reads; a year, like any language preference.
		cookies.set('zs_locale', locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
		redirect(303, next);
	}
};
