import { error } from '@sveltejs/kit';
import { pathId } from '$lib/schemas/route';
import { m } from '$lib/paraglide/messages.js';
import { keyedNeedRefSchema } from '$lib/schemas/matching';
import { request as requestMatch } from '$lib/server/matching/verbs';
import { needsForHelper } from '$lib/server/matching/candidates';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { myMatches } from '$lib/server/matching/read';
import { readNeed } from '$lib/server/needs/read';
import type { Actions, PageServerLoad } from './$types';

// How far down the helper's ranked list a need's "why it fits" is looked up.
const RANKED = 100;

export const load: PageServerLoad = async ({ locals, params }) => {
	const person = locals.person!;
	const id = pathId.safeParse(params.needId);
	if (!id.success) error(404, m.error_not_found());
	const found = await locals.db(async (tx) => {
		const need = await readNeed(tx, id.data);
		if (!need) return null;
		const ranked = (await needsForHelper(tx, locals.locale, RANKED)).find(
			(n) => n.needId === need.id
		);
		const match = (await myMatches(tx, person.id)).find((x) => x.needId === need.id);
		return { need, explanation: ranked?.explanation ?? null, match: match ?? null };
	});
	// RLS hides needs the person may not see: the same answer as for one that does not exist.
	if (!found) error(404, m.error_not_found());
	const { need, explanation, match } = found;
	return {
		// What a helper may know of a need: never a person, only the task.
		need: {
			id: need.id,
			title: need.title,
			description: need.description,
			organisationName: need.organisationName,
			category: need.category,
			targetGroup: need.targetGroup,
			hours: need.hours,
			cadence: need.cadence,
			startsOn: need.startsOn,
			endsOn: need.endsOn,
			remote: need.remote,
			districtName: need.districtName,
			requires72a: need.requires72a,
			status: need.status
		},
		explanation,
		matchStatus: match?.status ?? null
	};
};

export const actions: Actions = {
	help: matchVerbAction(
		keyedNeedRefSchema,
		(tx, v) => requestMatch(tx, v.needId, v.clientKey),
		(_, v) => ({ requested: v.needId })
	)
};
