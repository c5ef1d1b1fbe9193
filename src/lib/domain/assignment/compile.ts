// Index-based form of an instance: typed arrays and CSR lists so the solver avoids string maps.
import type { Instance } from './types.ts';
import { INTERNAL_EPS } from './types.ts';

export interface Compiled {
	nNeeds: number;
	nHelpers: number;
	nPairs: number;
	hours: Float64Array;
	slots: Int32Array;
	cap: Float64Array;
	pairNeed: Int32Array;
	pairHelper: Int32Array;
	pairScore: Float64Array;
	/** Index of the pair in instance.candidates. */
	pairOrig: Int32Array;
	/** Pairs of need j: needList[needStart[j] .. needStart[j+1]), sorted by score desc. */
	needStart: Int32Array;
	needList: Int32Array;
	/** Pairs of helper h: helperList[helperStart[h] .. helperStart[h+1]). */
	helperStart: Int32Array;
	helperList: Int32Array;
	/** All pairs sorted by score desc (ties: input order) — the greedy order. */
	byScore: Int32Array;
	/** Clashing needs as j * nNeeds + k, both orders; null when the instance has none. */
	clash: Set<number> | null;
}

/** Keeps only useful pairs: positive score and hours that fit the helper's capacity at all. */
export function compile(instance: Instance): Compiled {
	const needIdx = new Map<string, number>();
	instance.needs.forEach((n, i) => needIdx.set(n.id, i));
	const helperIdx = new Map<string, number>();
	instance.helpers.forEach((h, i) => helperIdx.set(h.id, i));
	const nNeeds = instance.needs.length;
	const nHelpers = instance.helpers.length;
	const hours = Float64Array.from(instance.needs, (n) => n.hours);
	const slots = Int32Array.from(instance.needs, (n) => n.slots);
	const cap = Float64Array.from(instance.helpers, (h) => h.capacity);

	const keep: number[] = [];
	instance.candidates.forEach((c, i) => {
		const j = needIdx.get(c.need);
		const h = helperIdx.get(c.helper);
		if (j === undefined || h === undefined) throw new Error(`unknown id in candidate ${i}`);
		if (c.score > 0 && hours[j]! <= cap[h]! + INTERNAL_EPS) keep.push(i);
	});
	const nPairs = keep.length;
	const pairNeed = new Int32Array(nPairs);
	const pairHelper = new Int32Array(nPairs);
	const pairScore = new Float64Array(nPairs);
	const pairOrig = Int32Array.from(keep);
	keep.forEach((ci, p) => {
		const c = instance.candidates[ci]!;
		pairNeed[p] = needIdx.get(c.need)!;
		pairHelper[p] = helperIdx.get(c.helper)!;
		pairScore[p] = c.score;
	});
	const byScore = Int32Array.from(keep.keys());
	byScore.sort((a, b) => pairScore[b]! - pairScore[a]! || a - b);
	const [needStart, needList] = csr(nNeeds, pairNeed, byScore);
	const [helperStart, helperList] = csr(nHelpers, pairHelper, byScore);
	return {
		nNeeds,
		nHelpers,
		nPairs,
		hours,
		slots,
		cap,
		pairNeed,
		pairHelper,
		pairScore,
		pairOrig,
		needStart,
		needList,
		helperStart,
		helperList,
		byScore,
		clash: compileConflicts(instance, needIdx)
	};
}

function compileConflicts(instance: Instance, needIdx: Map<string, number>): Set<number> | null {
	if (!instance.conflicts?.length) return null;
	const n = instance.needs.length;
	const clash = new Set<number>();
	instance.conflicts.forEach((x, i) => {
		const j = needIdx.get(x.a);
		const k = needIdx.get(x.b);
		if (j === undefined || k === undefined) throw new Error(`unknown id in conflict ${i}`);
		// A need does not clash with itself: its places are for different helpers.
		if (j !== k) clash.add(j * n + k).add(k * n + j);
	});
	return clash;
}

/** Groups pairs by owner, keeping the given pair order inside each group. */
function csr(n: number, owner: Int32Array, order: Int32Array): [Int32Array, Int32Array] {
	const start = new Int32Array(n + 1);
	for (let p = 0; p < owner.length; p++) start[owner[p]! + 1]!++;
	for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
	const fill = start.slice(0, n);
	const list = new Int32Array(owner.length);
	for (const p of order) list[fill[owner[p]!]!++] = p;
	return [start, list];
}
