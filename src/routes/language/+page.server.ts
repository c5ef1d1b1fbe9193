import { redirect } from '@sveltejs/kit';
import { nextPathSchema } from '$lib/schemas/auth';
import { localeSchema } from '$lib/schemas/profile';
import { setLocaleCookie } from '$lib/i18n/locale-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const data = await request.formData();
		const locale = localeSchema.catch('de').parse(data.get('locale'));
		const next = nextPathSchema.catch('/').parse(data.get('next'));
		setLocaleCookie(cookies, locale);
		redirect(303, next);
	}
};
