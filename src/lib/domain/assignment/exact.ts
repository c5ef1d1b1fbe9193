// Exact branch and bound for small instances (tests, benchmark, small inputs inside solve).
// Binary branching on pairs grouped by need. Bound = min(need-side bound, Lagrangian bound with
// fixed need prices mu): each helper's 0/1 knapsack over its undecided pairs is kept per helper and
// only the branched helper's knapsack is recomputed, so a node costs one small DP.
import type { Compiled } from './compile.ts';
import { makeGrid } from './knapsack.ts';
import { clashesAt } from './state.ts';
import { INTERNAL_EPS } from './types.ts';

export interface ExactResult {
	x: Uint8Array;
	total: number;
	/** False when the node limit stopped the search (x is then the best found). */
	proven: boolean;
	nodes: number;
}

export function solveExact(
	c: Compiled,
	opts: { incumbent?: Uint8Array; mu?: Float64Array; nodeLimit?: number } = {}
): ExactResult {
	const nodeLimit = opts.nodeLimit ?? 2_000_000;
	const mu = opts.mu ?? new Float64Array(c.nNeeds);
	const grid = makeGrid(c);
	const order = c.needList; // needs in index order, each need's pairs by score desc
	const pos = new Int32Array(c.nPairs);
	order.forEach((p, i) => (pos[p] = i));
	const lastPos = new Int32Array(c.nNeeds).fill(-1);
	// Stryker disable next-line EqualityOperator: `<=` only writes lastPos[undefined] (order[order.length] is past the list)
	for (let i = 0; i < order.length; i++) lastPos[c.pairNeed[order[i]!]!] = i;

	const x = new Uint8Array(c.nPairs);
	const best = new Uint8Array(c.nPairs);
	let bestTotal = 0;
	if (opts.incumbent) {
		best.set(opts.incumbent);
		// Stryker disable next-line EqualityOperator: best[nPairs] is undefined, so `<=` adds nothing
		for (let p = 0; p < c.nPairs; p++) if (best[p]) bestTotal += c.pairScore[p]!;
	}
	const left = Float64Array.from(c.cap);
	const leftU = Int32Array.from(grid.cap);
	const slotsLeft = Int32Array.from(c.slots);
	let maxCap = 0;
	for (let h = 0; h < c.nHelpers; h++) maxCap = Math.max(maxCap, grid.cap[h]!);
	const dp = new Float64Array(maxCap + 1);

	/** Knapsack value of helper h over its pairs at positions >= from, profits score - mu. */
	const helperValue = (h: number, from: number): number => {
		const C = leftU[h]!;
		if (C < 0) return 0;
		dp.fill(0, 0, C + 1);
		for (let k = c.helperStart[h]!; k < c.helperStart[h + 1]!; k++) {
			const p = c.helperList[k]!;
			if (pos[p]! < from) continue;
			const j = c.pairNeed[p]!;
			const pr = c.pairScore[p]! - mu[j]!;
			const w = grid.w[j]!;
			// Stryker disable next-line LogicalOperator: dp never falls with more capacity, so a profit <= 0 never improves a cell, and w > C never enters the loop
			if (pr <= 0 || w > C) continue;
			for (let u = C; u >= w; u--) if (dp[u - w]! + pr > dp[u]!) dp[u] = dp[u - w]! + pr;
		}
		return dp[C]!;
	};
	const kval = new Float64Array(c.nHelpers);
	let kSum = 0;
	for (let h = 0; h < c.nHelpers; h++) kSum += kval[h] = helperValue(h, 0);
	let muTerm = 0;
	for (let j = 0; j < c.nNeeds; j++) if (lastPos[j]! >= 0) muTerm += mu[j]! * slotsLeft[j]!;

	const needSide = (i: number): number => {
		let b = 0;
		let k = i;
		while (k < order.length) {
			const j = c.pairNeed[order[k]!]!;
			let r = slotsLeft[j]!;
			for (; k < order.length && c.pairNeed[order[k]!] === j; k++) {
				const p = order[k]!;
				if (r > 0 && c.hours[j]! <= left[c.pairHelper[p]!]! + INTERNAL_EPS) {
					b += c.pairScore[p]!;
					r--;
				}
			}
		}
		return b;
	};

	let nodes = 0;
	let aborted = false;
	const dfs = (i: number, value: number): void => {
		if (aborted) return;
		if (++nodes > nodeLimit) {
			aborted = true;
			return;
		}
		if (value > bestTotal + 1e-9) {
			bestTotal = value;
			best.set(x);
		}
		if (i >= order.length) return;
		if (value + Math.min(muTerm + kSum, needSide(i)) <= bestTotal + 1e-9) return;
		const p = order[i]!;
		const j = c.pairNeed[p]!;
		const h = c.pairHelper[p]!;
		const savedK = kval[h]!;
		const closing = lastPos[j] === i; // last pair of need j: its price term leaves the bound
		const savedMu = muTerm;
		// Clashing needs are checked on branching only: the bound ignores them, so it stays an upper bound.
		if (slotsLeft[j]! > 0 && c.hours[j]! <= left[h]! + INTERNAL_EPS && !clashesAt(c, x, h, j)) {
			x[p] = 1;
			slotsLeft[j]!--;
			left[h] = left[h]! - c.hours[j]!;
			leftU[h] = leftU[h]! - grid.w[j]!;
			muTerm = closing ? savedMu - mu[j]! * (slotsLeft[j]! + 1) : savedMu - mu[j]!;
			kSum += (kval[h] = helperValue(h, i + 1)) - savedK;
			dfs(i + 1, value + c.pairScore[p]!);
			kSum += savedK - kval[h]!;
			kval[h] = savedK;
			leftU[h] = leftU[h]! + grid.w[j]!;
			left[h] = left[h]! + c.hours[j]!;
			slotsLeft[j]!++;
			x[p] = 0;
		}
		muTerm = closing ? savedMu - mu[j]! * slotsLeft[j]! : savedMu;
		kSum += (kval[h] = helperValue(h, i + 1)) - savedK;
		dfs(i + 1, value);
		kSum += savedK - kval[h]!;
		kval[h] = savedK;
		muTerm = savedMu;
	};
	dfs(0, 0);
	return { x: best, total: bestTotal, proven: !aborted, nodes };
}
