import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import { municipalityCreateSchema } from '$lib/schemas/onboarding';
import { inviteAction, invitationActions } from '$lib/server/onboarding/actions';
import { requirePlatformAdmin } from '$lib/server/onboarding/guard';
import { createMunicipality, fieldOf, platformTowns } from '$lib/server/onboarding/towns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	await requirePlatformAdmin(locals);
	return { towns: await locals.db(platformTowns) };
};

const fields = ['name', 'ags', 'officeName', 'email', 'locale'] as const;

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		await requirePlatformAdmin(locals);
		const data = await request.formData();
		const values = Object.fromEntries(
			fields.map((f) => [f, String(data.get(f) ?? '').slice(0, 300)])
		);
		const parsed = parseForm(municipalityCreateSchema, data);
		if (!parsed.ok) return fail(400, { create: { values, errors: parsed.errors } });
		const result = await locals.db((tx) => createMunicipality(tx, parsed.value, url.origin));
		if (!result.ok) {
			return fail(409, {
				create: { values, errors: { [fieldOf(result.code)]: [errorMessage(result.code)] } }
			});
		}
		return { created: parsed.value.name, invited: parsed.value.email };
	},
	invite: async (event) => {
		await requirePlatformAdmin(event.locals);
		return inviteAction(event);
	},
	...invitationActions((event) => requirePlatformAdmin(event.locals))
};
