// Local search: add, swap within a need, and ejection moves (make room at a helper by moving or
// dropping one or two of its assignments, re-inserting each ejected need at its best free helper).
import type { Compiled } from './compile.ts';
import type { Grid } from './knapsack.ts';
import { helperReoptPass } from './lns.ts';
import { add, bestFree, canAdd, fits, remove, worstOf, type State } from './state.ts';

const GAIN_EPS = 1e-9;

/** Journal of changes so that a tentative compound move can be undone exactly. */
interface Journal {
	ops: number[]; // +p+1 for add, -(p+1) for remove
}

function jAdd(c: Compiled, s: State, jr: Journal, p: number) {
	add(c, s, p);
	jr.ops.push(p + 1);
}
function jRemove(c: Compiled, s: State, jr: Journal, p: number) {
	remove(c, s, p);
	jr.ops.push(-(p + 1));
}
function undo(c: Compiled, s: State, jr: Journal) {
	for (let i = jr.ops.length - 1; i >= 0; i--) {
		const op = jr.ops[i]!;
		// Stryker disable next-line EqualityOperator: an op is p + 1 or -(p + 1), never 0
		if (op > 0) remove(c, s, op - 1);
		else add(c, s, -op - 1);
	}
	jr.ops.length = 0;
}

/** Adds and in-need swaps until none improves. Returns true if anything changed. */
export function addAndSwap(c: Compiled, s: State): boolean {
	let changed = false;
	// Stryker disable next-line EqualityOperator: need nNeeds has no pairs (needStart[nNeeds + 1] is undefined)
	for (let j = 0; j < c.nNeeds; j++) {
		for (let k = c.needStart[j]!; k < c.needStart[j + 1]!; k++) {
			const p = c.needList[k]!;
			if (s.x[p] || !fits(c, s, p)) continue;
			if (s.needCount[j]! < c.slots[j]!) {
				add(c, s, p);
				changed = true;
				continue;
			}
			const q = worstOf(c, s, j);
			if (q >= 0 && c.pairScore[p]! > c.pairScore[q]! + GAIN_EPS) {
				remove(c, s, q);
				add(c, s, p);
				changed = true;
			}
		}
	}
	return changed;
}

/** One pass of ejection moves. Returns the number of improving moves applied. */
export function ejectionPass(c: Compiled, s: State, deadline: number): number {
	// Snapshot of assignments per helper (entries may go stale during the pass; checked on use).
	const start = new Int32Array(c.nHelpers + 1);
	// Stryker disable next-line EqualityOperator: s.x[nPairs] is undefined
	for (let p = 0; p < c.nPairs; p++) if (s.x[p]) start[c.pairHelper[p]! + 1]!++;
	// Stryker disable next-line EqualityOperator: start[nHelpers + 1] is past the array, the write is dropped
	for (let h = 0; h < c.nHelpers; h++) start[h + 1]! += start[h]!;
	const list = new Int32Array(start[c.nHelpers]!);
	const fill = start.slice(0, c.nHelpers);
	// Stryker disable next-line EqualityOperator: s.x[nPairs] is undefined
	for (let p = 0; p < c.nPairs; p++) if (s.x[p]) list[fill[c.pairHelper[p]!]!++] = p;
	// Value of re-inserting need j elsewhere if it loses one assignment (stale estimate, verified on use).
	const alt = new Float64Array(c.nNeeds);
	// Stryker disable next-line EqualityOperator: need nNeeds has no pairs and alt[nNeeds] is past the array
	for (let j = 0; j < c.nNeeds; j++) {
		const p = bestFree(c, s, j, -1);
		alt[j] = p >= 0 ? c.pairScore[p]! : 0;
	}
	const jr: Journal = { ops: [] };
	let moves = 0;
	// Stryker disable next-line EqualityOperator: need nNeeds has no pairs (needStart[nNeeds + 1] is undefined)
	for (let j = 0; j < c.nNeeds; j++) {
		if ((j & 63) === 0 && Date.now() > deadline) break;
		const wj = c.hours[j]!;
		for (let k = c.needStart[j]!; k < c.needStart[j + 1]!; k++) {
			const p = c.needList[k]!;
			if (s.x[p]) continue;
			const full = s.needCount[j]! >= c.slots[j]!;
			const q = full ? worstOf(c, s, j) : -1;
			const gain0 = c.pairScore[p]! - (q >= 0 ? c.pairScore[q]! : 0);
			if (gain0 <= GAIN_EPS) continue;
			const h = c.pairHelper[p]!;
			const deficit = s.used[h]! + wj - c.cap[h]!;
			if (deficit <= 0) continue; // plain add/swap is handled by addAndSwap
			// Find the cheapest one or two assignments at h whose removal covers the deficit.
			let bestLoss = gain0 - GAIN_EPS;
			let r1 = -1;
			// Stryker disable next-line UnaryOperator: r2 is set wherever r1 is, and r1 < 0 skips the move
			let r2 = -1;
			for (let a = start[h]!; a < start[h + 1]!; a++) {
				const ra = list[a]!;
				if (!s.x[ra]) continue;
				const ja = c.pairNeed[ra]!;
				const lossA = c.pairScore[ra]! - alt[ja]!;
				if (lossA >= bestLoss) continue;
				if (c.hours[ja]! >= deficit - 1e-9) {
					bestLoss = lossA;
					r1 = ra;
					r2 = -1;
					continue;
				}
				for (let b = a + 1; b < start[h + 1]!; b++) {
					const rb = list[b]!;
					if (!s.x[rb]) continue;
					const jb = c.pairNeed[rb]!;
					if (c.hours[ja]! + c.hours[jb]! < deficit - 1e-9) continue;
					const loss = lossA + c.pairScore[rb]! - alt[jb]!;
					if (loss < bestLoss) {
						bestLoss = loss;
						r1 = ra;
						r2 = rb;
					}
				}
			}
			if (r1 < 0) continue;
			const before = s.total;
			jRemove(c, s, jr, r1);
			// Stryker disable next-line EqualityOperator: r2 comes after r1 in the helper's pair-ordered list, so r2 > 0 whenever set
			if (r2 >= 0) jRemove(c, s, jr, r2);
			if (q >= 0) jRemove(c, s, jr, q);
			if (!canAdd(c, s, p)) {
				undo(c, s, jr);
				continue;
			}
			jAdd(c, s, jr, p);
			for (const r of r2 >= 0 ? [r1, r2] : [r1]) {
				const alt2 = bestFree(c, s, c.pairNeed[r]!, h);
				// Stryker disable next-line LogicalOperator: bestFree's pair fits and is free, and its need just lost r, so canAdd holds
				if (alt2 >= 0 && canAdd(c, s, alt2)) jAdd(c, s, jr, alt2);
			}
			if (s.total > before + GAIN_EPS) {
				moves++;
				jr.ops.length = 0;
			} else undo(c, s, jr);
		}
	}
	return moves;
}

/** Runs the moves until no pass improves or the pass limit / deadline is reached. */
export function localSearch(
	c: Compiled,
	s: State,
	grid: Grid,
	maxPasses: number,
	deadline: number
): void {
	addAndSwap(c, s);
	for (let pass = 0; pass < maxPasses && Date.now() <= deadline; pass++) {
		const reopt = helperReoptPass(c, s, grid, deadline);
		const moves = ejectionPass(c, s, deadline);
		const changed = addAndSwap(c, s);
		if (reopt === 0 && moves === 0 && !changed) break;
	}
}
