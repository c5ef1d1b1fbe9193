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
}

export async function readNeed(tx: Queryable, needId: string): Promise<NeedDetail | null> {
	await expirePastNeeds(tx);
	const { rows } = await tx.query<NeedDetail>(
		`select n.id, n.organisation_id as "organisationId", o.name as "organisationName", n.title, n.description, n.category,
		        n.target_group as "targetGroup", n.hours, n.cadence, n.starts_on as "startsOn",
		        n.ends_on as "endsOn", n.remote, d.name as "districtName",
		        n.helpers_wanted as "helpersWanted", n.requires_72a as "requires72a", n.status
		 from needs n
		 join organisations o on o.id = n.organisation_id
		 left join districts d on d.id = n.district_id
		 where n.id = $1`,
		[needId]
	);
	return rows[0] ?? null;
}
