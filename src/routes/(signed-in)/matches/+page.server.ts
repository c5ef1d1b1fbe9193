import { matchRefSchema, withdrawSchema } from '$lib/schemas/matching';
import { accept, decline, withdraw } from '$lib/server/matching/verbs';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { matchContacts, myMatches } from '$lib/server/matching/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const matches = await locals.db(async (tx) => {
		const mine = [];
		// One after another on the one transaction; contacts only for active matches (the
		// database returns none for any other).
		for (const match of await myMatches(tx, person.id)) {
			const contacts = match.status === 'active' ? await matchContacts(tx, match.id) : [];
			mine.push({ ...match, contacts });
		}
		return mine;
	});
	return { matches };
};

export const actions: Actions = {
	accept: matchVerbAction(
		matchRefSchema,
		(tx, v) => accept(tx, v.matchId),
		(r) => ({ accepted: r.status })
	),
	decline: matchVerbAction(
		matchRefSchema,
		(tx, v) => decline(tx, v.matchId),
		() => ({ declined: true })
	),
	withdraw: matchVerbAction(
		withdrawSchema,
		(tx, v) => withdraw(tx, v.matchId, v.reason),
		() => ({ withdrawn: true })
	)
};
