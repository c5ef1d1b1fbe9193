// Small plans for the move tests: an instance from `need/helper: score` pairs and a state with
// some of them in, read back by name.
import { compile, type Compiled } from '../../../src/lib/domain/assignment/compile.ts';
import { add, emptyState, type State } from '../../../src/lib/domain/assignment/state.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

/** An instance from `need/helper: score` pairs; hours per need, capacity per helper. */
export function build(
	hours: Record<string, number>,
	caps: Record<string, number>,
	pairs: Record<string, number>,
	slots: Record<string, number> = {}
): Instance {
	return {
		needs: Object.entries(hours).map(([id, h]) => ({ id, hours: h, slots: slots[id] ?? 1 })),
		helpers: Object.entries(caps).map(([id, capacity]) => ({ id, capacity })),
		candidates: Object.entries(pairs).map(([key, score]) => {
			const [need, helper] = key.split('/');
			return { need: need!, helper: helper!, score };
		})
	};
}

/** The state with the named pairs in, and a reader of which pairs are in. */
export function plan(
	inst: Instance,
	chosen: string[]
): { c: Compiled; s: State; pairs: () => string[] } {
	const c = compile(inst);
	const name = (p: number) => {
		const cand = inst.candidates[c.pairOrig[p]!]!;
		return `${cand.need}/${cand.helper}`;
	};
	const s = emptyState(c);
	for (let p = 0; p < c.nPairs; p++) if (chosen.includes(name(p))) add(c, s, p);
	const pairs = () =>
		Array.from({ length: c.nPairs }, (_, p) => p)
			.filter((p) => s.x[p])
			.map(name)
			.sort();
	return { c, s, pairs };
}
