// The soft score of a candidate (0–100) as a sum of parts, each part explainable on its own.
// Spreading load and welcoming new helpers are deliberate: they raise participation.
import { dayAndPart, type WeekWindow } from './windows.ts';

/** The facts the database returns for a fitting pair (need_candidates / fitting_needs). */
export interface CandidateFacts {
	/** km from the helper's home to the need; null when they meet remotely. */
	distanceKm: number | null;
	/** Both gave time windows: do they overlap? null when either gave none. */
	windowsFit: boolean | null;
	/** The overlapping windows, when both gave some. */
	windowsOverlap: WeekWindow[] | null;
	/** Preferred languages of the need the helper speaks. */
	speaksPreferred: string[];
	/** Active or completed matches with the need's organisation. */
	helpedOrgBefore: number;
	/** All the helper's matches that came about (pending approval, active, completed). */
	totalMatches: number;
	/** Hours per month the helper offers. */
	capacity: number;
	/** Hours already committed this calendar month. */
	committedThisMonth: number;
}

export type ScorePartKind =
	'distance' | 'remote' | 'windows' | 'language' | 'familiar' | 'light_load' | 'first_match';

export interface ScorePart {
	kind: ScorePartKind;
	points: number;
	values: Record<string, number | string>;
}

/** All weights in one place; the maxima add up to 100. */
export const WEIGHTS = {
	/** Full points at 0 km, none from DISTANCE_ZERO_KM on, linear in between. */
	distance: 30,
	/** Meeting remotely: half the distance weight (no travel, but no neighbourhood either). */
	remote: 15,
	/** Time windows overlap; half of it when either side gave no windows (any time). */
	windows: 20,
	/** Speaks the need's preferred languages (share of them). */
	language: 10,
	/** Has helped this organisation before. */
	familiar: 10,
	/** Share of this month's hours still free. */
	light_load: 15,
	/** No match yet: new helpers welcome. */
	first_match: 15
} as const;
export const DISTANCE_ZERO_KM = 10;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function scoreCandidate(
	facts: CandidateFacts,
	preferredCount = facts.speaksPreferred.length
): {
	score: number;
	parts: ScorePart[];
} {
	const parts: ScorePart[] = [];
	if (facts.distanceKm === null) {
		parts.push({ kind: 'remote', points: WEIGHTS.remote, values: {} });
	} else {
		const km = Math.max(0, facts.distanceKm);
		parts.push({
			kind: 'distance',
			points: round2(WEIGHTS.distance * Math.max(0, 1 - km / DISTANCE_ZERO_KM)),
			values: { km: Math.round(km * 10) / 10 }
		});
	}
	if (facts.windowsFit === true) {
		const first = facts.windowsOverlap?.[0];
		const values: Record<string, number | string> = { windows: facts.windowsOverlap?.length ?? 1 };
		if (first) Object.assign(values, dayAndPart(first));
		parts.push({ kind: 'windows', points: WEIGHTS.windows, values });
	} else if (facts.windowsFit === null) {
		parts.push({ kind: 'windows', points: WEIGHTS.windows / 2, values: { windows: 0 } });
	}
	if (facts.speaksPreferred.length > 0 && preferredCount > 0) {
		const share = Math.min(1, facts.speaksPreferred.length / preferredCount);
		parts.push({
			kind: 'language',
			points: round2(WEIGHTS.language * share),
			values: { languages: facts.speaksPreferred.join(',') }
		});
	}
	if (facts.helpedOrgBefore > 0) {
		parts.push({
			kind: 'familiar',
			points: WEIGHTS.familiar,
			values: { matches: facts.helpedOrgBefore }
		});
	}
	const free = Math.max(0, facts.capacity - facts.committedThisMonth);
	// Stryker disable next-line ConditionalExpression,EqualityOperator: with no capacity `free` is 0 as well; the first test only guards the division
	if (facts.capacity > 0 && free > 0) {
		parts.push({
			kind: 'light_load',
			points: round2(WEIGHTS.light_load * Math.min(1, free / facts.capacity)),
			values: { free, capacity: facts.capacity }
		});
	}
	if (facts.totalMatches === 0)
		parts.push({ kind: 'first_match', points: WEIGHTS.first_match, values: {} });
	const total = parts.reduce((s, p) => s + p.points, 0);
	return { score: round2(Math.min(100, Math.max(0, total))), parts };
}
