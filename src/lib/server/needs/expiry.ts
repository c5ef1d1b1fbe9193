// Needs whose dates have passed become 'expired' (no longer matchable). The database does it
// for every town in one idempotent call; reads of needs call it first, so what a page shows and
// what the candidate lists offer is never a need whose last day has gone.
import type { Queryable } from '../db/types.ts';
import { oncePerTransaction } from '../db/person.ts';

/**
 * Marks every open or waiting need whose last day has passed as expired; returns how many. Once
 * per transaction or reading request (oncePerTransaction): a second call would find nothing new.
 */
export function expirePastNeeds(tx: Queryable): Promise<number> {
	// Stryker disable next-line StringLiteral: the key only has to differ from other callers' (there are none)
	return oncePerTransaction(tx, 'expire-past-needs', async () => {
		const { rows } = await tx.query<{ n: number }>('select app.expire_due_needs() as n');
		// Stryker disable next-line OptionalChaining: select f() always gives one row
		return rows[0]?.n ?? 0;
	});
}
