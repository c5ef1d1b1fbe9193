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

// Each part's points, once: scoreCandidate explains them, scoreValue only adds them up.
const distancePoints = (km: number) =>
	round2(WEIGHTS.distance * Math.max(0, 1 - km / DISTANCE_ZERO_KM));
const windowsPoints = (fit: boolean | null) =>
	fit === true ? WEIGHTS.windows : fit === null ? WEIGHTS.windows / 2 : 0;
/** Null where the part is left out. */
const languagePoints = (spoken: number, preferred: number) =>
	spoken > 0 && preferred > 0 ? round2(WEIGHTS.language * Math.min(1, spoken / preferred)) : null;
type Load = Pick<CandidateFacts, 'capacity' | 'committedThisMonth'>;
const freeHours = (f: Load) => Math.max(0, f.capacity - f.committedThisMonth);
/** Null where the part is left out. */
const lightLoadPoints = (f: Load) => {
	const free = freeHours(f);
	// Stryker disable next-line ConditionalExpression,EqualityOperator: with no capacity `free` is 0 as well; the first test only guards the division
	return f.capacity > 0 && free > 0
		? round2(WEIGHTS.light_load * Math.min(1, free / f.capacity))
		: null;
};
const total = (points: number) => round2(Math.min(100, Math.max(0, points)));

/** What scoreValue reads: the facts without the overlap's windows, which only explain. */
export type ScoreFacts = Omit<CandidateFacts, 'windowsOverlap' | 'speaksPreferred'> & {
	/** How many of the need's preferred languages the helper speaks. */
	spokenCount: number;
};

/**
 * scoreCandidate's score alone, with nothing allocated: batch planning ranks a large
 * organisation's 100 000 candidates and explains only the 2 000 it proposes. The parts are added
 * in scoreCandidate's order (a part it leaves out adds 0), so the two agree to the last bit.
 */
export function scoreValue(f: ScoreFacts, preferredCount: number): number {
	const distance =
		f.distanceKm === null ? WEIGHTS.remote : distancePoints(Math.max(0, f.distanceKm));
	return total(
		0 +
			distance +
			windowsPoints(f.windowsFit) +
			(languagePoints(f.spokenCount, preferredCount) ?? 0) +
			(f.helpedOrgBefore > 0 ? WEIGHTS.familiar : 0) +
			(lightLoadPoints(f) ?? 0) +
			(f.totalMatches === 0 ? WEIGHTS.first_match : 0)
	);
}

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
			points: distancePoints(km),
			values: { km: Math.round(km * 10) / 10 }
		});
	}
	if (facts.windowsFit === true) {
		const first = facts.windowsOverlap?.[0];
		const values: Record<string, number | string> = { windows: facts.windowsOverlap?.length ?? 1 };
		if (first) Object.assign(values, dayAndPart(first));
		parts.push({ kind: 'windows', points: windowsPoints(true), values });
	} else if (facts.windowsFit === null) {
		parts.push({ kind: 'windows', points: windowsPoints(null), values: { windows: 0 } });
	}
	const language = languagePoints(facts.speaksPreferred.length, preferredCount);
	if (language !== null) {
		parts.push({
			kind: 'language',
			points: language,
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
	const light = lightLoadPoints(facts);
	if (light !== null) {
		parts.push({
			kind: 'light_load',
			points: light,
			values: { free: freeHours(facts), capacity: facts.capacity }
		});
	}
	if (facts.totalMatches === 0)
		parts.push({ kind: 'first_match', points: WEIGHTS.first_match, values: {} });
	return { score: total(parts.reduce((s, p) => s + p.points, 0)), parts };
}
