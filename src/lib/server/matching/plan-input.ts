// What a batch plan solves, built from the rows batch planning reads: each need's candidates as
// one JSON array of tuples (organisationCandidateRows in candidates.ts), ranked and cut, then the assignment
// instance. Pure, with nothing that does I/O: the solver's worker thread builds it, so the
// server's event loop does not parse and score a large organisation's candidates (with it doing
// so, another page's p95 while a plan ran was 2.1–2.6× its own; without, 1.2×).
import type { Instance } from '../../domain/assignment/types.ts';
import type { BookedNeed } from '../../domain/matching/booking.ts';
import {
	scoreCandidate,
	scoreValue,
	type CandidateFacts,
	type ScorePart
} from '../../domain/matching/score.ts';
import { parseWeekWindows } from '../../domain/matching/windows.ts';

/** What a candidate's score and explanation read, with the hours the helper has left. */
export type RankedFacts = CandidateFacts & { remainingHours: number };

export interface ScoredCandidate {
	helperId: string;
	displayName: string;
	score: number;
	parts: ScorePart[];
	facts: RankedFacts;
}

/** One need's candidates as organisationCandidateRows returns them. */
export interface CandidateRow {
	need_id: string;
	preferred_count: number;
	/** JSON array of CandidateTuple. */
	candidates: string;
}

/** One candidate: helper, name, then the facts in FactRow's order (candidates.ts). */
type CandidateTuple = [
	string,
	string,
	number | null,
	number,
	number,
	boolean | null,
	string | null,
	string[],
	number,
	number,
	number
];

export interface FactRow {
	distance_km: number | null;
	remaining_hours: number;
	capacity: number;
	windows_fit: boolean | null;
	windows_overlap: string | null;
	speaks_preferred: string[];
	helped_org_before: number;
	total_matches: number;
	committed_this_month: number;
}

/** The score of one fitting pair from the database's facts. */
export function score(
	row: FactRow,
	preferredCount: number
): Omit<ScoredCandidate, 'helperId' | 'displayName'> {
	const facts = {
		distanceKm: row.distance_km,
		windowsFit: row.windows_fit,
		windowsOverlap: parseWeekWindows(row.windows_overlap),
		speaksPreferred: row.speaks_preferred,
		helpedOrgBefore: row.helped_org_before,
		totalMatches: row.total_matches,
		capacity: row.capacity,
		committedThisMonth: row.committed_this_month,
		remainingHours: row.remaining_hours
	};
	const { score, parts } = scoreCandidate(facts, preferredCount);
	return { score, parts, facts };
}

export const byScore = (
	a: { score: number; facts: { distanceKm: number | null } },
	b: { score: number; facts: { distanceKm: number | null } }
) => b.score - a.score || (a.facts.distanceKm ?? Infinity) - (b.facts.distanceKm ?? Infinity);

/** Ties by helper id, as the database orders uuids (code units: an id is hex and hyphens). */
export const byHelper = (a: { helperId: string }, b: { helperId: string }) =>
	a.helperId < b.helperId ? -1 : a.helperId > b.helperId ? 1 : 0;

/** A candidate as ranked from its tuple; explained (parts, facts) only when it is proposed. */
export interface RankedTuple {
	helperId: string;
	score: number;
	facts: { distanceKm: number | null; remainingHours: number };
	tuple: CandidateTuple;
	preferredCount: number;
}

/**
 * A need's candidates from its row: scored (scoreValue, nothing explained), best first, at most
 * `limit`. Explaining every candidate took most of a large organisation's scoring (117 000
 * candidates, 2 000 proposed).
 */
