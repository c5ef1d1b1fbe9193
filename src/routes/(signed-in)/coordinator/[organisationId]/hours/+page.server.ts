import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import { hourReviewSchema } from '$lib/schemas/hours';
import { logsToReview, reviewLog } from '$lib/server/hours/review';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const logs = await locals.db((tx) => logsToReview(tx, organisation.id));
	return { organisation, logs };
};

export const actions: Actions = {
	review: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseForm(hourReviewSchema, data);
		if (!parsed.ok) {
			return fail(400, {
				logId: String(data.get('logId') ?? ''),
				error: Object.values(parsed.errors).flat().join(' ')
			});
		}
		const result = await locals.db((tx) => reviewLog(tx, organisation.id, parsed.value));
		if (!result.ok) {
			return fail(409, { logId: parsed.value.logId, error: errorMessage(result.code) });
		}
		return { reviewed: parsed.value.decision };
	}
};
