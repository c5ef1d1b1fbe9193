// Batch solver: greedy baseline -> Lagrangian heuristic (need prices from the slot relaxation) ->
// local search on the best constructions. Never returns less than greedy; exact for tiny inputs.
import { compile, type Compiled } from './compile.ts';
import { makeRelaxation, needSideBound, subgradient } from './bound.ts';
import { solveExact } from './exact.ts';
import { greedyState, exactTotal, toAssignments } from './greedy.ts';
import { localSearch } from './localsearch.ts';
import {
	add,
	canAdd,
	clashesAt,
	cloneState,
	copyInto,
	emptyState,
	fillGreedy,
	resync,
	type State
} from './state.ts';
import type { Instance, SolveOptions, SolveResult } from './types.ts';
import { CAPACITY_EPS } from './types.ts';

/** Instances up to this many pairs finish with the exact search. */
const EXACT_PAIR_LIMIT = 200;

export function solveAssignment(instance: Instance, options: SolveOptions = {}): SolveResult {
	const c = compile(instance);
	const sol = solveCompiled(c, options);
	let x = sol.x;
	if (!isFeasible(c, x)) x = sol.greedy.x; // defensive: never hand out an infeasible plan
	const total = exactTotal(instance, c, x);
	return {
		assignments: toAssignments(instance, c, x),
		total,
		upperBound: Math.max(sol.upperBound, total),
		greedyTotal: exactTotal(instance, c, sol.greedy.x),
		optimal: sol.optimal
	};
}

export interface CompiledSolution {
	x: Uint8Array;
	total: number;
	upperBound: number;
	optimal: boolean;
	greedy: State;
	/** Need prices of the best Lagrangian bound (useful to warm-start exact search). */
	mu: Float64Array;
}

export function solveCompiled(c: Compiled, options: SolveOptions = {}): CompiledSolution {
	const startTime = Date.now();
	const budget = options.timeBudgetMs ?? 3500;
	const effort = options.effort ?? 1;
	// A gap that is not above 0 (NaN included) means none.
	const gap = (options.gap ?? 0) > 0 ? options.gap! : 0;
	const deadline = startTime + budget;
	const greedy = greedyState(c);
	const needBound = needSideBound(c);
	// The need-side bound costs one pass; when the greedy plan is already within the gap of it,
	// the Lagrangian phase and the local search could only prove what is known (a large town's
	// batch: 0.03 % apart, and they took most of the solve). Small instances still go on to the
	// exact search below, so their plans stay optimal.
	if (
		c.nPairs > (options.exactPairLimit ?? EXACT_PAIR_LIMIT) &&
		withinGap(c, greedy, needBound, gap)
	) {
		return {
			x: greedy.x,
			total: greedy.total,
			upperBound: needBound,
			optimal: needBound - greedy.total <= 1e-9 * Math.max(1, greedy.total),
			greedy,
			mu: new Float64Array(c.nNeeds)
		};
	}

	// Lagrangian phase: every relaxed solution is repaired into a feasible one (constructions).
	const relax = makeRelaxation(c);
	const pool: State[] = [cloneState(greedy)];
	const work = emptyState(c);
	// Stryker disable next-line ArrayDeclaration: onIterate empties `chosen` before every use
	const chosen: number[] = [];
	const sub = subgradient(c, relax, {
		iterations: Math.round(140 * effort),
		patience: 4,
		lowerBound: greedy.total,
		gap,
		deadline: startTime + budget * 0.6,
		onIterate: (xs) => {
			chosen.length = 0;
			// Stryker disable next-line EqualityOperator: xs[nPairs] is undefined, so `<=` pushes nothing more
			for (let p = 0; p < c.nPairs; p++) if (xs[p]) chosen.push(p);
			chosen.sort((a, b) => c.pairScore[b]! - c.pairScore[a]! || a - b);
			work.x.fill(0);
			work.needCount.fill(0);
			work.used.fill(0);
			work.total = 0;
			for (const p of chosen) if (canAdd(c, work, p)) add(c, work, p);
			fillGreedy(c, work, c.byScore);
			keepBest(pool, work, 3);
			return pool[0]!.total;
		}
	});
	let upperBound = Math.min(needBound, sub.bound);

	// Local search on the best few constructions; keep the best result. None when the best
	// construction is already within the gap of the bound: it is the plan.
	let best = cloneState(greedy);
	const first = pool[0]!;
	if (withinGap(c, first, upperBound, gap)) {
		if (first.total > best.total + 1e-9) copyInto(best, first);
	} else {
		for (const s of pool) {
			if (Date.now() > deadline) break;
			localSearch(c, s, relax.grid, Math.round(30 * effort), deadline);
			resync(c, s);
			if (s.total > best.total + 1e-9) copyInto(best, s);
		}
	}
	let optimal = upperBound - best.total <= 1e-9 * Math.max(1, best.total);

	// Small instances: finish with exact branch and bound, warm-started with the heuristic and prices.
	// (Up to 16 pairs the whole tree has < 2^17 nodes, so the node limit never cuts it short.)
	if (!optimal && c.nPairs <= (options.exactPairLimit ?? EXACT_PAIR_LIMIT)) {
		const ex = solveExact(c, { incumbent: best.x, mu: sub.mu, nodeLimit: 300_000 });
		if (ex.total > best.total + 1e-9) {
			best = emptyState(c);
			best.x.set(ex.x);
			resync(c, best);
		}
		if (ex.proven) {
			optimal = true;
			upperBound = Math.min(upperBound, best.total);
		}
	}
	return { x: best.x, total: best.total, upperBound, optimal, greedy, mu: sub.mu };
}

/** Whether a plan (its total recomputed) is within a positive relative gap of the bound. */
function withinGap(c: Compiled, s: State, upperBound: number, gap: number): boolean {
	if (gap <= 0) return false;
	resync(c, s);
	return upperBound - s.total <= gap * Math.max(1, upperBound);
}

/** Keeps the k best distinct-total states in `pool`, sorted by total desc. */
function keepBest(pool: State[], s: State, k: number): void {
	if (pool.some((q) => Math.abs(q.total - s.total) < 1e-9)) return;
	if (pool.length < k) pool.push(cloneState(s));
	else if (s.total > pool[pool.length - 1]!.total) copyInto(pool[pool.length - 1]!, s);
	else return;
	pool.sort((a, b) => b.total - a.total);
}

/** Index-based feasibility check with the final tolerance, sums recomputed from scratch. */
function isFeasible(c: Compiled, x: Uint8Array): boolean {
	const used = new Float64Array(c.nHelpers);
	const count = new Int32Array(c.nNeeds);
	// Stryker disable next-line EqualityOperator: x[nPairs] is undefined, so `<=` skips it
	for (let p = 0; p < c.nPairs; p++) {
		if (!x[p]) continue;
		used[c.pairHelper[p]!]! += c.hours[c.pairNeed[p]!]!;
		count[c.pairNeed[p]!]!++;
	}
	for (let h = 0; h < c.nHelpers; h++) if (used[h]! > c.cap[h]! + CAPACITY_EPS) return false;
	for (let j = 0; j < c.nNeeds; j++) if (count[j]! > c.slots[j]!) return false;
	// A need never clashes with itself (compile leaves such conflicts out), so x may hold p.
	// Stryker disable next-line EqualityOperator: x[nPairs] is undefined, so `<=` checks nothing more
	for (let p = 0; p < c.nPairs; p++)
		if (x[p] && clashesAt(c, x, c.pairHelper[p]!, c.pairNeed[p]!)) return false;
	return true;
}
