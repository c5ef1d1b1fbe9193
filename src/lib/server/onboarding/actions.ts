// Form actions the onboarding pages share: resend or withdraw a coordinator invitation, and invite
// a coordinator into an organisation named by the page or by the form (an office or nonprofit
// still without one). Each page passes its guard; the database verb decides who may.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import {
	coordinatorInvitationSchema,
	coordinatorInviteSchema,
	organisationRefSchema
} from '$lib/schemas/onboarding';
import {
	inviteCoordinator,
	resendCoordinatorInvitation,
	withdrawCoordinatorInvitation
} from './team.ts';

type Guard = (event: RequestEvent) => Promise<unknown>;

// Stryker disable next-line StringLiteral: each schema read through it has one field, one message
const firstErrors = (errors: Record<string, string[]>) => Object.values(errors).flat().join(' ');

export function invitationActions(guard: Guard) {
	return {
		resend: async (event: RequestEvent) => {
			await guard(event);
			const parsed = parseForm(coordinatorInvitationSchema, await event.request.formData());
			if (!parsed.ok) return fail(400, { error: firstErrors(parsed.errors) });
			const result = await event.locals.db((tx) =>
				resendCoordinatorInvitation(tx, parsed.value.invitationId, event.url.origin)
			);
			if (!result.ok) return fail(409, { error: errorMessage(result.code) });
			return { done: 'resent' };
		},
		withdraw: async (event: RequestEvent) => {
			await guard(event);
			const parsed = parseForm(coordinatorInvitationSchema, await event.request.formData());
			if (!parsed.ok) return fail(400, { error: firstErrors(parsed.errors) });
			const result = await event.locals.db((tx) =>
				withdrawCoordinatorInvitation(tx, parsed.value.invitationId)
			);
			if (!result.ok) return fail(409, { error: errorMessage(result.code) });
			return { done: 'withdrawn' };
		}
	};
}

/**
 * Invites a coordinator into `organisationId`, or into the organisation the form names (then the
 * answer carries it, so the page shows the message next to that organisation's form).
 */
export async function inviteAction(event: RequestEvent, organisationId?: string) {
	const data = await event.request.formData();
	const email = String(data.get('email') ?? '').slice(0, 254);
	const target = organisationId
		? { ok: true as const, value: { organisationId } }
		: parseForm(organisationRefSchema, data);
	if (!target.ok) return fail(400, { error: firstErrors(target.errors) });
	const inviteFor = target.value.organisationId;
	const parsed = parseForm(coordinatorInviteSchema, data);
	if (!parsed.ok) return fail(400, { invite: { inviteFor, email, errors: parsed.errors } });
	const result = await event.locals.db((tx) =>
		inviteCoordinator(tx, inviteFor, parsed.value, event.url.origin)
	);
	if (!result.ok) {
		return fail(409, {
			invite: { inviteFor, email, errors: { email: [errorMessage(result.code)] } }
		});
	}
	return { invited: parsed.value.email };
}
