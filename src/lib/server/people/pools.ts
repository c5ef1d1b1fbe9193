// A person's side of pools: accept or decline an invitation, leave a pool. Each is one database
// verb run as the person; only they can say yes to a pool, and leaving needs nobody's leave.
import { POOL_ERROR_CODES, type PoolErrorCode } from '../../domain/errors.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export type PoolResult = VerbResult<PoolErrorCode>;

const nothing = () => ({});

/** The person joins the pool they were invited to. */
export function acceptInvitation(tx: Queryable, organisationId: string): Promise<PoolResult> {
	return runVerb(
		tx,
		POOL_ERROR_CODES,
		'select app.accept_invitation($1) as v',
		[organisationId],
		nothing
	);
}

/** The person declines an invitation or leaves a pool they are in. */
export function leavePool(tx: Queryable, organisationId: string): Promise<PoolResult> {
	return runVerb(tx, POOL_ERROR_CODES, 'select app.leave_pool($1) as v', [organisationId], nothing);
}
