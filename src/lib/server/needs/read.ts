// Reading needs for the pages that show them. Runs as the person: RLS decides what is visible.
import type { Queryable } from '../db/types.ts';
import { expirePastNeeds } from './expiry.ts';

export interface NeedDetail {
	id: string;
	organisationId: string;
	organisationName: string;
	title: string;
	description: string;
	category: string;
	targetGroup: string;
	hours: number;
	cadence: 'one_off' | 'monthly';
	startsOn: string;
	endsOn: string | null;
	remote: boolean;
	districtName: string | null;
	helpersWanted: number;
	requires72a: boolean;
	status: string;
	/** Why the town sent it back, and when (yyyy-mm-dd, Europe/Berlin); null unless it was. */
	sentBackReason: string | null;
	sentBackOn: string | null;
}

export async function readNeed(tx: Queryable, needId: string): Promise<NeedDetail | null> {
	// Made at once, expiry first: the client sends them in order, so the read sees the expiry (and
	// a handle from `together` sends both in one round trip).
	const [, { rows }] = await Promise.all([
		expirePastNeeds(tx),
		tx.query<NeedDetail>('select * from app.need_detail($1)', [needId])
	]);
	return rows[0] ?? null;
}

/** How a need came to wait for its town: first posted, back after the town sent it back, or changed after approval. */
export type NeedArrival = 'new' | 'resubmitted' | 'changed';

export interface NeedAwaitingTown {
	id: string;
	title: string;
	description: string;
	organisationName: string;
	category: string;
	targetGroup: string;
	hours: number;
	cadence: 'one_off' | 'monthly';
	startsOn: string;
	endsOn: string | null;
	remote: boolean;
	districtName: string | null;
	helpersWanted: number;
	requires72a: boolean;
	/** Calendar date (Europe/Berlin) of the last change, 'yyyy-mm-dd'. */
	changedOn: string;
	arrival: NeedArrival;
	/** The town's earlier reason, when it sent the need back before. */
	sentBackReason: string | null;
	/** When the town last approved it, for a need changed since. */
	approvedOn: string | null;
	/** The person posted it or coordinates its organisation: someone else decides (four eyes). */
	own: boolean;
}

/**
 * Needs of the town waiting for its approval, oldest change first, for its municipal
 * coordinators (RLS shows them only the towns they govern).
 */
export async function needsAwaitingTown(
	tx: Queryable,
	municipalityId: string
): Promise<NeedAwaitingTown[]> {
	const { rows } = await tx.query<NeedAwaitingTown>(
		`select n.id, n.title, n.description, o.name as "organisationName", n.category,
		        n.target_group as "targetGroup", n.hours, n.cadence, n.starts_on as "startsOn",
		        n.ends_on as "endsOn", n.remote, d.name as "districtName",
		        n.helpers_wanted as "helpersWanted", n.requires_72a as "requires72a",
		        to_char(n.updated_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "changedOn",
		        case when n.sent_back_at is not null then 'resubmitted'
		             when a.approved_at is not null then 'changed' else 'new' end as arrival,
		        n.sent_back_reason as "sentBackReason",
		        to_char(a.approved_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "approvedOn",
		        coalesce(n.created_by = (select auth.uid())
		         or n.organisation_id in (select private.coordinated_organisation_ids()), false) as own
		 from needs n
		 join organisations o on o.id = n.organisation_id
		 left join districts d on d.id = n.district_id
		 left join lateral (select max(e.occurred_at) as approved_at from involvement_events e
		                    where e.need_id = n.id and e.kind = 'need_approved') a on true
		 where n.municipality_id = $1 and n.status = 'pending_approval'
		 order by n.updated_at, n.id`,
		[municipalityId]
	);
	return rows;
}
