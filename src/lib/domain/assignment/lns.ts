// Large-neighbourhood move: re-choose the whole set of needs served by one helper with an exact
// knapsack. Each candidate need is valued by its marginal effect on the rest of the solution:
// keeping a current need costs its best alternative elsewhere; taking a need that is already full
// costs its worst current assignment. The move is applied tentatively and undone unless it gains.
import type { Compiled } from './compile.ts';
import { knapsack, type Grid } from './knapsack.ts';
import { add, bestFree, canAdd, remove, worstOf, type State } from './state.ts';

const GAIN_EPS = 1e-9;
const MAX_CELLS = 4_000_000;

export function helperReoptPass(c: Compiled, s: State, grid: Grid, deadline: number): number {
	const cells = (h: number) => (c.helperStart[h + 1]! - c.helperStart[h]!) * (grid.cap[h]! + 1);
	let maxItems = 1;
	let maxCap = 1;
	let maxCells = 1;
	for (let h = 0; h < c.nHelpers; h++) {
		if (cells(h) > MAX_CELLS) continue; // too big for an exact table: helper is skipped
		maxItems = Math.max(maxItems, c.helperStart[h + 1]! - c.helperStart[h]!);
		maxCap = Math.max(maxCap, grid.cap[h]!);
		maxCells = Math.max(maxCells, cells(h));
	}
	const wts = new Int32Array(maxItems);
	const val = new Float64Array(maxItems);
	const take = new Uint8Array(maxItems);
	const dp = new Float64Array(maxCap + 1);
	const keep = new Uint8Array(maxCells);
	const ops: number[] = [];
	let moves = 0;
	for (let h = 0; h < c.nHelpers; h++) {
		if ((h & 255) === 0 && Date.now() > deadline) break;
		const st = c.helperStart[h]!;
		const n = c.helperStart[h + 1]! - st;
		if (n === 0 || cells(h) > MAX_CELLS) continue;
		let current = 0;
		for (let i = 0; i < n; i++) {
			const p = c.helperList[st + i]!;
			const j = c.pairNeed[p]!;
			wts[i] = grid.w[j]!;
			if (s.x[p]) {
				const alt = bestFree(c, s, j, h);
				val[i] = c.pairScore[p]! - (alt >= 0 ? c.pairScore[alt]! : 0);
				current += val[i]!;
			} else if (s.needCount[j]! < c.slots[j]!) val[i] = c.pairScore[p]!;
			else val[i] = c.pairScore[p]! - c.pairScore[worstOf(c, s, j)]!;
		}
		const predicted = knapsack(wts, val, n, grid.cap[h]!, take, dp, keep);
		if (predicted <= current + GAIN_EPS) continue;
		const before = s.total;
		ops.length = 0;
		const doAdd = (p: number) => (add(c, s, p), ops.push(p + 1));
		const doRemove = (p: number) => (remove(c, s, p), ops.push(-(p + 1)));
		const leaving: number[] = [];
		for (let i = 0; i < n; i++) {
			const p = c.helperList[st + i]!;
			if (s.x[p] && !take[i]) {
				doRemove(p);
				leaving.push(c.pairNeed[p]!);
			}
		}
		let ok = true;
		for (let i = 0; i < n && ok; i++) {
			const p = c.helperList[st + i]!;
			if (s.x[p] || !take[i]) continue;
			const j = c.pairNeed[p]!;
			if (s.needCount[j]! >= c.slots[j]!) doRemove(worstOf(c, s, j));
			if (canAdd(c, s, p)) doAdd(p);
			else ok = false;
		}
		if (ok) {
			for (const j of leaving) {
				const alt = bestFree(c, s, j, h);
				if (alt >= 0 && canAdd(c, s, alt)) doAdd(alt);
			}
		}
		if (ok && s.total > before + GAIN_EPS) {
			moves++;
			continue;
		}
		for (let k = ops.length - 1; k >= 0; k--) {
			const op = ops[k]!;
			if (op > 0) remove(c, s, op - 1);
			else add(c, s, -op - 1);
		}
	}
	return moves;
}
