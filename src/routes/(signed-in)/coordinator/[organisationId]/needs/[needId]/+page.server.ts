import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { pathId } from '$lib/schemas/route';
import { m } from '$lib/paraglide/messages.js';
import { matchRefSchema, proposeSchema, withdrawSchema } from '$lib/schemas/matching';
import { accept, decline, propose, withdraw } from '$lib/server/matching/verbs';
import { candidatesForNeed } from '$lib/server/matching/candidates';
import { matchVerbAction } from '$lib/server/matching/form-actions';
import { matchesOfNeedWithContacts } from '$lib/server/matching/read';
import { errorMessage } from '$lib/domain/errors';
import { together, type Tx } from '$lib/server/db/person';
import { needHistory } from '$lib/server/needs/history';
import { readNeed } from '$lib/server/needs/read';
import { cancelNeed, completeNeed, type NeedWriteResult } from '$lib/server/needs/write';
import { ownNeed, requireCoordinator } from '$lib/server/organisations/guard';
import { renderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad } from './$types';

// No SvelteKit client: the coordinator's forms post as plain forms and each answer is the page
// anew, within the JavaScript budget (README → Benchmarks → Budgets); the page's one script is
// src/lib/pwa/page-script.ts (PageScript.svelte).
export const csr = false;

async function needOf(locals: App.Locals, organisationId: string, needId: string) {
	const id = pathId.safeParse(needId);
	if (!id.success) error(404, m.error_not_found());
	// Expiry and the read in one round trip (`together`).
	return ownNeed(await locals.db((tx) => readNeed(together(tx), id.data)), organisationId);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const needId = pathId.safeParse(params.needId);
	if (!needId.success) error(404, m.error_not_found());
	// Everything at once: on a GET these calls share the request's connection and their
	// statements made side by side go as one message, one transaction
	// (src/lib/server/db/request.ts), so the guard, the need and what hangs on it cost one round
	// trip. Row-level security answers each
	// read for this person; nothing is returned before the guard and the need's organisation
	// have said yes. Candidates are empty for a need that is not open (the database's rule).
	const [organisation, [maybeNeed, candidates, matches, history]] = await Promise.all([
		requireCoordinator(locals, params.organisationId),
		locals.db((tx) => {
			const reads = together(tx);
			return Promise.all([
				readNeed(reads, needId.data),
				candidatesForNeed(reads, needId.data, locals.locale, 20),
				// The helper's contact only for active matches (the database returns none for any other).
				matchesOfNeedWithContacts(reads, needId.data),
				needHistory(reads, needId.data)
			]);
		})
	]);
	const need = ownNeed(maybeNeed, organisation.id);
	return {
		organisation,
		need,
		// Rendered here only: the page has no client to send them to (nor contacts with them).
		history: renderOnly(history),
		matches: renderOnly(matches),
		candidates: renderOnly(
			candidates.map((c) => ({
				helperId: c.helperId,
				displayName: c.displayName,
				score: c.score,
				explanation: c.explanation
			}))
		)
	};
};

/** Cancel or complete: one verb on the need; the database refuses what its state forbids. */
async function needStep(
	event: RequestEvent,
	step: (tx: Tx, needId: string) => Promise<NeedWriteResult>,
	done: 'cancelled' | 'completed'
) {
	const organisation = await requireCoordinator(event.locals, event.params.organisationId ?? '');
	const need = await needOf(event.locals, organisation.id, event.params.needId ?? '');
	const result = await event.locals.db((tx) => step(tx, need.id));
	if (!result.ok) return fail(400, { needError: errorMessage(result.code) });
	return { [done]: true };
}

const coordinates = (event: RequestEvent) =>
	requireCoordinator(event.locals, event.params.organisationId ?? '');

export const actions: Actions = {
	cancel: (event) => needStep(event, cancelNeed, 'cancelled'),
	complete: (event) => needStep(event, completeNeed, 'completed'),
	propose: async (event) => {
		const organisation = await requireCoordinator(event.locals, event.params.organisationId);
		const need = await needOf(event.locals, organisation.id, event.params.needId);
		return matchVerbAction(
			proposeSchema,
			(tx, v) => propose(tx, need.id, v.helperId),
			(_, v) => ({ proposed: v.helperId })
		)(event);
	},
	// A helper said "I can help": the organisation accepts or declines.
	accept: matchVerbAction(
		matchRefSchema,
		(tx, v) => accept(tx, v.matchId),
		(r) => ({ accepted: r.status }),
		coordinates
	),
	decline: matchVerbAction(
		matchRefSchema,
		(tx, v) => decline(tx, v.matchId),
		() => ({ declined: true }),
		coordinates
	),
	withdraw: matchVerbAction(
		withdrawSchema,
		(tx, v) => withdraw(tx, v.matchId, v.reason),
		() => ({ withdrawn: true }),
		coordinates
	)
};
