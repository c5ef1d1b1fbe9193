// Test helpers: tiny-instance arbitraries and an exhaustive reference solver on the raw instance.
import fc from 'fast-check';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

/**
 * Under mutation testing (vitest.stryker.config.ts sets ZEITSPENDE_MUTATION=1) the instrumented
 * solver runs several times slower and every surviving mutant reruns the test: the property tests
 * then take `reduced` cases instead of `full`. Plain `npm test` always runs `full`.
 */
export const UNDER_MUTATION = process.env.ZEITSPENDE_MUTATION === '1';
export function cases(full: number, reduced: number): number {
	return UNDER_MUTATION ? reduced : full;
}

/** Exhaustive optimum over all subsets of candidate pairs (independent of the solver's code). */
export function bruteForce(inst: Instance): number {
	const n = inst.candidates.length;
	if (n > 16) throw new Error('too many pairs for brute force');
	const hours = new Map(inst.needs.map((x) => [x.id, x.hours]));
	const slots = new Map(inst.needs.map((x) => [x.id, x.slots]));
	const cap = new Map(inst.helpers.map((x) => [x.id, x.capacity]));
	let best = 0;
	for (let mask = 0; mask < 1 << n; mask++) {
		const count = new Map<string, number>();
		const used = new Map<string, number>();
		let total = 0;
		let ok = true;
		for (let i = 0; i < n && ok; i++) {
			if (!(mask & (1 << i))) continue;
			const c = inst.candidates[i]!;
			const u = (used.get(c.helper) ?? 0) + hours.get(c.need)!;
			const k = (count.get(c.need) ?? 0) + 1;
			used.set(c.helper, u);
			count.set(c.need, k);
			ok = k <= slots.get(c.need)! && u <= cap.get(c.helper)! + 1e-9;
			total += c.score;
		}
		if (ok && total > best) best = total;
	}
	return best;
}

/** Tiny instances: up to 3 helpers, 4 needs, 10 pairs; hours/capacities in halves or thirds. */
export function tinyInstance(maxPairs = 10): fc.Arbitrary<Instance> {
	return fc
		.record({
			denom: fc.constantFrom(2, 3),
			caps: fc.array(fc.integer({ min: 1, max: 18 }), { minLength: 1, maxLength: 3 }),
			needs: fc.array(
				fc.record({
					hours: fc.integer({ min: 1, max: 12 }),
					slots: fc.integer({ min: 1, max: 3 })
				}),
				{
					minLength: 1,
					maxLength: 4
				}
			),
			pairs: fc.array(
				fc.record({ n: fc.nat(), h: fc.nat(), score: fc.integer({ min: 0, max: 200 }) }),
				{ maxLength: maxPairs }
			)
		})
		.map(({ denom, caps, needs, pairs }) => {
			const seen = new Set<string>();
			const candidates = [];
			for (const p of pairs) {
				const need = `n${p.n % needs.length}`;
				const helper = `h${p.h % caps.length}`;
				if (seen.has(need + helper)) continue;
				seen.add(need + helper);
				candidates.push({ need, helper, score: p.score / 4 });
			}
			return {
				helpers: caps.map((c, i) => ({ id: `h${i}`, capacity: c / denom })),
				needs: needs.map((x, i) => ({ id: `n${i}`, hours: x.hours / denom, slots: x.slots })),
				candidates
			};
		});
}
