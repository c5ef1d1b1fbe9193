import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { errorMessage } from '$lib/domain/errors';
import { batchSelectionSchema } from '$lib/schemas/matching';
import { batchParts, planBatch, sendBatchFor } from '$lib/server/matching/batch';
import { services } from '$lib/server/services';
import { warmSolver } from '$lib/server/matching/solve-off-thread';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	void warmSolver().catch(() => undefined); // a failed start is retried by the plan itself
	return { organisation };
};

export const actions: Actions = {
	// Computes a plan for review; nothing is written until the coordinator sends it.
	plan: async ({ locals, params }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		// The reads get their own transactions, ended before the solve (which runs in a worker thread).
		const { db } = await services();
		const plan = await planBatch(locals.db, organisation.id, locals.locale, batchParts(db.kind));
		return { plan };
	},
	send: async ({ locals, params, request }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const parsed = batchSelectionSchema.safeParse((await request.formData()).getAll('pair'));
		if (!parsed.success)
			return fail(400, { error: parsed.error.issues[0]?.message ?? m.validation_reference() });
		const result = await sendBatchFor(organisation.id, locals.db, parsed.data);
		if (result.busy) return fail(409, { error: m.batch_send_running() });
		const { sent, notSent } = result;
		const failed = sent.filter((s) => !s.ok).map((s) => ({ ...s, message: errorMessage(s.code!) }));
		return {
			sent: sent.length - failed.length,
			failed,
			notSent: notSent.length,
			organisationId: organisation.id
		};
	}
};
