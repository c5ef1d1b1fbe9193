// What the solver's options and its `optimal` flag mean, on generated instances whose figures
// are known: the heuristics alone, exact search on top, and the effort that sizes the heuristics.
import { describe, expect, it } from 'vitest';
import { needSideBound } from '../../../src/lib/domain/assignment/bound.ts';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { checkFeasibility, scoreOf } from '../../../src/lib/domain/assignment/feasibility.ts';
import { solveAssignment } from '../../../src/lib/domain/assignment/solve.ts';
import { generateInstance } from '../../support/assignment-instances.ts';

const instance = (seed: number) =>
	generateInstance({ needs: 8, helpers: 6, pairs: 24, seed, contention: 1.5 });

describe('solveAssignment options', () => {
	// Seed 1: greedy 482.3, the heuristics 525.6 with a bound of 540.35, the optimum 527.6.
	const open = instance(1);
	const pairs = compile(open).nPairs;

	it('exact search closes what the heuristics leave open, and then says optimal', () => {
		const heuristic = solveAssignment(open, { exactPairLimit: 0 });
		expect(heuristic.optimal).toBe(false);
		expect(heuristic.total).toBeCloseTo(525.6, 6);
		expect(heuristic.upperBound).toBeGreaterThan(527.6);
		const exact = solveAssignment(open);
		expect(exact).toMatchObject({ optimal: true });
		expect(exact.total).toBeCloseTo(527.6, 6);
		expect(exact.upperBound).toBeCloseTo(527.6, 6);
		expect(checkFeasibility(open, exact.assignments)).toEqual([]);
		expect(scoreOf(open, exact.assignments)).toBeCloseTo(exact.total, 9);
	});

	it('exactPairLimit: exact search up to that many pairs, inclusive', () => {
		expect(solveAssignment(open, { exactPairLimit: pairs }).optimal).toBe(true);
		expect(solveAssignment(open, { exactPairLimit: pairs - 1 }).optimal).toBe(false);
	});

	it('the heuristics alone say optimal when their bound meets their total', () => {
		// Seed 5: greedy 531.9, the heuristics 565.8, and the Lagrangian bound proves it.
		const r = solveAssignment(instance(5), { exactPairLimit: 0 });
		expect(r.optimal).toBe(true);
		expect(r.total).toBeCloseTo(565.8, 6);
		expect(r.upperBound).toBeCloseTo(r.total, 6);
		expect(r.greedyTotal).toBeCloseTo(531.9, 6);
	});

	it('effort 0: no price rounds and no improving passes, so greedy’s plan and the need-side bound', () => {
		const r = solveAssignment(open, { effort: 0, exactPairLimit: 0 });
		expect(r.total).toBeCloseTo(r.greedyTotal, 9);
		expect(r.greedyTotal).toBeCloseTo(482.3, 6);
		expect(r.upperBound).toBeCloseTo(needSideBound(compile(open)), 9);
		expect(r.optimal).toBe(false);
	});
});
