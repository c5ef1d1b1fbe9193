import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { decideManySchema, decideOneSchema } from '$lib/schemas/approvals';
import { parseValues } from '$lib/schemas/form';
import { requireTownApprover } from '$lib/server/approvals/guard';
import { approvalQueue, decide, decideMany, itemTitle } from '$lib/server/approvals/queue';
import type { Actions, PageServerLoad } from './$types';

const firstErrors = (errors: Record<string, string[]>) =>
	[...new Set(Object.values(errors).flat())].join(' ');

export const load: PageServerLoad = async ({ locals, params }) => {
	const { organisation, town } = await requireTownApprover(locals, params.organisationId);
	const queue = await locals.db((tx) => approvalQueue(tx, town.municipalityId));
	return {
		organisation,
		policy: { needs: town.needsPolicy, matches: town.matchesPolicy },
		queue
	};
};

export const actions: Actions = {
	decide: async ({ request, locals, params }) => {
		const { town } = await requireTownApprover(locals, params.organisationId);
		const data = await request.formData();
		const item = String(data.get('item') ?? '');
		const parsed = parseValues(decideOneSchema, {
			item: data.get('item'),
			decision: data.get('decision'),
			reason: data.get('reason')
		});
		if (!parsed.ok) {
			// The reason's own message goes beside its field too (DecideForms).
			const reasonError = parsed.errors.reason?.[0];
			return fail(400, { item, error: firstErrors(parsed.errors), reasonError });
		}
		const { value } = parsed;
		const outcome = await locals.db(async (tx) => {
			const title = itemTitle(await approvalQueue(tx, town.municipalityId), value.item);
			return {
				title,
				result: await decide(tx, town.municipalityId, value.item, value.decision, value.reason)
			};
		});
		if (!outcome.result.ok) {
			return fail(409, {
				item,
				error: m.approvals_refused_item({
					title: outcome.title,
					message: errorMessage(outcome.result.code)
				})
			});
		}
		return { decided: { kind: value.item.kind, decision: value.decision } };
	},
	decideMany: async ({ request, locals, params }) => {
		const { town } = await requireTownApprover(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseValues(decideManySchema, {
			items: data.getAll('items'),
			decision: data.get('decision'),
			reason: data.get('reason')
		});
		if (!parsed.ok) {
			return fail(400, {
				manyReason: String(data.get('reason') ?? ''),
				error: firstErrors(parsed.errors)
			});
		}
		const { items, decision, reason } = parsed.value;
		const outcome = await locals.db((tx) =>
			decideMany(tx, town.municipalityId, items, decision, reason)
		);
		return {
			many: {
				decision,
				done: outcome.done,
				refused: outcome.refused.map((r) =>
					m.approvals_refused_item({ title: r.title, message: errorMessage(r.code) })
				)
			}
		};
	}
};
