import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import { inspectionSchema } from '$lib/schemas/inspection';
import { berlinToday } from '$lib/domain/hours/month';
import {
	inspectionRecords,
	inspectableHelpers,
	recordInspection
} from '$lib/server/inspections/records';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const { records, helpers } = await locals.db(async (tx) => ({
		records: await inspectionRecords(tx, organisation.id),
		helpers: await inspectableHelpers(tx, organisation.id)
	}));
	return { organisation, records, helpers, today: berlinToday() };
};

export const actions: Actions = {
	record: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const values = {
			helperId: String(data.get('helperId') ?? ''),
			certificateDate: String(data.get('certificateDate') ?? ''),
			inspected: data.get('inspected') === 'yes',
			convictionListed: String(data.get('convictionListed') ?? '')
		};
		const parsed = parseForm(inspectionSchema(berlinToday()), data);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await locals.db((tx) => recordInspection(tx, organisation.id, parsed.value));
		if (!result.ok) return fail(409, { values, error: errorMessage(result.code) });
		const record = await locals.db(async (tx) =>
			(await inspectionRecords(tx, organisation.id)).find((r) => r.id === result.inspectionId)
		);
		return { recorded: { name: record?.helperName ?? '', recheckOn: record?.recheckOn ?? '' } };
	}
};
