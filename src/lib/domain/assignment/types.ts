// Batch assignment problem: helpers give monthly hours, needs want `slots` helpers for `hours` each.

export interface Helper {
	id: string;
	/** Hours the helper can still give this month (positive, may be fractional). */
	capacity: number;
}

export interface Need {
	id: string;
	/** Hours each assigned helper spends on this need. */
	hours: number;
	/** Maximum number of distinct helpers for this need. */
	slots: number;
}

export interface Candidate {
	need: string;
	helper: string;
	score: number;
}

/** Two needs that take the same time (no double booking): no helper is assigned both. */
export interface Conflict {
	a: string;
	b: string;
}

export interface Instance {
	helpers: Helper[];
	needs: Need[];
	candidates: Candidate[];
	/** Pairs of needs one helper cannot both take; none when left out. */
	conflicts?: Conflict[];
}

export interface Assignment {
	need: string;
	helper: string;
}

export interface SolveOptions {
	/**
	 * Wall-clock safety cap in ms (default 3500). Effort is counted in iterations, so results are
	 * deterministic unless this cap cuts a phase short.
	 */
	timeBudgetMs?: number;
	/**
	 * Instances with at most this many useful pairs (default 200) are finished by node-limited
	 * branch and bound; up to 16 pairs that search always completes, so the result is optimal.
	 */
	exactPairLimit?: number;
	/** Scales the number of Lagrangian / local-search iterations (1 = default). */
	effort?: number;
	/**
	 * Relative gap at which a plan is good enough (0 = default: use the whole effort): the price
	 * rounds stop, and local search is skipped, once the bound is within gap × bound of the best
	 * plan found. `optimal` keeps its meaning (within a billionth).
	 */
	gap?: number;
}

export interface SolveResult {
	assignments: Assignment[];
	total: number;
	upperBound: number;
	greedyTotal: number;
	/** True when the solution is proven optimal (exact search finished or bound met). */
	optimal: boolean;
}

/** Tolerance of the final feasibility check: used <= capacity + CAPACITY_EPS. */
export const CAPACITY_EPS = 1e-9;
/** Internal moves use a stricter tolerance so rounding drift can never break the final check. */
export const INTERNAL_EPS = 1e-10;
