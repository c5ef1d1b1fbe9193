import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { solveExact } from '../../../src/lib/domain/assignment/exact.ts';
import { solveAssignment, solveCompiled } from '../../../src/lib/domain/assignment/solve.ts';
import { generateInstance } from '../../support/assignment-instances.ts';
import { checkFeasibility } from '../../../src/lib/domain/assignment/feasibility.ts';
import { makeRelaxation, subgradient } from '../../../src/lib/domain/assignment/bound.ts';
import { greedyState, toAssignments } from '../../../src/lib/domain/assignment/greedy.ts';
import { bruteForce, cases, tinyInstance } from './helpers.ts';

const EPS = 1e-9;

describe('branch and bound', () => {
	it('matches brute force on tiny instances', () => {
		fc.assert(
			fc.property(tinyInstance(12), (inst) => {
				const c = compile(inst);
				const ex = solveExact(c);
				expect(ex.proven).toBe(true);
				expect(Math.abs(ex.total - bruteForce(inst))).toBeLessThanOrEqual(EPS);
				expect(checkFeasibility(inst, toAssignments(inst, c, ex.x))).toEqual([]);
			}),
			{ numRuns: cases(300, 20), seed: 11 }
		);
		// 300 cases take 2–4 s alone; the unit project's timeout leaves room for a loaded machine.
	});

	it('any need prices only change the pruning, never the optimum', () => {
		// The bound with prices mu stays an upper bound for every mu >= 0, however far from the
		// subgradient's: a price term the search books wrongly would prune the optimum away.
		fc.assert(
			fc.property(
				tinyInstance(12),
				fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
				(inst, prices) => {
					const c = compile(inst);
					const mu = Float64Array.from(prices.slice(0, c.nNeeds), (m) => m / 4);
					const ex = solveExact(c, { mu });
					expect(ex.proven).toBe(true);
					expect(Math.abs(ex.total - bruteForce(inst))).toBeLessThanOrEqual(EPS);
					expect(checkFeasibility(inst, toAssignments(inst, c, ex.x))).toEqual([]);
				}
			),
			{ numRuns: cases(300, 30), seed: 12 }
		);
	});

	it('Lagrangian bound is >= the exact optimum, and so is the solver bound', () => {
		for (let seed = 1; seed <= cases(12, 1); seed++) {
			const inst = generateInstance({ needs: 14, helpers: 10, pairs: 56, seed, contention: 1.5 });
			const c = compile(inst);
			const g = greedyState(c);
			const relax = makeRelaxation(c);
			const sub = subgradient(c, relax, { iterations: 60, lowerBound: g.total });
			const ex = solveExact(c, { incumbent: g.x, mu: sub.mu });
			expect(ex.proven).toBe(true);
			expect(sub.bound).toBeGreaterThanOrEqual(ex.total - EPS);
			// Different prices give the same optimum (prices only change the pruning).
			expect(solveExact(c).total).toBeCloseTo(ex.total, 9);
			const heur = solveAssignment(inst, { exactPairLimit: 0 });
			expect(heur.upperBound).toBeGreaterThanOrEqual(ex.total - EPS);
			expect(heur.total).toBeLessThanOrEqual(ex.total + EPS);
			expect(heur.total).toBeGreaterThanOrEqual(heur.greedyTotal - EPS);
			expect(heur.total).toBeGreaterThanOrEqual(0.97 * ex.total);
			const dflt = solveAssignment(inst, { exactPairLimit: 100 });
			expect(dflt.total).toBeCloseTo(ex.total, 9);
			expect(dflt.optimal).toBe(true);
		}
	});
});

describe('heuristic vs exact optimum on generated 40-need instances', () => {
	it('is sound, never below greedy and within 2% of the optimum', () => {
		fc.assert(
			fc.property(
				fc.record({
					seed: fc.nat(),
					contention: fc.double({ min: 1, max: 2, noNaN: true }),
					tail: fc.constantFrom(0, 0.1, 0.3)
				}),
				({ seed, contention, tail }) => {
					const inst = generateInstance({
						needs: 40,
						helpers: 25,
						pairs: 200,
						seed,
						contention,
						tailFraction: tail
					});
					const c = compile(inst);
					const heur = solveAssignment(inst, { exactPairLimit: 0 });
					const warm = solveCompiled(c, { exactPairLimit: 0 });
					const ex = solveExact(c, { incumbent: warm.x, mu: warm.mu, nodeLimit: 3_000_000 });
					expect(ex.proven).toBe(true);
					expect(checkFeasibility(inst, heur.assignments)).toEqual([]);
					expect(heur.upperBound).toBeGreaterThanOrEqual(ex.total - EPS);
					expect(heur.total).toBeLessThanOrEqual(ex.total + EPS);
					expect(heur.total).toBeGreaterThanOrEqual(heur.greedyTotal - EPS);
					expect(heur.total).toBeGreaterThanOrEqual(0.98 * ex.total);
					const dflt = solveAssignment(inst); // exact search with a node limit inside
					expect(dflt.total).toBeGreaterThanOrEqual(heur.total - EPS);
					if (dflt.optimal) expect(dflt.total).toBeCloseTo(ex.total, 9);
				}
			),
			{ numRuns: cases(12, 1), seed: 5 }
		);
	});
});
