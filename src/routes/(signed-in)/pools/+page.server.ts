import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { errorMessage } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { readProfile } from '$lib/server/people/profile';
import { acceptInvitation, leavePool, type PoolResult } from '$lib/server/people/pools';
import {
	acceptCoordinatorInvitation,
	declineCoordinatorInvitation
} from '$lib/server/onboarding/team';
import type { Tx } from '$lib/server/db/person';
import type { TeamResult } from '$lib/server/onboarding/team';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const poolSchema = z.object({
	organisationId: z.uuid({ error: () => m.validation_reference() })
});

export const load: PageServerLoad = async ({ locals }) => {
	const profile = await locals.db((tx) => readProfile(tx, locals.person!.id));
	if (!profile) error(404, m.error_not_found());
	return {
		pools: profile.memberships.filter((x) => x.role === 'helper'),
		// Invitations to coordinate an organisation are answered here too, next to pool invitations.
		coordinatorInvitations: profile.memberships.filter(
			(x) => x.role === 'coordinator' && x.status === 'invited'
		)
	};
};

function poolAction(
	verb: (tx: Tx, organisationId: string) => Promise<PoolResult | TeamResult>,
	done: string
) {
	return async ({ request, locals }: RequestEvent) => {
		const parsed = parseForm(poolSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await locals.db((tx) => verb(tx, parsed.value.organisationId));
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { done };
	};
}

export const actions: Actions = {
	accept: poolAction(acceptInvitation, 'accepted'),
	decline: poolAction(leavePool, 'declined'),
	leave: poolAction(leavePool, 'left'),
	acceptCoordinator: poolAction(acceptCoordinatorInvitation, 'coordinator_accepted'),
	declineCoordinator: poolAction(declineCoordinatorInvitation, 'coordinator_declined')
};
