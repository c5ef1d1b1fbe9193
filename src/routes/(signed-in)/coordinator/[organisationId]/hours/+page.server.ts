import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm, parseValues } from '$lib/schemas/form';
import { confirmLogsSchema, hourReviewSchema } from '$lib/schemas/hours';
import { confirmLogs, logsToReview, reviewLog } from '$lib/server/hours/review';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const logs = await locals.db((tx) => logsToReview(tx, organisation.id));
	// Worked off month by month, oldest first (the list comes ordered by day).
	const months = new Map<string, typeof logs>();
	for (const log of logs) {
		const month = `${log.workedOn.slice(0, 7)}-01`;
		months.set(month, [...(months.get(month) ?? []), log]);
	}
	return { organisation, logs, months: [...months].map(([month, logs]) => ({ month, logs })) };
};

export const actions: Actions = {
	review: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseForm(hourReviewSchema, data);
		if (!parsed.ok) {
			return fail(400, {
				logId: String(data.get('logId') ?? ''),
				error: Object.values(parsed.errors).flat().join(' '),
				// The reason's own message goes beside its field too.
				reasonError: parsed.errors.reason?.[0]
			});
		}
		const result = await locals.db((tx) => reviewLog(tx, organisation.id, parsed.value));
		if (!result.ok) {
			return fail(409, { logId: parsed.value.logId, error: errorMessage(result.code) });
		}
		return { reviewed: parsed.value.decision };
	},
	// A month's logs at once: exactly the ones the page showed, each on its own.
	confirmMonth: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const parsed = parseValues(confirmLogsSchema, {
			logIds: (await request.formData()).getAll('logIds')
		});
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => confirmLogs(tx, organisation.id, parsed.value.logIds));
		return {
			confirmedMany: result.confirmed,
			refused: result.refused.length
				? [...new Set(result.refused.map((r) => errorMessage(r.code)))]
				: []
		};
	}
};
