// Mutable solution state shared by greedy, exact search and local search.
import type { Compiled } from './compile.ts';
import { INTERNAL_EPS } from './types.ts';

export interface State {
	x: Uint8Array;
	needCount: Int32Array;
	used: Float64Array;
	total: number;
}

export function emptyState(c: Compiled): State {
	return {
		x: new Uint8Array(c.nPairs),
		needCount: new Int32Array(c.nNeeds),
		used: new Float64Array(c.nHelpers),
		total: 0
	};
}

export function cloneState(s: State): State {
	return { x: s.x.slice(), needCount: s.needCount.slice(), used: s.used.slice(), total: s.total };
}

export function copyInto(dst: State, src: State): void {
	dst.x.set(src.x);
	dst.needCount.set(src.needCount);
	dst.used.set(src.used);
	dst.total = src.total;
}

export function fits(c: Compiled, s: State, p: number): boolean {
	const h = c.pairHelper[p]!;
	return (
		s.used[h]! + c.hours[c.pairNeed[p]!]! <= c.cap[h]! + INTERNAL_EPS &&
		!clashesAt(c, s.x, h, c.pairNeed[p]!)
	);
}

/** True when helper h already holds a need (in x) that takes the same time as need j. */
export function clashesAt(c: Compiled, x: Uint8Array, h: number, j: number): boolean {
	if (c.clash === null) return false;
	for (let k = c.helperStart[h]!; k < c.helperStart[h + 1]!; k++) {
		const q = c.helperList[k]!;
		if (x[q] && c.clash.has(c.pairNeed[q]! * c.nNeeds + j)) return true;
	}
	return false;
}

export function canAdd(c: Compiled, s: State, p: number): boolean {
	return s.x[p] === 0 && s.needCount[c.pairNeed[p]!]! < c.slots[c.pairNeed[p]!]! && fits(c, s, p);
}

export function add(c: Compiled, s: State, p: number): void {
	const j = c.pairNeed[p]!;
	s.x[p] = 1;
	s.needCount[j]!++;
	s.used[c.pairHelper[p]!]! += c.hours[j]!;
	s.total += c.pairScore[p]!;
}

export function remove(c: Compiled, s: State, p: number): void {
	const j = c.pairNeed[p]!;
	s.x[p] = 0;
	s.needCount[j]!--;
	const h = c.pairHelper[p]!;
	// Snap to zero when the helper becomes empty so float drift cannot accumulate.
	s.used[h] = s.used[h]! - c.hours[j]!;
	if (s.used[h]! < 1e-9) s.used[h] = 0;
	s.total -= c.pairScore[p]!;
}

/** Recomputes used hours and total from x (removes accumulated float drift). */
export function resync(c: Compiled, s: State): void {
	s.needCount.fill(0);
	s.used.fill(0);
	let total = 0;
	for (let p = 0; p < c.nPairs; p++) {
		if (!s.x[p]) continue;
		s.needCount[c.pairNeed[p]!]!++;
		s.used[c.pairHelper[p]!]! += c.hours[c.pairNeed[p]!]!;
		total += c.pairScore[p]!;
	}
	s.total = total;
}

/** Adds every pair of `order` that still fits: the greedy step used everywhere. */
export function fillGreedy(c: Compiled, s: State, order: ArrayLike<number>): void {
	for (let i = 0; i < order.length; i++) {
		const p = order[i]!;
		if (canAdd(c, s, p)) add(c, s, p);
	}
}

/** Lowest-score assigned pair of need j (needList is sorted by score desc), or -1. */
export function worstOf(c: Compiled, s: State, j: number): number {
	for (let k = c.needStart[j + 1]! - 1; k >= c.needStart[j]!; k--)
		if (s.x[c.needList[k]!]) return c.needList[k]!;
	return -1;
}

/** Best unassigned pair of need j that fits now (ignoring the slot limit) and is not at skipHelper, or -1. */
export function bestFree(c: Compiled, s: State, j: number, skipHelper: number): number {
	for (let k = c.needStart[j]!; k < c.needStart[j + 1]!; k++) {
		const p = c.needList[k]!;
		if (!s.x[p] && c.pairHelper[p] !== skipHelper && fits(c, s, p)) return p;
	}
	return -1;
}
