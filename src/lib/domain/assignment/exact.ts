// Exact branch and bound for small instances (tests, benchmark, tiny inputs inside solve).
// Binary branching on pairs grouped by need; bound = min(need-side bound, Lagrangian bound with
// fixed need prices mu and LP knapsacks per helper over the still-undecided pairs).
import type { Compiled } from './compile.ts';
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
	// Variable order: needs in index order, pairs by score desc (needList order).
	const order = c.needList;
	const pos = new Int32Array(c.nPairs);
	order.forEach((p, i) => (pos[p] = i));
	// Per helper: its pairs sorted by reduced density (score - mu) / hours, positive only.
	const hStart = new Int32Array(c.nHelpers + 1);
	const hItems: number[] = [];
	for (let h = 0; h < c.nHelpers; h++) {
		const items: number[] = [];
		for (let k = c.helperStart[h]!; k < c.helperStart[h + 1]!; k++) {
			const p = c.helperList[k]!;
			if (c.pairScore[p]! - mu[c.pairNeed[p]!]! > 0) items.push(p);
		}
		items.sort((a, b) => red(b) / c.hours[c.pairNeed[b]!]! - red(a) / c.hours[c.pairNeed[a]!]!);
		hItems.push(...items);
		hStart[h + 1] = hItems.length;
	}
	function red(p: number) {
		return c.pairScore[p]! - mu[c.pairNeed[p]!]!;
	}

	const x = new Uint8Array(c.nPairs);
	const best = new Uint8Array(c.nPairs);
	let bestTotal = 0;
	if (opts.incumbent) {
		best.set(opts.incumbent);
		for (let p = 0; p < c.nPairs; p++) if (best[p]) bestTotal += c.pairScore[p]!;
	}
	const left = Float64Array.from(c.cap);
	const slotsLeft = Int32Array.from(c.slots);
	let nodes = 0;
	let aborted = false;

	const bound = (i: number): number => {
		// Need side: for each need with undecided pairs, its best fitting undecided pairs.
		let needSide = 0;
		let k = i;
		while (k < order.length) {
			const j = c.pairNeed[order[k]!]!;
			let r = slotsLeft[j]!;
			for (; k < order.length && c.pairNeed[order[k]!] === j; k++) {
				const p = order[k]!;
				if (r > 0 && c.hours[j]! <= left[c.pairHelper[p]!]! + INTERNAL_EPS) {
					needSide += c.pairScore[p]!;
					r--;
				}
			}
		}
		// Lagrangian side: sum mu_j * slots left (undecided needs) + LP knapsack per helper.
		let lag = 0;
		const firstNeed = i < order.length ? c.pairNeed[order[i]!]! : c.nNeeds;
		for (let j = firstNeed; j < c.nNeeds; j++) lag += mu[j]! * slotsLeft[j]!;
		for (let h = 0; h < c.nHelpers; h++) {
			let cap = left[h]!;
			for (let a = hStart[h]!; a < hStart[h + 1]! && cap > 0; a++) {
				const p = hItems[a]!;
				if (pos[p]! < i) continue;
				const w = c.hours[c.pairNeed[p]!]!;
				if (w > left[h]! + INTERNAL_EPS) continue;
				if (w <= cap) {
					lag += red(p);
					cap -= w;
				} else {
					lag += (red(p) * cap) / w;
					cap = 0;
				}
			}
		}
		return Math.min(needSide, lag);
	};

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
		if (value + bound(i) <= bestTotal + 1e-9) return;
		const p = order[i]!;
		const j = c.pairNeed[p]!;
		const h = c.pairHelper[p]!;
		if (slotsLeft[j]! > 0 && c.hours[j]! <= left[h]! + INTERNAL_EPS) {
			x[p] = 1;
			slotsLeft[j]!--;
			left[h] = left[h]! - c.hours[j]!;
			dfs(i + 1, value + c.pairScore[p]!);
			left[h] = left[h]! + c.hours[j]!;
			slotsLeft[j]!++;
			x[p] = 0;
		}
		dfs(i + 1, value);
	};
	dfs(0, 0);
	return { x: best, total: bestTotal, proven: !aborted, nodes };
}
