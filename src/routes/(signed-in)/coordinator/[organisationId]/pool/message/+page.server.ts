import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { helperMessageSchema } from '$lib/schemas/mail';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { messageHelpers, needsWithHelpers } from '$lib/server/mail/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	return { organisation, needs: await locals.db((tx) => needsWithHelpers(tx, organisation.id)) };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseForm(helperMessageSchema, data);
		const values = {
			needId: String(data.get('needId') ?? ''),
			subject: String(data.get('subject') ?? '').slice(0, 200),
			text: String(data.get('text') ?? '').slice(0, 5000)
		};
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await locals.db((tx) => messageHelpers(tx, organisation.id, parsed.value));
		// The guard let the coordinator in: a refusal here is a need not theirs (or none at all).
		if (!result.ok) return fail(400, { values, errors: { needId: [m.validation_reference()] } });
		return { sent: result.sent };
	}
};
