// Reading needs for the pages that show one. Runs as the person: RLS decides what is visible.
import type { Queryable } from '../db/types.ts';

export interface NeedDetail {
	id: string;
	organisationId: string;
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
}

export interface NeedMatch {
	id: string;
	helperName: string;
	status: string;
	initiatedBy: string;
	score: number | null;
}

export async function readNeed(tx: Queryable, needId: string): Promise<NeedDetail | null> {
	const { rows } = await tx.query<NeedDetail>(
		`select n.id, n.organisation_id as "organisationId", n.title, n.description, n.category,
		        n.target_group as "targetGroup", n.hours, n.cadence, n.starts_on as "startsOn",
		        n.ends_on as "endsOn", n.remote, d.name as "districtName",
		        n.helpers_wanted as "helpersWanted", n.requires_72a as "requires72a", n.status
		 from needs n left join districts d on d.id = n.district_id
		 where n.id = $1`,
		[needId]
	);
	return rows[0] ?? null;
}

export async function matchesOfNeed(tx: Queryable, needId: string): Promise<NeedMatch[]> {
	const { rows } = await tx.query<NeedMatch>(
		`select m.id, coalesce(p.display_name, '–') as "helperName", m.status,
		        m.initiated_by as "initiatedBy", m.score
		 from matches m left join profiles p on p.id = m.helper_id
		 where m.need_id = $1
		 order by m.created_at`,
		[needId]
	);
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
}

/** The signed-in helper's own matches, newest first. */
export async function myMatches(tx: Queryable, personId: string): Promise<MyMatch[]> {
	const { rows } = await tx.query<MyMatch>(
		`select m.id, n.id as "needId", n.title as "needTitle", o.name as "organisationName", m.status,
		        m.initiated_by as "initiatedBy", m.helper_accepted_at is not null as "helperAccepted"
		 from matches m
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = m.organisation_id
		 where m.helper_id = $1 and m.status in ('proposed', 'requested', 'pending_approval', 'active')
		 order by m.created_at desc`,
		[personId]
	);
	return rows;
}
