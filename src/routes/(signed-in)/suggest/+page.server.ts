// A signed-in person suggests a need for a town and reads what became of their suggestions.
import { fail } from '@sveltejs/kit';
import { errorMessage, type SuggestionErrorCode } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { suggestionSchema } from '$lib/schemas/suggestion';
import { mySuggestions, suggestNeed, towns } from '$lib/server/suggestions/inbox';
import type { Actions, PageServerLoad } from './$types';

/** The field a refusal of the database belongs to; the others stand at the top of the form. */
const FIELD: Partial<Record<SuggestionErrorCode, string>> = {
	suggestion_unknown_town: 'municipalityId',
	district_outside_town: 'districtId',
	suggestion_length: 'body'
};

export const load: PageServerLoad = async ({ locals }) => {
	const [townList, mine] = await locals.db(
		async (tx) => [await towns(tx), await mySuggestions(tx)] as const
	);
	return { towns: townList, mine };
};

export const actions: Actions = {
	suggest: async ({ request, locals }) => {
		if (!locals.person) return fail(401, { errors: { form: [m.error_signed_out()] }, values: {} });
		const data = await request.formData();
		const values = {
			municipalityId: String(data.get('municipalityId') ?? ''),
			districtId: String(data.get('districtId') ?? ''),
			body: String(data.get('body') ?? '')
		};
		const parsed = parseForm(suggestionSchema, data);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const result = await locals.db((tx) => suggestNeed(tx, parsed.value));
		if (!result.ok)
			return fail(400, {
				errors: { [FIELD[result.code] ?? 'form']: [errorMessage(result.code)] },
				values
			});
		return { sent: true };
	}
};
