// Reading matches for the pages that list them. Runs as the person: RLS decides what is visible.
import type { Queryable } from '../db/types.ts';

export interface NeedMatch {
	id: string;
	helperName: string;
	status: string;
	initiatedBy: string;
	score: number | null;
	endReason: string | null;
}

/** The matches of one need, oldest first, for its coordinators. */
export async function matchesOfNeed(tx: Queryable, needId: string): Promise<NeedMatch[]> {
	const { rows } = await tx.query<NeedMatch>(
		`select m.id, coalesce(p.display_name, '–') as "helperName", m.status,
		        m.initiated_by as "initiatedBy", m.score, m.end_reason as "endReason"
		 from matches m left join profiles p on p.id = m.helper_id
		 where m.need_id = $1
		 order by m.created_at`,
		[needId]
	);
	return rows;
}

export interface NeedMatchWithContacts extends NeedMatch {
	/** The helper's contact while the match is active (see matchContacts); empty otherwise. */
	contacts: MatchContact[];
}

/** The matches of one need with the contacts of the active ones, in one statement. */
export async function matchesOfNeedWithContacts(
	tx: Queryable,
	needId: string
): Promise<NeedMatchWithContacts[]> {
	// app.need_matches: the statement as a function with a kept plan.
	const { rows } = await tx.query<NeedMatchWithContacts>('select * from app.need_matches($1)', [
		needId
	]);
	return rows;
}

export interface MyMatch {
	id: string;
	needId: string;
	needTitle: string;
	organisationName: string;
	status: string;
	initiatedBy: string;
	helperAccepted: boolean;
	/** Calendar dates in Europe/Berlin, 'yyyy-mm-dd'. */
	activatedOn: string | null;
	endedOn: string | null;
	endReason: string | null;
}

/** The signed-in helper's own matches, open ones first, each group newest first. */
export async function myMatches(tx: Queryable, personId: string): Promise<MyMatch[]> {
	const { rows } = await tx.query<MyMatch>(
		`select m.id, n.id as "needId", n.title as "needTitle", o.name as "organisationName", m.status,
		        m.initiated_by as "initiatedBy", m.helper_accepted_at is not null as "helperAccepted",
		        to_char(m.activated_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "activatedOn",
		        to_char(m.ended_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "endedOn", m.end_reason as "endReason"
		 from matches m
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = m.organisation_id
		 where m.helper_id = $1
		 order by m.status in ('completed', 'declined', 'withdrawn'), m.created_at desc`,
		[personId]
	);
	return rows;
}

export interface HelperAtAGlance {
	hasOffer: boolean;
	/** Proposals waiting for the helper's answer. */
	toAnswer: number;
}

/** What the helper's needs page shows besides the needs, in one statement. */
export async function helperAtAGlance(tx: Queryable, personId: string): Promise<HelperAtAGlance> {
	const { rows } = await tx.query<HelperAtAGlance>('select * from app.helper_glance($1)', [
		personId
	]);
	return rows[0]!;
}

export interface MatchContact {
	side: 'organisation' | 'coordinator' | 'helper';
	displayName: string;
	email: string | null;
	phone: string | null;
}

/**
 * The other side of an active match: for its helper the organisation and its coordinators, for
 * the coordinators the helper. Empty for anyone else and once the match is no longer active.
 */
export async function matchContacts(tx: Queryable, matchId: string): Promise<MatchContact[]> {
	const { rows } = await tx.query<MatchContact>(
		`select side, display_name as "displayName", email, phone from app.match_contacts($1)`,
		[matchId]
	);
	return rows;
}

export interface MatchAwaitingTown {
	id: string;
	needId: string;
	needTitle: string;
	targetGroup: string;
	organisationName: string;
	helperName: string;
	initiatedBy: string;
	/** Calendar date (Europe/Berlin) both sides had said yes, 'yyyy-mm-dd'. */
	acceptedOn: string;
	requires72a: boolean;
	/** Whether a valid §72a inspection counts for it; null where the need requires none. */
	inspectionValid: boolean | null;
	/** The person helps in it, proposed it or coordinates its organisation: someone else decides. */
	own: boolean;
}

/**
 * Matches of the town waiting for its approval (children and youth of nonprofits, where the
 * town's policy says so), oldest first. The town sees the helper's display name and whether the
 * §72a rule holds — never the inspection record or contact details.
 */
export async function matchesAwaitingTown(
	tx: Queryable,
	municipalityId: string
): Promise<MatchAwaitingTown[]> {
	const { rows } = await tx.query<MatchAwaitingTown>(
		`select m.id, n.id as "needId", n.title as "needTitle", n.target_group as "targetGroup",
		        o.name as "organisationName", coalesce(p.display_name, '–') as "helperName",
		        m.initiated_by as "initiatedBy",
		        to_char(greatest(m.helper_accepted_at, m.organisation_accepted_at) at time zone 'Europe/Berlin',
		                'YYYY-MM-DD') as "acceptedOn",
		        n.requires_72a as "requires72a",
		        private.town_match_inspection_valid(m.id) as "inspectionValid",
		        coalesce(m.helper_id = (select auth.uid()) or m.proposed_by = (select auth.uid())
		         or m.organisation_id in (select private.coordinated_organisation_ids()), false) as own
		 from matches m
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = m.organisation_id
		 left join profiles p on p.id = m.helper_id
		 where m.municipality_id = $1 and m.status = 'pending_approval'
		 order by m.updated_at, m.id`,
		[municipalityId]
	);
	return rows;
}

export interface OrganisationMatch {
	id: string;
	needId: string;
	needTitle: string;
	helperName: string;
	status: string;
	/** Calendar dates in Europe/Berlin, 'yyyy-mm-dd'. */
	activatedOn: string | null;
	endedOn: string | null;
	endReason: string | null;
}

/** The organisation's matches for its board: open ones first, each group newest first. */
export async function matchesOfOrganisation(
	tx: Queryable,
	organisationId: string
): Promise<OrganisationMatch[]> {
	const { rows } = await tx.query<OrganisationMatch>(
		`select m.id, n.id as "needId", n.title as "needTitle", coalesce(p.display_name, '–') as "helperName",
		        m.status,
		        to_char(m.activated_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "activatedOn",
		        to_char(m.ended_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "endedOn",
		        m.end_reason as "endReason"
		 from matches m
		 join needs n on n.id = m.need_id
		 left join profiles p on p.id = m.helper_id
		 where m.organisation_id = $1
		 order by m.status in ('completed', 'declined', 'withdrawn'), coalesce(m.ended_at, m.created_at) desc`,
		[organisationId]
	);
	return rows;
}
