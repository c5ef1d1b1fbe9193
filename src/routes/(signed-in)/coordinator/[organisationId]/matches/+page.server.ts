import { fail, type RequestEvent } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { feedbackSchema } from '$lib/schemas/feedback';
import { parseForm } from '$lib/schemas/form';
import { withdrawSchema } from '$lib/schemas/matching';
import { feedbackOn, giveFeedback } from '$lib/server/matching/feedback';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { matchesOfOrganisation } from '$lib/server/matching/read';
import { complete, withdraw } from '$lib/server/matching/verbs';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const [matches, feedback] = await locals.db(async (tx) => {
		const all = await matchesOfOrganisation(tx, organisation.id);
		const completed = all.filter((x) => x.status === 'completed').map((x) => x.id);
		return [all, await feedbackOn(tx, completed)] as const;
	});
	return { organisation, matches, feedback };
};

const coordinates = (event: RequestEvent) =>
	requireCoordinator(event.locals, event.params.organisationId ?? '');

export const actions: Actions = {
	complete: matchVerbAction(
		withdrawSchema,
		(tx, v) => complete(tx, v.matchId, v.reason),
		() => ({ completed: true }),
		coordinates
	),
	withdraw: matchVerbAction(
		withdrawSchema,
		(tx, v) => withdraw(tx, v.matchId, v.reason),
		() => ({ withdrawn: true }),
		coordinates
	),
	// The organisation's own rating and the beneficiary's, as told to the coordinator.
	feedback: async (event) => {
		await coordinates(event);
		const data = await event.request.formData();
		const parsed = parseForm(feedbackSchema, data);
		if (!parsed.ok) {
			return fail(400, {
				matchId: String(data.get('matchId') ?? ''),
				error: Object.values(parsed.errors).flat().join(' ')
			});
		}
		if (parsed.value.perspective === 'helper')
			return fail(400, { error: errorMessage('not_allowed') });
		const person = event.locals.person!;
		const result = await event.locals.db((tx) => giveFeedback(tx, person.id, parsed.value));
		if (!result.ok)
			return fail(409, { matchId: parsed.value.matchId, error: errorMessage(result.code) });
		return { feedbackGiven: true };
	}
};
