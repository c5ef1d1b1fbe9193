// The town's suggestions inbox for a coordinator of one of its organisations: new ones to answer
// or turn into a need, and those already answered or adopted. Never who wrote them.
import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import { answerSchema } from '$lib/schemas/suggestion';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { answerSuggestion, townSuggestions } from '$lib/server/suggestions/inbox';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const suggestions = await locals.db((tx) => townSuggestions(tx, organisation.id));
	return {
		organisation,
		fresh: suggestions.filter((s) => s.status === 'new'),
		answered: suggestions.filter((s) => s.status === 'answered'),
		adopted: suggestions.filter((s) => s.status === 'adopted')
	};
};

export const actions: Actions = {
	answer: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const suggestionId = String(data.get('suggestionId') ?? '');
		const answer = String(data.get('answer') ?? '');
		const parsed = parseForm(answerSchema, data);
		if (!parsed.ok)
			return fail(400, {
				suggestionId,
				answer,
				error: [...new Set(Object.values(parsed.errors).flat())].join(' ')
			});
		const result = await locals.db((tx) => answerSuggestion(tx, organisation.id, parsed.value));
		if (!result.ok) return fail(409, { suggestionId, answer, error: errorMessage(result.code) });
		return { answered: suggestionId };
	}
};
