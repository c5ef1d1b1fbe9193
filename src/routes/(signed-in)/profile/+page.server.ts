import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { profileSchema } from '$lib/schemas/profile';
import { readProfile, updateProfile } from '$lib/server/people/profile';
import { hasOffer } from '$lib/server/offers/read';
import { setLocaleCookie } from '$lib/i18n/locale-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [profile, offered] = await locals.db(
		async (tx) => [await readProfile(tx, person.id), await hasOffer(tx, person.id)] as const
	);
	if (!profile) error(404, m.error_not_found());
	return { profile, hasOffer: offered };
};

export const actions: Actions = {
	save: async ({ request, locals, cookies }) => {
		const person = locals.person;
		if (!person) return fail(401, { errors: { form: [m.error_signed_out()] } });
		const data = await request.formData();
		const parsed = parseForm(profileSchema, data);
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: Object.fromEntries(data) as Record<string, string>
			});
		await locals.db((tx) => updateProfile(tx, person.id, parsed.value));
		setLocaleCookie(cookies, parsed.value.locale);
		return { saved: true };
	}
};
