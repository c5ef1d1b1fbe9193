// Reading a helper's offer. Runs as the person: RLS decides what is visible.
import type { Queryable } from '../db/types.ts';
import { parseWeekWindows, type WeekWindow } from '../../domain/matching/windows.ts';

/** True when the person has a standing offer to help. */
export async function hasOffer(tx: Queryable, personId: string): Promise<boolean> {
	const { rows } = await tx.query('select 1 from offers where helper_id = $1', [personId]);
	return rows.length > 0;
}

export interface Offer {
	municipalityId: string;
	categories: string[];
	targetGroups: string[];
	hoursPerMonth: number;
	availability: WeekWindow[] | null;
	districtId: string | null;
	lat: number | null;
	lng: number | null;
	radiusKm: number;
	remoteOk: boolean;
	languages: string[];
	pausedUntil: string | null;
}

/** The person's own offer, or null. */
export async function readOffer(tx: Queryable, personId: string): Promise<Offer | null> {
	const { rows } = await tx.query<Omit<Offer, 'availability'> & { availability: string | null }>(
		`select municipality_id as "municipalityId", categories::text[] as categories,
		        target_groups::text[] as "targetGroups", hours_per_month::float8 as "hoursPerMonth",
		        availability::text as availability, home_district_id as "districtId", home_lat as lat,
		        home_lng as lng, radius_km::float8 as "radiusKm", remote_ok as "remoteOk", languages,
		        paused_until::text as "pausedUntil"
		 from offers where helper_id = $1`,
		[personId]
	);
	const row = rows[0];
	return row ? { ...row, availability: parseWeekWindows(row.availability) } : null;
}

/** How many open needs fit the person's offer now (counted up to 500). */
export async function fittingNeedCount(tx: Queryable): Promise<number> {
	const { rows } = await tx.query<{ n: number }>(
		'select count(*)::int as n from public.bookable_fitting_needs(500)'
	);
	return rows[0]?.n ?? 0;
}
