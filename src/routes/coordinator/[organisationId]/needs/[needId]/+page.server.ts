import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { matchErrorMessage } from '$lib/match-errors';
import { parseForm } from '$lib/schemas/form';
import { matchRefSchema, proposeSchema } from '$lib/schemas/matching';
import { accept, decline, propose } from '$lib/server/matching/acceptance';
import { candidatesForNeed } from '$lib/server/matching/candidates';
import { matchesOfNeed, readNeed } from '$lib/server/needs/read';
import { requireCoordinator } from '$lib/server/organisations/guard';
import type { Actions, PageServerLoad } from './$types';

async function needOf(locals: App.Locals, organisationId: string, needId: string) {
	const id = z.uuid().safeParse(needId);
	if (!id.success) error(404, m.error_not_found());
	const need = await locals.db((tx) => readNeed(tx, id.data));
	if (!need || need.organisationId !== organisationId) error(404, m.error_not_found());
	return need;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	const need = await needOf(locals, organisation.id, params.needId);
	const [candidates, matches] = await locals.db(async (tx) => [
		need.status === 'open' ? await candidatesForNeed(tx, need.id, locals.locale, 20) : [],
		await matchesOfNeed(tx, need.id)
	] as const);
	return {
		organisation,
		need,
		matches,
		candidates: candidates.map((c) => ({ helperId: c.helperId, displayName: c.displayName, score: c.score, explanation: c.explanation }))
	};
};

export const actions: Actions = {
	propose: async ({ locals, params, request }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const need = await needOf(locals, organisation.id, params.needId);
		const parsed = parseForm(proposeSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => propose(tx, need.id, parsed.value.helperId, parsed.value.score));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { proposed: parsed.value.helperId };
	},
	// A helper said "I can help": the organisation accepts or declines.
	accept: async ({ locals, params, request }) => {
		await requireCoordinator(locals, params.organisationId);
		const parsed = parseForm(matchRefSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => accept(tx, parsed.value.matchId));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { accepted: result.status };
	},
	decline: async ({ locals, params, request }) => {
		await requireCoordinator(locals, params.organisationId);
		const parsed = parseForm(matchRefSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => decline(tx, parsed.value.matchId));
		if (!result.ok) return fail(409, { error: matchErrorMessage(result.code) });
		return { declined: true };
	}
};
