// What the need form reads: a need's stored fields (to edit them) and the districts of the
// organisation's town (to choose from). Runs as the person: RLS decides what is visible.
import { parseWeekWindows, type WeekWindow } from '../../domain/matching/windows.ts';
import type { Queryable } from '../db/types.ts';
import { expirePastNeeds } from './expiry.ts';

export interface StoredNeed {
	id: string;
	organisationId: string;
	status: string;
	title: string;
	description: string;
	category: string;
	targetGroup: string;
	hours: number;
	cadence: 'one_off' | 'monthly';
	startsOn: string;
	endsOn: string | null;
	timeWindows: WeekWindow[] | null;
	districtId: string | null;
	lat: number | null;
	lng: number | null;
	remote: boolean;
	requiredLanguages: string[];
	preferredLanguages: string[];
	helpersWanted: number;
	requires72a: boolean;
	/** Places held by matches waiting for the town or active: while any, the substance is fixed. */
	takenPlaces: number;
}

export async function readStoredNeed(tx: Queryable, needId: string): Promise<StoredNeed | null> {
	// A need whose last day has passed is shown as what it is: expired, no longer editable.
	await expirePastNeeds(tx);
	const { rows } = await tx.query<Omit<StoredNeed, 'timeWindows'> & { timeWindows: string | null }>(
		`select n.id, n.organisation_id as "organisationId", n.status, n.title, n.description, n.category,
		        n.target_group as "targetGroup", n.hours::float8 as hours, n.cadence,
		        to_char(n.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(n.ends_on, 'YYYY-MM-DD') as "endsOn",
		        n.time_windows::text as "timeWindows", n.district_id as "districtId", n.lat, n.lng, n.remote,
		        n.required_languages as "requiredLanguages", n.preferred_languages as "preferredLanguages",
		        n.helpers_wanted as "helpersWanted", n.requires_72a as "requires72a",
		        private.need_taken_places(n.id) as "takenPlaces"
		 from needs n where n.id = $1`,
		[needId]
	);
	const row = rows[0];
	if (!row) return null;
	return { ...row, timeWindows: parseWeekWindows(row.timeWindows) };
}

export interface District {
	id: string;
	name: string;
}

/** The districts of the organisation's town, by name. */
export async function districtsOfOrganisation(
	tx: Queryable,
	organisationId: string
): Promise<District[]> {
	const { rows } = await tx.query<District>(
		`select d.id, d.name from districts d
		 join organisations o on o.municipality_id = d.municipality_id
		 where o.id = $1 order by d.name`,
		[organisationId]
	);
	return rows;
}