export function rankRow(row: CandidateRow, limit: number): RankedTuple[] {
	const list = (JSON.parse(row.candidates) as CandidateTuple[]).map((t) => ({
		helperId: t[0],
		score: scoreValue(
			{
				distanceKm: t[2],
				windowsFit: t[5],
				spokenCount: t[7].length,
				helpedOrgBefore: t[8],
				totalMatches: t[9],
				capacity: t[4],
				committedThisMonth: t[10]
			},
			row.preferred_count
		),
		facts: { distanceKm: t[2], remainingHours: t[3] },
		tuple: t,
		preferredCount: row.preferred_count
	}));
	return list.sort((a, b) => byScore(a, b) || byHelper(a, b)).slice(0, limit);
}

/** A ranked candidate with its score's parts and facts. */
export function explainTuple({ tuple: t, preferredCount }: RankedTuple): ScoredCandidate {
	return {
		helperId: t[0],
		displayName: t[1],
		...score(
			{
				distance_km: t[2],
				remaining_hours: t[3],
				capacity: t[4],
				windows_fit: t[5],
				windows_overlap: t[6],
				speaks_preferred: t[7],
				helped_org_before: t[8],
				total_matches: t[9],
				committed_this_month: t[10]
			},
			preferredCount
		)
	};
}

/** A need's candidates from its row: scored and explained, best first, at most `limit`. */
export const scoreRow = (row: CandidateRow, limit: number): ScoredCandidate[] =>
	rankRow(row, limit).map(explainTuple);

/** An open need of the organisation, as batch planning reads it. */
export interface OpenNeed {
	id: string;
	title: string;
	hours: number;
	free_slots: number;
	starts_on: string;
	ends_on: string | null;
	time_windows: string | null;
}

export interface PlanInput {
	instance: Instance;
	booked: BookedNeed[];
	/** A pair of the instance: its candidate, the need's title and hours (for the proposals). */
	detail(
		need: string,
		helper: string
	): { candidate: RankedTuple; needTitle: string; hours: number };
	openNeeds: number;
}

/** The assignment instance of the needs with free places and their candidates. */
export function planInput(needs: OpenNeed[], candidates: Map<string, RankedTuple[]>): PlanInput {
	const open = needs.filter((n) => n.free_slots > 0);
	// Stryker disable next-line ArrayDeclaration: a junk helper, need or pair no pair reaches is ignored by the solver
	const instance: Instance = { helpers: [], needs: [], candidates: [] };
	const capacity = new Map<string, number>();
	for (const need of open) {
		instance.needs.push({ id: need.id, hours: need.hours, slots: need.free_slots });
		for (const c of candidates.get(need.id) ?? []) {
			// Needs may fall in different months; taking the tightest remaining hours seen for a
			// helper as their one capacity is conservative, so a plan never over-books a month.
			capacity.set(
				c.helperId,
				Math.min(capacity.get(c.helperId) ?? Infinity, c.facts.remainingHours)
			);
			instance.candidates.push({ need: need.id, helper: c.helperId, score: c.score });
		}
	}
	// Stryker disable next-line ConditionalExpression,EqualityOperator: every candidate has at least the need's hours left, and a need more than 0
	for (const [id, hours] of capacity) if (hours > 0) instance.helpers.push({ id, capacity: hours });
	const known = new Set(instance.helpers.map((h) => h.id));
	// Stryker disable next-line MethodExpression: with the line above, every candidate's helper is known
	instance.candidates = instance.candidates.filter((c) => known.has(c.helper));
	const booked = open.map((n) => ({
		id: n.id,
		startsOn: n.starts_on,
		endsOn: n.ends_on,
		timeWindows: parseWeekWindows(n.time_windows)
	}));
	// Looked up for the proposed pairs only (a key per candidate cost more than the look-ups).
	const byId = new Map(open.map((n) => [n.id, n]));
	const detail: PlanInput['detail'] = (need, helper) => {
		const { title, hours } = byId.get(need)!;
		const candidate = candidates.get(need)!.find((c) => c.helperId === helper)!;
		return { candidate, needTitle: title, hours };
	};
	return { instance, booked, detail, openNeeds: open.length };
}
