import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { feedbackSchema } from '$lib/schemas/feedback';
import { parseForm } from '$lib/schemas/form';
import { keyedMatchRefSchema, withdrawSchema } from '$lib/schemas/matching';
import { feedbackOn, giveFeedback } from '$lib/server/matching/feedback';
import { accept, decline, withdraw } from '$lib/server/matching/verbs';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { matchContacts, myMatches } from '$lib/server/matching/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const matches = await locals.db(async (tx) => {
		const mine = [];
		// One after another on the request's connection; contacts only for active matches (the
		// database returns none for any other).
		for (const match of await myMatches(tx, person.id)) {
			const contacts = match.status === 'active' ? await matchContacts(tx, match.id) : [];
			mine.push({ ...match, contacts });
		}
		return mine;
	});
	const feedback = await locals.db((tx) =>
		feedbackOn(
			tx,
			matches.filter((x) => x.status === 'completed').map((x) => x.id)
		)
	);
	// The helper's own word on each completed match; what the organisation wrote stays its own.
	return {
		matches,
		rated: feedback.filter((f) => f.perspective === 'helper').map((f) => f.matchId)
	};
};

export const actions: Actions = {
	accept: matchVerbAction(
		keyedMatchRefSchema,
		(tx, v) => accept(tx, v.matchId, v.clientKey),
		(r) => ({ accepted: r.status })
	),
	decline: matchVerbAction(
		keyedMatchRefSchema,
		(tx, v) => decline(tx, v.matchId, v.clientKey),
		() => ({ declined: true })
	),
	withdraw: matchVerbAction(
		withdrawSchema,
		(tx, v) => withdraw(tx, v.matchId, v.reason),
		() => ({ withdrawn: true })
	),
	feedback: async ({ request, locals }) => {
		const parsed = parseForm(feedbackSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		if (parsed.value.perspective !== 'helper')
			return fail(400, { error: errorMessage('not_allowed') });
		const person = locals.person!;
		const result = await locals.db((tx) => giveFeedback(tx, person.id, parsed.value));
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { feedbackGiven: true };
	}
};
