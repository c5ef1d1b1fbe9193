// Upper bounds. Lagrangian relaxation of the slot constraints: with need prices mu_j >= 0 each helper
// solves its own 0/1 knapsack over profits score - mu_j, so the bound keeps integrality per helper
// and is usually tighter than the LP relaxation. mu is tuned by subgradient steps.
import type { Compiled } from './compile.ts';
import { knapsack, makeGrid, type Grid } from './knapsack.ts';

/** max cells of one knapsack table; bigger helpers fall back to the (still valid) LP knapsack bound. */
const DP_CELLS = 4_000_000;

/** Sum over needs of their best `slots` scores — ignores capacities entirely. */
export function needSideBound(c: Compiled): number {
	let b = 0;
	for (let j = 0; j < c.nNeeds; j++) {
		const end = Math.min(c.needStart[j + 1]!, c.needStart[j]! + c.slots[j]!);
		for (let k = c.needStart[j]!; k < end; k++) b += c.pairScore[c.needList[k]!]!;
	}
	return b;
}

export interface Relaxation {
	grid: Grid;
	/** Solves all helper knapsacks for prices mu; marks chosen pairs in xs; returns the Lagrangian value. */
	evaluate(mu: Float64Array, xs: Uint8Array): number;
}

export function makeRelaxation(c: Compiled, grid: Grid = makeGrid(c)): Relaxation {
	let maxItems = 1;
	let maxCells = 1;
	for (let h = 0; h < c.nHelpers; h++) {
		const n = c.helperStart[h + 1]! - c.helperStart[h]!;
		maxItems = Math.max(maxItems, n);
		if (n * (grid.cap[h]! + 1) <= DP_CELLS) maxCells = Math.max(maxCells, n * (grid.cap[h]! + 1));
	}
	let maxCap = 1;
	for (let h = 0; h < c.nHelpers; h++) maxCap = Math.max(maxCap, grid.cap[h]!);
	const wts = new Int32Array(maxItems);
	const prof = new Float64Array(maxItems);
	const take = new Uint8Array(maxItems);
	const dp = new Float64Array(maxCap + 1);
	const keep = new Uint8Array(maxCells);
	return {
		grid,
		evaluate(mu, xs) {
			let value = 0;
			for (let j = 0; j < c.nNeeds; j++) value += mu[j]! * c.slots[j]!;
			for (let h = 0; h < c.nHelpers; h++) {
				const s = c.helperStart[h]!;
				const n = c.helperStart[h + 1]! - s;
				for (let i = 0; i < n; i++) {
					const p = c.helperList[s + i]!;
					const j = c.pairNeed[p]!;
					wts[i] = grid.w[j]!;
					prof[i] = c.pairScore[p]! - mu[j]!;
				}
				value +=
					n * (grid.cap[h]! + 1) <= DP_CELLS
						? knapsack(wts, prof, n, grid.cap[h]!, take, dp, keep)
						: fractional(wts, prof, n, grid.cap[h]!, take);
				for (let i = 0; i < n; i++) xs[c.helperList[s + i]!] = take[i]!;
			}
			return value;
		}
	};
}

/** LP knapsack (Dantzig bound); marks the fully taken items. */
function fractional(
	w: Int32Array,
	p: Float64Array,
	n: number,
	cap: number,
	take: Uint8Array
): number {
	const idx = Array.from({ length: n }, (_, i) => i).filter((i) => p[i]! > 0);
	idx.sort((a, b) => p[b]! * Math.max(w[a]!, 1e-9) - p[a]! * Math.max(w[b]!, 1e-9));
	take.fill(0, 0, n);
	let left = cap;
	let value = 0;
	for (const i of idx) {
		if (w[i]! <= left) {
			take[i] = 1;
			left -= w[i]!;
			value += p[i]!;
		} else {
			value += (p[i]! * left) / w[i]!;
			break;
		}
	}
	return value;
}

export interface SubgradientOptions {
	iterations: number;
	/** Best known feasible total (for Polyak steps); may be raised by onIterate. */
	lowerBound: number;
	deadline?: number;
	/** Initial step factor and how many non-improving iterations halve it. */
	theta?: number;
	patience?: number;
	/** Stop once the bound is within this share of the lower bound (at least a billionth). */
	gap?: number;
	/** Called after each evaluation with the relaxed choice; may return an improved feasible total. */
	onIterate?: (xs: Uint8Array, mu: Float64Array, iteration: number) => number | undefined;
}

export interface SubgradientResult {
	bound: number;
	mu: Float64Array;
	iterations: number;
}

export function subgradient(
	c: Compiled,
	relax: Relaxation,
	opts: SubgradientOptions
): SubgradientResult {
	const mu = new Float64Array(c.nNeeds);
	const bestMu = new Float64Array(c.nNeeds);
	const xs = new Uint8Array(c.nPairs);
	const g = new Float64Array(c.nNeeds);
	let lb = opts.lowerBound;
	let best = Infinity;
	let theta = opts.theta ?? 1;
	// A gap that is not above 0 (NaN included) means none: the billionth below still applies.
	const gap = (opts.gap ?? 0) > 0 ? opts.gap! : 0;
	let stall = 0;
	let it = 0;
	for (; it < opts.iterations; it++) {
		if (opts.deadline !== undefined && it > 0 && Date.now() > opts.deadline) break;
		const value = relax.evaluate(mu, xs);
		if (value < best - 1e-9) {
			best = value;
			bestMu.set(mu);
			stall = 0;
		} else if (++stall >= (opts.patience ?? 6)) {
			theta /= 2;
			stall = 0;
		}
		const found = opts.onIterate?.(xs, mu, it);
		if (found !== undefined && found > lb) lb = found;
		if (best - lb < Math.max(1e-9, gap) * Math.max(1, Math.abs(lb))) break;
		for (let j = 0; j < c.nNeeds; j++) g[j] = c.slots[j]!;
		for (let p = 0; p < c.nPairs; p++) if (xs[p]) g[c.pairNeed[p]!]!--;
		let norm = 0;
		for (let j = 0; j < c.nNeeds; j++) if (!(mu[j] === 0 && g[j]! > 0)) norm += g[j]! * g[j]!;
		if (norm === 0) break;
		const step = (theta * (value - lb)) / norm;
		for (let j = 0; j < c.nNeeds; j++) mu[j] = Math.max(0, mu[j]! - step * g[j]!);
	}
	return { bound: best, mu: bestMu, iterations: it };
}
