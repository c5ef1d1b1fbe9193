// Ranked candidate lists: the database applies every hard rule, no double booking included
// (bookable_need_candidate_facts / bookable_fitting_need_facts: bookable_need_candidates and
// bookable_fitting_needs under the person's RLS, with the need's preferred-language count); the
// pure score orders what fits and explains why.
import type { Queryable } from '../db/types.ts';
import { expirePastNeeds } from '../needs/expiry.ts';
import { explainScore, type Locale } from '../../domain/matching/explain.ts';
import type { ScorePart } from '../../domain/matching/score.ts';
import {
	byHelper,
	byScore,
	score,
	type CandidateRow,
	type FactRow,
	type RankedFacts
} from './plan-input.ts';

export interface Ranked {
	score: number;
	parts: ScorePart[];
	explanation: string[];
	facts: RankedFacts;
}

export interface RankedCandidate extends Ranked {
	helperId: string;
	displayName: string;
}

export interface RankedNeed extends Ranked {
	needId: string;
	title: string;
	organisationId: string;
	organisationName: string;
	category: string;
	targetGroup: string;
	hours: number;
	cadence: 'one_off' | 'monthly';
	startsOn: string;
	endsOn: string | null;
	remote: boolean;
}

// The database pre-orders by windows and distance; fetch a wider set so the full score decides.
const WIDEN = 4;
const MAX_FETCH = 500;

function rank(row: FactRow, preferredCount: number, locale: Locale): Ranked {
	const scored = score(row, preferredCount);
	return { ...scored, explanation: explainScore(scored.parts, locale) };
}

/** Helpers who fit the need, best first, each with score and explanation. Empty when the person may not ask. */
export async function candidatesForNeed(
	tx: Queryable,
	needId: string,
	locale: Locale,
	limit = 50
): Promise<RankedCandidate[]> {
	// Made at once, expiry first: the client sends them in order, so the read sees the expiry (and
	// a handle from `together` sends both in one round trip).
	const [, { rows }] = await Promise.all([
		expirePastNeeds(tx),
		tx.query<FactRow & { helper_id: string; display_name: string; preferred_count: number }>(
			'select * from public.bookable_need_candidate_facts($1, $2)',
			// Stryker disable next-line MethodExpression: Math.max only fetches more rows to rank (the width is a cap on work)
			[needId, Math.min(limit * WIDEN, MAX_FETCH)]
		)
	]);
	return rows
		.map((r) => ({
			helperId: r.helper_id,
			displayName: r.display_name,
			...rank(r, r.preferred_count, locale)
		}))
		.sort((a, b) => byScore(a, b) || byHelper(a, b))
		.slice(0, limit);
}

/**
 * Each open need's candidates (of the part) as bookable_organisation_candidate_lists gives them:
 * one row per need with its candidates as one JSON array of tuples, aggregated in the statement
 * (migration 20261201000400) and read as text, so neither the database nor the driver handles
 * a large organisation's 117 000 rows one by one (plan-input.ts parses and scores them in the
 * solver's worker).
 */
export async function organisationCandidateRows(
	tx: Queryable,
	organisationId: string,
	limit: number,
	{ part, parts }: { part: number; parts: number } = { part: 0, parts: 1 }
): Promise<CandidateRow[]> {
	const { rows } = await tx.query<CandidateRow>(
		'select need_id, preferred_count, candidates from public.bookable_organisation_candidate_lists($1, $2, $3, $4)',
		// Stryker disable next-line MethodExpression: Math.max only fetches more rows to rank (the width is a cap on work)
		[organisationId, Math.min(limit * WIDEN, MAX_FETCH), part, parts]
	);
	return rows;
}

/**
 * The score of one helper for one need, computed here from the database's facts: a proposal
 * stores the server's score, never one a form sent. Null when the helper is no candidate (the
 * verb then refuses with the rule they break).
 */
export async function candidateScore(
	tx: Queryable,
	needId: string,
	helperId: string
): Promise<number | null> {
	await expirePastNeeds(tx);
	const { rows } = await tx.query<FactRow & { preferred_count: number }>(
		// The pair's row of the need's list, read for that helper alone.
		'select * from public.bookable_need_candidate_facts($1, 1, $2)',
		[needId, helperId]
	);
	return rows[0] ? rank(rows[0], rows[0].preferred_count, 'de').score : null;
}

/** Open needs that fit the signed-in helper's offer, best first, each with score and explanation. */
export async function needsForHelper(
	tx: Queryable,
	locale: Locale,
	limit = 50
): Promise<RankedNeed[]> {
	// Made at once, expiry first (see candidatesForNeed).
	const [, { rows }] = await Promise.all([
		expirePastNeeds(tx),
		tx.query<
			FactRow & {
				need_id: string;
				title: string;
				organisation_id: string;
				organisation_name: string;
				category: string;
				target_group: string;
				hours: number;
				cadence: 'one_off' | 'monthly';
				starts_on: string;
				ends_on: string | null;
				remote: boolean;
				preferred_count: number;
			}
		>(
			'select * from public.bookable_fitting_need_facts($1)',
			// Stryker disable next-line MethodExpression: Math.max only fetches more rows to rank (the width is a cap on work)
			[Math.min(limit * WIDEN, MAX_FETCH)]
		)
	]);
	return rows
		.map((r) => ({
			needId: r.need_id,
			title: r.title,
			organisationId: r.organisation_id,
			organisationName: r.organisation_name,
			category: r.category,
			targetGroup: r.target_group,
			hours: r.hours,
			cadence: r.cadence,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			remote: r.remote,
			...rank(r, r.preferred_count, locale)
		}))
		.sort(
			(a, b) =>
				byScore(a, b) || a.startsOn.localeCompare(b.startsOn) || a.needId.localeCompare(b.needId)
		)
		.slice(0, limit);
}
