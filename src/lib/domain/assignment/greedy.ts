// Baseline: all pairs by score descending, take each one that is still feasible.
import { compile, type Compiled } from './compile.ts';
import { emptyState, fillGreedy, type State } from './state.ts';
import type { Assignment, Instance } from './types.ts';

export function greedyState(c: Compiled): State {
	const s = emptyState(c);
	fillGreedy(c, s, c.byScore);
	return s;
}

export function greedy(instance: Instance): { assignments: Assignment[]; total: number } {
	const c = compile(instance);
	const s = greedyState(c);
	return { assignments: toAssignments(instance, c, s.x), total: exactTotal(instance, c, s.x) };
}

/** Assignments in a stable order: need input order, then score descending. */
export function toAssignments(instance: Instance, c: Compiled, x: Uint8Array): Assignment[] {
	const out: Assignment[] = [];
	for (let j = 0; j < c.nNeeds; j++) {
		for (let k = c.needStart[j]!; k < c.needStart[j + 1]!; k++) {
			const p = c.needList[k]!;
			if (!x[p]) continue;
			const cand = instance.candidates[c.pairOrig[p]!]!;
			out.push({ need: cand.need, helper: cand.helper });
		}
	}
	return out;
}

/** Total recomputed from the chosen pairs in a fixed order (so it equals a fresh sum of the scores). */
export function exactTotal(instance: Instance, c: Compiled, x: Uint8Array): number {
	let t = 0;
	for (const a of toAssignmentIndices(c, x)) t += instance.candidates[c.pairOrig[a]!]!.score;
	return t;
}

function toAssignmentIndices(c: Compiled, x: Uint8Array): number[] {
	const out: number[] = [];
	for (let j = 0; j < c.nNeeds; j++)
		for (let k = c.needStart[j]!; k < c.needStart[j + 1]!; k++)
			if (x[c.needList[k]!]) out.push(c.needList[k]!);
	return out;
}
