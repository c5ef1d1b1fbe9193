// An organisation's candidate lists scored on this thread, need by need: the batch plan reads the
// same rows (organisationCandidateRows) and scores them in the solver's worker (plan-input.ts).
// The tests compare these lists with the per-need path (candidatesForNeed) and across parts.
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
