// An organisation's candidate lists scored on this thread, need by need: the batch plan reads the
// same rows (organisationCandidateRows) and scores them in the solver's worker (plan-input.ts).
// The tests compare these lists with the per-need path (candidatesForNeed) and across parts; and
// the raw lists, unpacked to rows (listedRows), with bookable_need_candidates' rows.
import type { Queryable } from '../../src/lib/server/db/types.ts';
import { expirePastNeeds } from '../../src/lib/server/needs/expiry.ts';
import { explainScore, type Locale } from '../../src/lib/domain/matching/explain.ts';
import {
	organisationCandidateRows,
	type RankedCandidate
} from '../../src/lib/server/matching/candidates.ts';
import { scoreRow, type ScoredCandidate } from '../../src/lib/server/matching/plan-input.ts';

/**
 * Every open need's candidates (of the part), scored and cut, not explained. Needs without
 * candidates are absent. The caller expires past needs first.
 */
export async function scoredForOrganisation(
	tx: Queryable,
	organisationId: string,
	limit = 50,
	{ part, parts }: { part: number; parts: number } = { part: 0, parts: 1 }
): Promise<Map<string, ScoredCandidate[]>> {
	const rows = await organisationCandidateRows(tx, organisationId, limit, { part, parts });
	return new Map(rows.map((row) => [row.need_id, scoreRow(row, limit)]));
}

/** scoredForOrganisation with each candidate explained: the lists candidatesForNeed gives need by need. */
export async function candidatesForOrganisation(
	tx: Queryable,
	organisationId: string,
	locale: Locale,
	limit = 50
): Promise<Map<string, RankedCandidate[]>> {
	await expirePastNeeds(tx);
	const scored = await scoredForOrganisation(tx, organisationId, limit);
	return new Map(
		[...scored].map(([needId, list]) => [
			needId,
			list.map((c) => ({ ...c, explanation: explainScore(c.parts, locale) }))
		])
	);
}

/** The columns of bookable_need_candidates, in order: a list's tuples hold them so. */
const COLUMNS = [
	'helper_id',
	'display_name',
	'distance_km',
	'remaining_hours',
	'capacity',
	'windows_fit',
	'windows_overlap',
	'speaks_preferred',
	'helped_org_before',
	'total_matches',
	'committed_this_month'
] as const;
/** numeric arrives as text from a row and as a number from JSON: compared as numbers. */
const NUMERIC = new Set(['remaining_hours', 'capacity', 'committed_this_month']);

export type Row = Record<string, unknown>;
export const normal = (row: Row): Row =>
	Object.fromEntries(
		COLUMNS.map((c) => [c, NUMERIC.has(c) && row[c] !== null ? Number(row[c]) : row[c]])
	);

/** An organisation's lists (of a part), unpacked: a row per candidate with its need, in order. */
export async function listedRows(
	tx: Queryable,
	organisation: string,
	part = 0,
	parts = 1
): Promise<(Row & { need_id: string })[]> {
	const { rows } = await tx.query<{ need_id: string; candidates: string }>(
		'select need_id, candidates from public.bookable_organisation_candidate_lists($1, 100000, $2, $3) order by need_id',
		[organisation, part, parts]
	);
	return rows.flatMap((r) =>
		(JSON.parse(r.candidates) as unknown[][]).map((tuple) => ({
			need_id: r.need_id,
			...normal(Object.fromEntries(COLUMNS.map((c, i) => [c, tuple[i]])))
		}))
	);
}
