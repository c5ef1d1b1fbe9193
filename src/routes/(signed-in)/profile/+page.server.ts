import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { profileSchema } from '$lib/schemas/profile';
import { readProfile, updateProfile } from '$lib/server/people/profile';
import { hasOffer } from '$lib/server/offers/read';
import { feedIssuedAt, feedUrls, issueFeed, revokeFeed } from '$lib/server/calendar/feed';
import { setLocaleCookie } from '$lib/i18n/locale-cookie';
import { berlinToday } from '$lib/domain/hours/month';
import { readMailPreferences, saveMailPreferences } from '$lib/server/mail/preferences';
import { parseMailPreferences } from '$lib/schemas/mail';
import { isPlatformAdmin } from '$lib/server/onboarding/towns';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [profile, offered, calendarSince, platformAdmin] = await locals.db(
		async (tx) =>
			[
				await readProfile(tx, person.id),
				await hasOffer(tx, person.id),
				await feedIssuedAt(tx),
				await isPlatformAdmin(tx, person.id)
			] as const
	);
	if (!profile) error(404, m.error_not_found());
	const mailPreferences = await locals.db(readMailPreferences);
	// The day it was issued (Europe/Berlin): the token itself is never stored, so never shown again.
	return {
		profile,
		hasOffer: offered,
		mailPreferences,
		isPlatformAdmin: platformAdmin,
		calendarSince: calendarSince ? berlinToday(calendarSince) : null
	};
};

/** Creates the calendar feed, or renews it (the old link stops working); the link is shown once. */
const issueCalendar = async ({ locals, url }: RequestEvent) => {
	if (!locals.person) return fail(401, { errors: { form: [m.error_signed_out()] } });
	const { token } = await locals.db(issueFeed);
	return { calendar: feedUrls(url.origin, token) };
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
	},
	mailPreferences: async ({ request, locals }) => {
		const person = locals.person;
		if (!person) return fail(401, { errors: { form: [m.error_signed_out()] } });
		const parsed = parseMailPreferences(await request.formData());
		if (!parsed.ok) return fail(400, { mailInvalid: true });
		await locals.db((tx) => saveMailPreferences(tx, person.id, parsed.value));
		return { mailSaved: true };
	},
	calendarCreate: issueCalendar,
	calendarRenew: issueCalendar,
	calendarRevoke: async ({ locals }) => {
		if (!locals.person) return fail(401, { errors: { form: [m.error_signed_out()] } });
		await locals.db(revokeFeed);
		return { calendarRevoked: true };
	}
};
