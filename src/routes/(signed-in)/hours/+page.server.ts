import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { errorMessage } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { correctLogSchema, logHoursSchema, logRefSchema } from '$lib/schemas/hours';
import { fromSomeoneElse } from '$lib/schemas/offline';
import { activeMatches, myHourLogs, myMonth } from '$lib/server/hours/read';
import { correctLog, logHours, withdrawLog } from '$lib/server/hours/verbs';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [month, matches, logs] = await locals.db(
		async (tx) =>
			[
				await myMonth(tx, person.id),
				await activeMatches(tx, person.id),
				await myHourLogs(tx, person.id)
			] as const
	);
	return { month, matches, logs };
};

/** Which form answered, so the page shows messages and values next to it. */
type Target = { action: 'log' } | { action: 'correct' | 'withdraw'; logId: string };

async function readForm<S extends z.ZodType>(event: RequestEvent, schema: S) {
	const data = await event.request.formData();
	const values = Object.fromEntries(
		[...data.entries()].filter(([, v]) => typeof v === 'string')
	) as Record<string, string>;
	return { parsed: parseForm(schema, data), values };
}

export const actions: Actions = {
	log: async (event) => {
		const person = event.locals.person;
		if (!person) return fail(401, { error: m.error_signed_out() });
		const target: Target = { action: 'log' };
		const { parsed, values } = await readForm(event, logHoursSchema);
		if (!parsed.ok) return fail(400, { ...target, errors: parsed.errors, values });
		// A request another person queued on this device (src/lib/pwa/outbox.ts) is not theirs to send.
		if (fromSomeoneElse(person.id, parsed.value))
			return fail(409, { ...target, error: m.queue_not_yours(), values });
		const result = await event.locals.db((tx) => logHours(tx, person.id, parsed.value));
		if (!result.ok) return fail(409, { ...target, error: errorMessage(result.code), values });
		return { ...target, done: m.hours_logged_ok() };
	},
	correct: async (event) => {
		const person = event.locals.person;
		if (!person) return fail(401, { error: m.error_signed_out() });
		const { parsed, values } = await readForm(event, correctLogSchema);
		const target: Target = { action: 'correct', logId: values.logId ?? '' };
		if (!parsed.ok) return fail(400, { ...target, errors: parsed.errors, values });
		const result = await event.locals.db((tx) => correctLog(tx, person.id, parsed.value));
		if (!result.ok) return fail(409, { ...target, error: errorMessage(result.code), values });
		return { ...target, done: m.hours_corrected_ok() };
	},
	withdraw: async (event) => {
		const person = event.locals.person;
		if (!person) return fail(401, { error: m.error_signed_out() });
		const { parsed, values } = await readForm(event, logRefSchema);
		const target: Target = { action: 'withdraw', logId: values.logId ?? '' };
		if (!parsed.ok) return fail(400, { ...target, error: m.validation_reference() });
		const result = await event.locals.db((tx) => withdrawLog(tx, person.id, parsed.value.logId));
		if (!result.ok) return fail(409, { ...target, error: errorMessage(result.code) });
		return { ...target, done: m.hours_withdrawn_ok() };
	}
};
