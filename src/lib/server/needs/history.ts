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

export async function needHistory(tx: Queryable, needId: string): Promise<NeedEvent[]> {
	const { rows } = await tx.query<NeedEvent>(
		`select e.id::int as id, e.kind, to_char(e.occurred_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI') as "occurredAt",
		        a.display_name as "actorName",
		        h.display_name as "helperName", e.municipal_role as "municipalRole"
		 from involvement_events e
		 left join profiles a on a.id = e.actor_id
		 left join profiles h on h.id = e.helper_id
		 where e.need_id = $1
		 order by e.occurred_at, e.id`,
		[needId]
	);
	return rows;
}
