// Per-helper 0/1 knapsack on an hour grid. Weights are rounded down and capacities up, so the
// result is a valid relaxation even for hours that are not on the grid (exact when they are).
import type { Compiled } from './compile.ts';

export interface Grid {
	/** Weight of each need in grid units (floor). */
	w: Int32Array;
	/** Capacity of each helper in grid units (ceil-ish). */
	cap: Int32Array;
}

const UNITS = [1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.01];

/**
 * Picks the finest standard unit on which all hours and capacities lie, as long as one round of
 * per-helper knapsacks (sum over helpers of pairs x capacity units) stays within `workBudget`.
 * Otherwise a coarser unit is used and weights are rounded down (bound stays valid, less tight).
 */
export function makeGrid(c: Compiled, workBudget = 30_000_000): Grid {
	// A capacity above the total hours of the helper's candidate needs never binds: cap it there.
	const cap = new Float64Array(c.nHelpers);
	let pairCap = 0;
	for (let h = 0; h < c.nHelpers; h++) {
		let sum = 0;
		for (let k = c.helperStart[h]!; k < c.helperStart[h + 1]!; k++)
			sum += c.hours[c.pairNeed[c.helperList[k]!]!]!;
		cap[h] = Math.min(c.cap[h]!, sum);
		pairCap += (c.helperStart[h + 1]! - c.helperStart[h]!) * cap[h]!;
	}
	const work = (u: number) => c.nPairs + pairCap / u;
	const onGrid = (v: number, u: number) => Math.abs(v / u - Math.round(v / u)) < 1e-6;
	let unit = 0;
	for (const u of UNITS) {
		if (work(u) > workBudget) break;
		if (c.hours.every((v) => onGrid(v, u)) && cap.every((v) => onGrid(v, u))) {
			unit = u;
			break;
		}
	}
	if (unit === 0) unit = Math.max(pairCap / Math.max(workBudget - c.nPairs, 1), 1e-6);
	const toW = (v: number) => (onGrid(v, unit) ? Math.round(v / unit) : Math.floor(v / unit));
	return {
		w: Int32Array.from(c.hours, toW),
		cap: Int32Array.from(cap, (v) => Math.floor(v / unit + 0.01))
	};
}

/**
 * Max sum of profit[i] over items with weight sum <= cap. Writes the chosen flags into `take`.
 * Items with non-positive profit are never taken.
 */
export function knapsack(
	weights: Int32Array,
	profits: Float64Array,
	n: number,
	cap: number,
	take: Uint8Array,
	dp: Float64Array,
	keep: Uint8Array
): number {
	let sumW = 0;
	let sumP = 0;
	for (let i = 0; i < n; i++) {
		take[i] = 0;
		if (profits[i]! > 0) {
			sumW += weights[i]!;
			sumP += profits[i]!;
		}
	}
	if (sumW <= cap) {
		for (let i = 0; i < n; i++) take[i] = profits[i]! > 0 ? 1 : 0;
		return sumP;
	}
	const C = Math.min(cap, sumW);
	for (let k = 0; k <= C; k++) dp[k] = 0;
	for (let i = 0; i < n; i++) {
		const wi = weights[i]!;
		const pi = profits[i]!;
		const row = i * (C + 1);
		for (let k = 0; k <= C; k++) keep[row + k] = 0;
		if (pi <= 0 || wi > C) continue;
		for (let k = C; k >= wi; k--) {
			const v = dp[k - wi]! + pi;
			if (v > dp[k]!) {
				dp[k] = v;
				keep[row + k] = 1;
			}
		}
	}
	let k = C;
	for (let i = n - 1; i >= 0; i--) {
		if (keep[i * (C + 1) + k]) {
			take[i] = 1;
			k -= weights[i]!;
		}
	}
	return dp[C]!;
}
