import { matchRefSchema, needRefSchema } from '$lib/schemas/matching';
import { accept, decline, request as requestMatch } from '$lib/server/matching/verbs';
import { needsForHelper } from '$lib/server/matching/candidates';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { myMatches } from '$lib/server/matching/read';
import { hasOffer } from '$lib/server/offers/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [offered, needs, matches] = await locals.db(
		async (tx) =>
			[
				await hasOffer(tx, person.id),
				await needsForHelper(tx, locals.locale, 20),
				await myMatches(tx, person.id)
			] as const
	);
	return {
		hasOffer: offered,
		matches,
		needs: needs.map((n) => ({
			needId: n.needId,
			title: n.title,
			organisationName: n.organisationName,
			category: n.category,
			targetGroup: n.targetGroup,
			hours: n.hours,
			cadence: n.cadence,
			startsOn: n.startsOn,
			remote: n.remote,
			explanation: n.explanation
		}))
	};
};

export const actions: Actions = {
	// "I can help"
	help: matchVerbAction(
		needRefSchema,
		(tx, v) => requestMatch(tx, v.needId),
		(_, v) => ({ requested: v.needId })
	),
	accept: matchVerbAction(
		matchRefSchema,
		(tx, v) => accept(tx, v.matchId),
		(r) => ({ accepted: r.status })
	),
	decline: matchVerbAction(
		matchRefSchema,
		(tx, v) => decline(tx, v.matchId),
		() => ({ declined: true })
	)
};
