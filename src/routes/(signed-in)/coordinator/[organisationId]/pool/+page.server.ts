import { fail } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import {
	poolInvitationSchema,
	poolInviteSchema,
	poolMemberSchema,
	poolNoteSchema
} from '$lib/schemas/pool';
import { requireCoordinator } from '$lib/server/organisations/guard';
import { poolOverview } from '$lib/server/pools/read';
import {
	inviteToPool,
	removeMember,
	resendInvitation,
	saveNote,
	setPaused,
	setVerified,
	withdrawInvitation,
	type MemberActionResult
} from '$lib/server/pools/verbs';
import type { Tx } from '$lib/server/db/person';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireCoordinator(locals, params.organisationId);
	return { organisation, pool: await locals.db((tx) => poolOverview(tx, organisation.id)) };
};

const firstErrors = (errors: Record<string, string[]>) => Object.values(errors).flat().join(' ');

/** One action on a pool member: the form names the membership, the verb does the rest. */
function memberAction(
	verb: (tx: Tx, organisationId: string, membershipId: string) => Promise<MemberActionResult>,
	done: string
) {
	return async ({ request, locals, params }: RequestEvent) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const parsed = parseForm(poolMemberSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: firstErrors(parsed.errors) });
		const membershipId = parsed.value.membershipId;
		const result = await locals.db((tx) => verb(tx, organisation.id, membershipId));
		if (!result.ok) return fail(409, { membershipId, error: m.pool_admin_member_gone() });
		return { membershipId, done };
	};
}

export const actions: Actions = {
	invite: async ({ request, locals, params, url }) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseForm(poolInviteSchema, data);
		const email = String(data.get('email') ?? '').slice(0, 254);
		if (!parsed.ok) return fail(400, { invite: { email, errors: parsed.errors } });
		const result = await locals.db((tx) =>
			inviteToPool(tx, organisation.id, parsed.value, url.origin)
		);
		if (!result.ok) {
			return fail(409, { invite: { email, errors: { email: [errorMessage(result.code)] } } });
		}
		return { invited: parsed.value.email };
	},
	resend: async ({ request, locals, params, url }) => {
		await requireCoordinator(locals, params.organisationId);
		const parsed = parseForm(poolInvitationSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: firstErrors(parsed.errors) });
		const result = await locals.db((tx) =>
			resendInvitation(tx, parsed.value.invitationId, url.origin)
		);
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { done: 'resent' };
	},
	withdraw: async ({ request, locals, params }) => {
		await requireCoordinator(locals, params.organisationId);
		const parsed = parseForm(poolInvitationSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: firstErrors(parsed.errors) });
		const result = await locals.db((tx) => withdrawInvitation(tx, parsed.value.invitationId));
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { done: 'withdrawn' };
	},
	verify: memberAction((tx, o, id) => setVerified(tx, o, id, true), 'verified'),
	unverify: memberAction((tx, o, id) => setVerified(tx, o, id, false), 'unverified'),
	pause: memberAction((tx, o, id) => setPaused(tx, o, id, true), 'paused'),
	resume: memberAction((tx, o, id) => setPaused(tx, o, id, false), 'resumed'),
	remove: memberAction(removeMember, 'removed'),
	note: async ({ request, locals, params }: RequestEvent) => {
		const organisation = await requireCoordinator(locals, params.organisationId);
		const data = await request.formData();
		const parsed = parseForm(poolNoteSchema, data);
		const membershipId = String(data.get('membershipId') ?? '');
		if (!parsed.ok) return fail(400, { membershipId, noteError: firstErrors(parsed.errors) });
		const result = await locals.db((tx) => saveNote(tx, organisation.id, parsed.value));
		if (!result.ok) return fail(409, { membershipId, error: m.pool_admin_member_gone() });
		return { membershipId, done: 'deleted' in result ? 'note_deleted' : 'note_saved' };
	}
};
