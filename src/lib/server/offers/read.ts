// Reading a helper's offer. Runs as the person: RLS decides what is visible.
import type { Queryable } from '../db/types.ts';

/** True when the person has a standing offer to help. */
export async function hasOffer(tx: Queryable, personId: string): Promise<boolean> {
	const { rows } = await tx.query('select 1 from offers where helper_id = $1', [personId]);
	return rows.length > 0;
}
