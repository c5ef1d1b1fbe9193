// A coordinator's verbs on their organisation's needs: post (or keep as a draft), edit, cancel,
// complete. Each is one statement as the person under RLS; the database decides the rest (the
// town's approval, no change under active matches, closed stays closed, the district's town,
// dates already passed) and a refusal comes back as a typed result with nothing written.
import type { ErrorCode } from '../../domain/errors.ts';
import { toMultirange } from '../../domain/offer/slots.ts';
import type { NeedInput } from '../../schemas/need.ts';
import type { Queryable } from '../db/types.ts';
import { noteRefusal } from '../http/refusals.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

/** The refusals of the needs table's guards and policies (needs migrations). */
export const NEED_WRITE_ERROR_CODES = [
	'not_allowed',
	'need_not_found',
	'need_closed',
	'need_status_not_allowed',
	'need_requires_municipal_approval',
	'need_has_matches',
	'need_in_past',
	'district_outside_town'
] as const satisfies readonly ErrorCode[];
export type NeedWriteErrorCode = (typeof NEED_WRITE_ERROR_CODES)[number];
export type NeedWriteResult<T extends object = object> = VerbResult<NeedWriteErrorCode, T>;

const COLUMNS = `title, description, category, target_group, hours, cadence, starts_on, ends_on,
	time_windows, district_id, lat, lng, remote, required_languages, preferred_languages,
	helpers_wanted, requires_72a`;

/** Whether a need of the organisation waits for its town before it opens (the town's policy). */
export async function needsTownApproval(tx: Queryable, organisationId: string): Promise<boolean> {
	const { rows } = await tx.query<{ v: boolean | null }>(
		'select private.need_requires_approval($1) as v',
		[organisationId]
	);
	// Stryker disable next-line OptionalChaining: select f() always gives one row
	return rows[0]?.v === true;
}

interface PlaceColumns {
	districtId: string | null;
	lat: number | null;
	lng: number | null;
	remote: boolean;
}

/** The place as columns: a district stands at its centre, a point keeps its (rounded) spot. */
async function placeColumns(tx: Queryable, place: NeedInput['place']): Promise<PlaceColumns> {
	if (place.kind === 'remote') return { districtId: null, lat: null, lng: null, remote: true };
	if (place.kind === 'point')
		return { districtId: place.districtId, lat: place.lat, lng: place.lng, remote: false };
	const { rows } = await tx.query<{ lat: number; lng: number }>(
		'select centre_lat as lat, centre_lng as lng from districts where id = $1',
		[place.districtId]
	);
	// An unknown district has no centre: the database refuses it as outside the town.
	return {
		districtId: place.districtId,
		lat: rows[0]?.lat ?? 0,
		lng: rows[0]?.lng ?? 0,
		remote: false
	};
}

function values(input: NeedInput, place: PlaceColumns) {
	return [
		input.title,
		input.description,
		input.category,
		input.targetGroup,
		input.hours,
		input.cadence,
		input.startsOn,
		input.endsOn,
		toMultirange(input.timeWindows),
		place.districtId,
		place.lat,
		place.lng,
		place.remote,
		input.requiredLanguages,
		input.preferredLanguages,
		input.helpersWanted,
		input.requires72a
	];
}
const PLACEHOLDERS = `$2, $3, $4::need_category, $5::target_group, $6, $7::need_cadence, $8::date, $9::date,
	$10::int4multirange, $11::uuid, $12::float8, $13::float8, $14, $15::text[], $16::text[], $17, $18`;

/**
 * Creates a need of the organisation: a draft, or posted — open, or waiting for the town where
 * its policy says so.
 */
export async function createNeed(
	tx: Queryable,
	organisationId: string,
	input: NeedInput
): Promise<NeedWriteResult<{ id: string; status: string }>> {
	const status =
		input.intent === 'draft'
			? 'draft'
			: (await needsTownApproval(tx, organisationId))
				? 'pending_approval'
				: 'open';
	const place = await placeColumns(tx, input.place);
	try {
		return await runVerb(
			tx,
			NEED_WRITE_ERROR_CODES,
			`insert into needs (organisation_id, ${COLUMNS}, status)
		 values ($1, ${PLACEHOLDERS}, $19::need_status)
		 returning json_build_object('id', id, 'status', status) as v`,
			[organisationId, ...values(input, place), status],
			(v) => v as { id: string; status: string }
		);
	} catch (error) {
		// Row-level security: not a coordinator of this organisation (runVerb rolled back).
		if ((error as { code?: string }).code === '42501')
			return { ok: false, code: noteRefusal('write need', 'not_allowed') };
		throw error;
	}
}

/**
 * Changes a need. The place is rewritten only when the coordinator changed it, so an untouched
 * district keeps its point (and a title change stays a title change). A draft is posted with
 * intent 'post'; the database sends a substantive change back to the town where it must approve.
 */
export async function updateNeed(
	tx: Queryable,
	needId: string,
	input: NeedInput
): Promise<NeedWriteResult<{ status: string }>> {
	const { rows } = await tx.query<{
		organisationId: string;
		status: string;
		districtId: string | null;
		lat: number | null;
		lng: number | null;
		remote: boolean;
	}>(
		`select organisation_id as "organisationId", status, district_id as "districtId", lat, lng, remote
		 from needs where id = $1`,
		[needId]
	);
	const before = rows[0];
	if (!before) return { ok: false, code: 'need_not_found' };
	let place = await placeColumns(tx, input.place);
	// A point is written as given (the database rounds it only when it moved); a district or
	// remote left as it was keeps what is stored, e.g. a point inside the district.
	const samePlace =
		(input.place.kind === 'remote' && before.remote) ||
		(input.place.kind === 'district' &&
			!before.remote &&
			before.districtId === input.place.districtId);
	if (samePlace)
		place = {
			districtId: before.districtId,
			lat: before.lat,
			lng: before.lng,
			remote: before.remote
		};
	let status = before.status;
	if (before.status === 'draft' && input.intent === 'post')
		status = (await needsTownApproval(tx, before.organisationId)) ? 'pending_approval' : 'open';
	const result = await runVerb(
		tx,
		NEED_WRITE_ERROR_CODES,
		`update needs set (${COLUMNS}, status) = (${PLACEHOLDERS}, $19::need_status)
		 where id = $1 returning status as v`,
		[needId, ...values(input, place), status],
		(v) => ({ status: v as string })
	);
	// RLS hides or refuses the row of an organisation the person does not coordinate.
	if (result.ok && result.status === undefined) return { ok: false, code: 'not_allowed' };
	return result;
}

async function setStatus(
	tx: Queryable,
	needId: string,
	status: 'cancelled' | 'completed'
): Promise<NeedWriteResult> {
	const result = await runVerb(
		tx,
		NEED_WRITE_ERROR_CODES,
		'update needs set status = $2::need_status where id = $1 returning true as v',
		[needId, status],
		(v) => ({ done: v === true })
	);
	if (result.ok && !result.done) return { ok: false, code: 'not_allowed' };
	return result.ok ? { ok: true } : result;
}

/** Cancels a need nobody is committed to (need_has_matches otherwise). */
export function cancelNeed(tx: Queryable, needId: string): Promise<NeedWriteResult> {
	return setStatus(tx, needId, 'cancelled');
}

/** Completes a need once its helpers were found (need_status_not_allowed before). */
export function completeNeed(tx: Queryable, needId: string): Promise<NeedWriteResult> {
	return setStatus(tx, needId, 'completed');
}
