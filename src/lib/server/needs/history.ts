// A need's history for its coordinators: the ledger's events about it, oldest first, with who
// acted where row-level security lets the reader see that person's name.
import type { Queryable } from '../db/types.ts';

export interface NeedEvent {
	id: number;
	kind: string;
	/** Local time in Europe/Berlin, 'YYYY-MM-DDTHH:mm'. */
	occurredAt: string;
	/** Null when the reader may not see the person (or the person deleted their account). */
	actorName: string | null;
	/** The helper the event concerns, where the reader may see them. */
	helperName: string | null;
	municipalRole: string | null;
}

/** The need's events the reader may see, oldest first (app.need_history, under their RLS). */
export async function needHistory(tx: Queryable, needId: string): Promise<NeedEvent[]> {
	const { rows } = await tx.query<NeedEvent>('select * from app.need_history($1)', [needId]);
	return rows;
}
