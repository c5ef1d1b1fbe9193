// A coordinator's verbs on their organisation's pool. Invitations go through the database verbs
// (app.invite_to_pool, …: the address may have no account yet, and the mail is written in the
// same transaction); the member actions are plain writes as the person, which the memberships
// and pool_notes policies decide, scoped here to the organisation of the page.
import { POOL_INVITATION_ERROR_CODES, type PoolInvitationErrorCode } from '../../domain/errors.ts';
import type { PoolInvite, PoolNote } from '../../schemas/pool.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export type InvitationResult = VerbResult<PoolInvitationErrorCode>;

const nothing = () => ({});

/** Invites an address (mail in `input.locale` unless it has an account); `origin` is the site's address for the link. */
export function inviteToPool(
	tx: Queryable,
	organisationId: string,
	input: PoolInvite,
	origin: string
): Promise<InvitationResult> {
	return runVerb(
		tx,
		POOL_INVITATION_ERROR_CODES,
		'select app.invite_to_pool($1, $2, $3, $4) as v',
		[organisationId, input.email, input.locale, origin],
		nothing
	);
}

export function resendInvitation(
	tx: Queryable,
	invitationId: string,
	origin: string
): Promise<InvitationResult> {
	return runVerb(
		tx,
		POOL_INVITATION_ERROR_CODES,
		'select app.resend_pool_invitation($1, $2) as v',
		[invitationId, origin],
		nothing
	);
}

export function withdrawInvitation(tx: Queryable, invitationId: string): Promise<InvitationResult> {
	return runVerb(
		tx,
		POOL_INVITATION_ERROR_CODES,
		'select app.withdraw_pool_invitation($1) as v',
		[invitationId],
		nothing
	);
}

/** False when the membership is not an active or paused helper's in the organisation (or RLS hid it). */
export type MemberActionResult = { ok: true } | { ok: false };

const inPool = `organisation_id = $2 and role = 'helper' and status in ('active', 'paused')`;

async function touched(tx: Queryable, sql: string, params: unknown[]): Promise<MemberActionResult> {
	const { rowCount } = await tx.query(sql, params);
	return { ok: rowCount === 1 };
}

export function setVerified(
	tx: Queryable,
	organisationId: string,
	membershipId: string,
	verified: boolean
): Promise<MemberActionResult> {
	return touched(
		tx,
		`update memberships set verified_at = case when $3 then coalesce(verified_at, now()) end
		 where id = $1 and ${inPool}`,
		[membershipId, organisationId, verified]
	);
}

export function setPaused(
	tx: Queryable,
	organisationId: string,
	membershipId: string,
	paused: boolean
): Promise<MemberActionResult> {
	return touched(tx, `update memberships set status = $3 where id = $1 and ${inPool}`, [
		membershipId,
		organisationId,
		paused ? 'paused' : 'active'
	]);
}

/** Removes a helper from the pool: the membership goes, and its note with it. */
export function removeMember(
	tx: Queryable,
	organisationId: string,
	membershipId: string
): Promise<MemberActionResult> {
	return touched(tx, `delete from memberships where id = $1 and ${inPool}`, [
		membershipId,
		organisationId
	]);
}

/** Writes the note on a pool member; an empty note deletes it. */
export async function saveNote(
	tx: Queryable,
	organisationId: string,
	input: PoolNote
): Promise<MemberActionResult & { deleted?: boolean }> {
	// Never a note on oneself (the policy refuses it): answered as "not in your pool".
	const member = await tx.query(
		`select 1 from memberships where id = $1 and ${inPool} and person_id <> (select auth.uid())`,
		[input.membershipId, organisationId]
	);
	if (member.rowCount !== 1) return { ok: false };
	if (input.body === '') {
		await tx.query('delete from pool_notes where membership_id = $1 and organisation_id = $2', [
			input.membershipId,
			organisationId
		]);
		return { ok: true, deleted: true };
	}
	await tx.query(
		`insert into pool_notes (membership_id, organisation_id, body) values ($1, $2, $3)
		 on conflict (membership_id) do update set body = excluded.body`,
		[input.membershipId, organisationId, input.body]
	);
	return { ok: true };
}
