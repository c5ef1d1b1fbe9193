import { fail } from '@sveltejs/kit';
import { matchErrorMessage } from '$lib/match-errors';
import { parseForm } from '$lib/schemas/form';
import { matchRefSchema, needRefSchema } from '$lib/schemas/matching';
import { accept, decline, request as requestMatch } from '$lib/server/matching/acceptance';
import { needsForHelper } from '$lib/server/matching/candidates';
import { myMatches } from '$lib/server/needs/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const person = locals.person!;
	const [hasOffer, needs, matches] = await locals.db(async (tx) => {
		const offer = await tx.query('select 1 from offers where helper_id = $1', [person.id]);
		return [offer.rows.length > 0, await needsForHelper(tx, locals.locale, 20), await myMatches(tx, person.id)] as const;
	});
	return {
		hasOffer,
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
	help: async ({ locals, request }) => {
		const parsed = parseForm(needRefSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => requestMatch(tx, parsed.value.needId));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { requested: parsed.value.needId };
	},
	accept: async ({ locals, request }) => {
		const parsed = parseForm(matchRefSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => accept(tx, parsed.value.matchId));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { accepted: result.status };
	},
	decline: async ({ locals, request }) => {
		const parsed = parseForm(matchRefSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => decline(tx, parsed.value.matchId));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { declined: true };
	}
};
