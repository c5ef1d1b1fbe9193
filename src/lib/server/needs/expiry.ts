// Needs whose dates have passed become 'expired' (no longer matchable). The database does it
// for every town in one idempotent call; reads of needs call it first, so what a page shows and
// what the candidate lists offer is never a need whose last day has gone.
import type { Queryable } from '../db/types.ts';

/** Marks every open or waiting need whose last day has passed as expired; returns how many. */
export async function expirePastNeeds(tx: Queryable): Promise<number> {
	const { rows } = await tx.query<{ n: number }>('select app.expire_past_needs() as n');
	return rows[0]?.n ?? 0;
}
