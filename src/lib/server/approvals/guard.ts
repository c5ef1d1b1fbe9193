// Route guard for the approval queue: the organisation guard first (404 unknown or not one's
// own), then 403 for a nonprofit (the town decides, not its nonprofits) and 404 for an office
// whose town approves nothing.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { CoordinatedOrganisation } from '../organisations/coordination.ts';
import { logRefusal } from '../http/refusals.ts';
import { requireCoordinator } from '../organisations/guard.ts';
import { townApprovals, type TownApprovals } from './queue.ts';

export async function requireTownApprover(
	locals: App.Locals,
	organisationId: string
): Promise<{ organisation: CoordinatedOrganisation; town: TownApprovals }> {
	const organisation = await requireCoordinator(locals, organisationId);
	const refuse = () => {
		logRefusal(`approval queue of nonprofit ${organisation.id}`);
		return error(403, m.approvals_error_not_municipal());
	};
	// Stryker disable next-line ConditionalExpression: without it townApprovals is null for a nonprofit, refused the same way
	if (organisation.kind !== 'municipal') return refuse();
	const town = await locals.db((tx) => townApprovals(tx, organisation.id));
	if (!town) return refuse();
	if (!town.needsPolicy && !town.matchesPolicy && town.pending === 0) {
		error(404, m.approvals_error_no_policy({ town: organisation.municipalityName }));
	}
	return { organisation, town };
}
