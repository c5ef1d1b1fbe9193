import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { errorMessage } from '$lib/domain/errors';
import { offerFormValues, parseOfferForm } from '$lib/schemas/offer';
import { readTowns } from '$lib/server/offers/places';
import { fittingNeedCount, readOffer } from '$lib/server/offers/read';
import { saveOffer, type OfferErrorCode } from '$lib/server/offers/write';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [offer, towns] = await locals.db(
		async (tx) => [await readOffer(tx, person.id), await readTowns(tx)] as const
	);
	return { offer, towns };
};

/** The field a refusal belongs to. */
const FIELD: Record<OfferErrorCode, string> = {
	district_outside_town: 'districtId',
	offer_below_committed: 'hoursPerMonth',
	offer_has_matches: 'municipalityId'
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const person = locals.person;
		if (!person) return fail(401, { errors: { form: [m.error_signed_out()] } });
		const data = await request.formData();
		const values = offerFormValues(data);
		const parsed = parseOfferForm(data);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const outcome = await locals.db(async (tx) => {
			const before = await fittingNeedCount(tx);
			const saved = await saveOffer(tx, person.id, parsed.value);
			return saved.ok ? { ...saved, before, after: await fittingNeedCount(tx) } : saved;
		});
		if (!outcome.ok)
			return fail(400, {
				errors: { [FIELD[outcome.code]]: [errorMessage(outcome.code)] },
				values
			});
		return { saved: true, created: outcome.created, before: outcome.before, after: outcome.after };
	}
};
