// A team of coordinators: who coordinates an organisation, the invitations not answered yet, and
// the verbs (invite, resend, withdraw, remove; the invited person accepts or declines). Each verb
// is one database function run as the person: it decides who may, and that an organisation never
// loses its last active coordinator.
import { TEAM_ERROR_CODES, type TeamErrorCode } from '../../domain/errors.ts';
import type { CoordinatorInvite } from '../../schemas/onboarding.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export type TeamResult = VerbResult<TeamErrorCode>;

const nothing = () => ({});

export interface Coordinator {
	membershipId: string;
	personId: string;
	displayName: string;
	since: string;
}

export interface CoordinatorInvitation {
	id: string;
	organisationId: string;
	email: string;
	invitedOn: string;
	lastSentOn: string;
}

/** Open coordinator invitations of the organisations given (RLS shows only those the person may read). */
export async function openCoordinatorInvitations(
	tx: Queryable,
	organisationIds: string[]
): Promise<CoordinatorInvitation[]> {
	const { rows } = await tx.query<CoordinatorInvitation>(
		`select i.id, i.organisation_id as "organisationId", i.email,
		        to_char(i.created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "invitedOn",
		        to_char(i.last_sent_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "lastSentOn"
		 from coordinator_invitations i
		 left join memberships ms on ms.id = i.membership_id
		 where i.organisation_id = any($1::uuid[]) and (i.membership_id is null or ms.status = 'invited')
		 order by i.created_at, i.id`,
		[organisationIds]
	);
	return rows;
}

export interface Team {
	coordinators: Coordinator[];
	invitations: CoordinatorInvitation[];
}

/** The organisation's active coordinators and open invitations, for one of its coordinators. */
export async function teamOverview(tx: Queryable, organisationId: string): Promise<Team> {
	const { rows } = await tx.query<Coordinator>(
		`select ms.id as "membershipId", ms.person_id as "personId", p.display_name as "displayName",
		        to_char(ms.created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as since
		 from memberships ms join profiles p on p.id = ms.person_id
		 where ms.organisation_id = $1 and ms.role = 'coordinator' and ms.status = 'active'
		 order by p.display_name, ms.id`,
		[organisationId]
	);
	return {
		coordinators: rows,
		invitations: await openCoordinatorInvitations(tx, [organisationId])
	};
}

/** Invites an address to coordinate the organisation; `origin` is the site's address for the link. */
export function inviteCoordinator(
	tx: Queryable,
	organisationId: string,
	input: CoordinatorInvite,
	origin: string
): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.invite_coordinator($1, $2, $3, $4) as v',
		[organisationId, input.email, input.locale, origin],
		nothing
	);
}

export function resendCoordinatorInvitation(
	tx: Queryable,
	invitationId: string,
	origin: string
): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.resend_coordinator_invitation($1, $2) as v',
		[invitationId, origin],
		nothing
	);
}

export function withdrawCoordinatorInvitation(
	tx: Queryable,
	invitationId: string
): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.withdraw_coordinator_invitation($1) as v',
		[invitationId],
		nothing
	);
}

/** Removes a coordinator (oneself too); never the organisation's last active one. */
export function removeCoordinator(tx: Queryable, membershipId: string): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.remove_coordinator($1) as v',
		[membershipId],
		nothing
	);
}

/** The invited person accepts: they coordinate the organisation from now on. */
export function acceptCoordinatorInvitation(
	tx: Queryable,
	organisationId: string
): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.accept_coordinator_invitation($1) as v',
		[organisationId],
		nothing
	);
}

/** The invited person declines: the invitation is gone, nothing about it stays. */
export function declineCoordinatorInvitation(
	tx: Queryable,
	organisationId: string
): Promise<TeamResult> {
	return runVerb(
		tx,
		TEAM_ERROR_CODES,
		'select app.decline_coordinator_invitation($1) as v',
		[organisationId],
		nothing
	);
}
