import { berlinToday, monthOf } from '$lib/domain/hours/month';
import { certificatePeriodSchema } from '$lib/schemas/certificate';
import { parseValues } from '$lib/schemas/form';
import { certificate } from '$lib/server/hours/certificate';
import type { PageServerLoad } from './$types';

// A GET form: the period is in the address, so a certificate can be bookmarked and reprinted.
export const load: PageServerLoad = async ({ locals, url }) => {
	const person = locals.person!;
	const today = berlinToday();
	const values = { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' };
	const parsed = parseValues(certificatePeriodSchema(monthOf(today)), values);
	if (!parsed.ok) return { today, values, errors: parsed.errors, certificate: null };
	const period = parsed.value;
	return {
		today,
		// The period as it is shown in the form: the default filled in.
		values: { from: period.from.slice(0, 7), to: period.to.slice(0, 7) },
		errors: {},
		certificate: await locals.db((tx) => certificate(tx, person.id, period)),
		email: person.email
	};
};
