import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { nextPathSchema, requestCodeSchema, verifyCodeSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { asPerson, claimsFor } from '$lib/server/db/person';
import { landingPage } from '$lib/server/people/profile';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

// No SvelteKit client here: plain forms keep sign-in within the JavaScript budget (README →
// Benchmarks → Budgets); src/lib/pwa/page-script.ts registers the service worker.
export const csr = false;

// Without a `next`, a person lands where they belong: a new person on the offer stepper, anyone
// else on their profile (see landingPage).
const nextOf = (value: FormDataEntryValue | string | null) =>
	value ? nextPathSchema.parse(value) : null;

export const load: PageServerLoad = ({ locals, url }) => {
	const next = nextOf(url.searchParams.get('next'));
	if (locals.person) redirect(303, next ?? '/profile');
	return { next };
};

export const actions: Actions = {
	request: async ({ request, cookies, getClientAddress, locals }) => {
		const data = await request.formData();
		const next = nextOf(data.get('next'));
		const parsed = parseForm(requestCodeSchema, data);
		if (!parsed.ok)
			return fail(400, {
				step: 'email' as const,
				email: String(data.get('email') ?? ''),
				next,
				errors: parsed.errors
			});
		const { auth } = await services();
		const result = await auth.requestCode(parsed.value.email, {
			cookies,
			ip: getClientAddress(),
			locale: locals.locale
		});
		if (!result.ok) {
			const message = {
				rate_limited: m.signin_rate_limited(),
				daily_limit: m.signin_daily_limit(),
				unavailable: m.signin_unavailable()
			}[result.reason];
			return fail(result.reason === 'unavailable' ? 503 : 429, {
				step: 'email' as const,
				email: parsed.value.email,
				next,
				errors: { form: [message] }
			});
		}
		return { step: 'code' as const, email: parsed.value.email, next };
	},

	verify: async ({ request, cookies, getClientAddress, locals }) => {
		const data = await request.formData();
		const next = nextOf(data.get('next'));
		const parsed = parseForm(verifyCodeSchema, data);
		const email = String(data.get('email') ?? '');
		if (!parsed.ok) return fail(400, { step: 'code' as const, email, next, errors: parsed.errors });
		const { auth, db } = await services();
		const result = await auth.verifyCode(parsed.value.email, parsed.value.code, {
			cookies,
			ip: getClientAddress(),
			locale: locals.locale
		});
		if (!result.ok) {
			const message =
				result.reason === 'wait'
					? m.signin_wait({ seconds: result.seconds })
					: {
							wrong_code: m.signin_wrong_code(),
							expired: m.signin_expired(),
							too_many_attempts: m.signin_too_many_attempts(),
							no_code: m.signin_no_code(),
							unavailable: m.signin_unavailable()
						}[result.reason];
			// After an expired code, too many attempts or in a browser without the code, the person
			// starts over with a new code. There is no code field then, so the message is the form's
			// (announced as an alert). A wrong code or a wait keeps the code field.
			const step = result.reason === 'wrong_code' || result.reason === 'wait' ? 'code' : 'email';
			const errors = { [step === 'code' ? 'code' : 'form']: [message] };
			return fail(result.reason === 'wait' ? 429 : 400, {
				step,
				email: parsed.value.email,
				next,
				errors
			});
		}
		const person = result.person;
		redirect(
			303,
			next ??
				(await asPerson(db.pool, claimsFor(person.id, person.email), (tx) =>
					landingPage(tx, person.id)
				))
		);
	}
};
