// One form action around one match verb, shared by the helper's and the coordinator's pages:
// validate the form, run the verb as the person, turn a refusal into its message.
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { errorMessage } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { clientKeyFields, fromSomeoneElse } from '$lib/schemas/offline';
import type { Tx } from '../db/person.ts';
import type { MatchResult } from './verbs.ts';

/** The client key a post carries (a UUID), as `{ clientKey }`, or nothing. */
function answeredKey(form: FormData): { clientKey?: string } {
	const key = clientKeyFields.clientKey.safeParse(form.get('clientKey'));
	return key.success && key.data ? { clientKey: key.data } : {};
}

export function matchVerbAction<
	S extends z.ZodType,
	T extends object,
	R extends Record<string, unknown>
>(
	schema: S,
	verb: (tx: Tx, input: z.infer<S>) => Promise<MatchResult<T>>,
	success: (result: T, input: z.infer<S>) => R,
	/** Checks before anything is read from the form, e.g. that the person coordinates the page's organisation. */
	guard?: (event: RequestEvent) => Promise<unknown>
) {
	return async (event: RequestEvent) => {
		await guard?.(event);
		const form = await event.request.formData();
		// Every answer names the request it answers, so the phone's outbox knows a plain form's
		// post arrived (src/lib/pwa/outbox-view.ts).
		const answered = answeredKey(form);
		const parsed = parseForm(schema, form);
		if (!parsed.ok)
			return fail(400, { error: Object.values(parsed.errors).flat().join(' '), ...answered });
		// A request another person queued on this device (src/lib/pwa/outbox.ts) is not theirs to send.
		if (event.locals.person && fromSomeoneElse(event.locals.person.id, parsed.value as object))
			return fail(409, { error: m.queue_not_yours(), ...answered });
		const result = await event.locals.db((tx) => verb(tx, parsed.value));
		if (!result.ok) return fail(409, { error: errorMessage(result.code), ...answered });
		return { ...success(result, parsed.value), ...answered };
	};
}
