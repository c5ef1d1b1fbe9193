// Writing a helper's offer as the person: one insert or update under RLS. The database rounds a
// home point to the ~500 m grid and refuses another town's district or fewer hours than already
// committed; a refusal comes back as a typed result with nothing written.
import type { ErrorCode } from '../../domain/errors.ts';
import { toMultirange } from '../../domain/offer/slots.ts';
import type { OfferInput } from '../../schemas/offer.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

/** The refusals of the offer guard (offers migration). */
export const OFFER_ERROR_CODES = [
	'district_outside_town',
	'offer_below_committed',
	'offer_has_matches'
] as const satisfies readonly ErrorCode[];
export type OfferErrorCode = (typeof OFFER_ERROR_CODES)[number];
export type SaveOfferResult = VerbResult<OfferErrorCode, { created: boolean }>;

const COLUMNS = `municipality_id, categories, target_groups, hours_per_month, availability,
	home_district_id, home_lat, home_lng, radius_km, remote_ok, languages, paused_until`;

/** Creates the person's offer or replaces its contents. */
export async function saveOffer(
	tx: Queryable,
	personId: string,
	input: OfferInput
): Promise<SaveOfferResult> {
	// Stryker disable next-line ObjectLiteral: node-pg sends a missing coordinate as null too
	let point: { lat: number | null; lng: number | null } = { lat: null, lng: null };
	let districtId: string | null = null;
	if (input.home.kind === 'district') {
		// The district's centre stands in for the home area; its town is the database's to check.
		const { rows } = await tx.query<{ lat: number; lng: number }>(
			'select centre_lat as lat, centre_lng as lng from districts where id = $1',
			[input.home.districtId]
		);
		if (!rows[0]) return { ok: false, code: 'district_outside_town' };
		point = rows[0];
		districtId = input.home.districtId;
	}
	if (input.home.kind === 'point') point = { lat: input.home.lat, lng: input.home.lng };
	const values = [
		personId,
		input.municipalityId,
		input.categories,
		input.targetGroups,
		input.hoursPerMonth,
		toMultirange(input.availability),
		districtId,
		point.lat,
		point.lng,
		input.radiusKm,
		input.remoteOk,
		input.languages,
		input.pausedUntil
	];
	const { rows } = await tx.query('select 1 from offers where helper_id = $1', [personId]);
	const created = rows.length === 0;
	const sql = created
		? `insert into offers (helper_id, ${COLUMNS})
		   values ($1, $2, $3::need_category[], $4::target_group[], $5, $6::int4multirange, $7, $8, $9, $10, $11, $12, $13)`
		: `update offers set (${COLUMNS}) =
		     ($2, $3::need_category[], $4::target_group[], $5, $6::int4multirange, $7, $8, $9, $10, $11, $12, $13)
		   where helper_id = $1`;
	return runVerb(tx, OFFER_ERROR_CODES, sql, values, () => ({ created }));
}
