import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { solveAssignment } from '../../../src/lib/domain/assignment/solve.ts';
import { greedy } from '../../../src/lib/domain/assignment/greedy.ts';
import { checkFeasibility, scoreOf } from '../../../src/lib/domain/assignment/feasibility.ts';
import { generateInstance } from '../../support/assignment-instances.ts';
import type { Instance, SolveResult } from '../../../src/lib/domain/assignment/types.ts';
import { bruteForce, cases, tinyInstance, UNDER_MUTATION } from './helpers.ts';

const EPS = 1e-9;

function expectSound(inst: Instance, r: SolveResult) {
	expect(checkFeasibility(inst, r.assignments)).toEqual([]);
	expect(Math.abs(scoreOf(inst, r.assignments) - r.total)).toBeLessThanOrEqual(EPS);
	expect(r.total).toBeLessThanOrEqual(r.upperBound + EPS);
	expect(r.total).toBeGreaterThanOrEqual(r.greedyTotal - EPS);
	expect(r.greedyTotal).toBeCloseTo(greedy(inst).total, 9);
}

describe('solveAssignment on tiny instances (vs brute force)', () => {
	it('is feasible, consistent and exactly optimal with default options', () => {
		fc.assert(
			fc.property(tinyInstance(), (inst) => {
				const r = solveAssignment(inst);
				expectSound(inst, r);
				const opt = bruteForce(inst);
				expect(Math.abs(r.total - opt)).toBeLessThanOrEqual(EPS);
				expect(r.upperBound).toBeGreaterThanOrEqual(opt - EPS);
			}),
			{ numRuns: cases(300, 20), seed: 42 }
		);
	});

	it('heuristic path (exact search disabled) stays sound and its bound stays valid', () => {
		let optimalCount = 0;
		let runs = 0;
		fc.assert(
			fc.property(tinyInstance(12), (inst) => {
				const r = solveAssignment(inst, { exactPairLimit: 0 });
				expectSound(inst, r);
				const opt = bruteForce(inst);
				expect(r.upperBound).toBeGreaterThanOrEqual(opt - EPS);
				expect(r.total).toBeLessThanOrEqual(opt + EPS);
				runs++;
				if (r.total >= opt - EPS) optimalCount++;
			}),
			{ numRuns: cases(300, 20), seed: 7 }
		);
		// The heuristic does not guarantee optimality, but it should almost always find it here.
		expect(optimalCount / runs).toBeGreaterThan(0.95);
	});

	it('is deterministic', () => {
		const inst = UNDER_MUTATION
			? generateInstance({ needs: 15, helpers: 40, pairs: 120, seed: 3 })
			: generateInstance({ needs: 60, helpers: 200, pairs: 600, seed: 3 });
		const a = solveAssignment(inst, { timeBudgetMs: 60_000 });
		const b = solveAssignment(inst, { timeBudgetMs: 60_000 });
		expect(b).toEqual(a);
	});
});

describe('solveAssignment edge cases', () => {
	it('handles empty instances', () => {
		const r = solveAssignment({ helpers: [], needs: [], candidates: [] });
		expect(r).toMatchObject({ assignments: [], total: 0, upperBound: 0, greedyTotal: 0 });
	});

	it('respects fractional capacities exactly at the boundary', () => {
		const inst: Instance = {
			helpers: [{ id: 'h', capacity: 0.3 }],
			needs: [
				{ id: 'a', hours: 0.1, slots: 1 },
				{ id: 'b', hours: 0.2, slots: 1 },
				{ id: 'c', hours: 0.1, slots: 1 }
			],
			candidates: [
				{ need: 'a', helper: 'h', score: 1 },
				{ need: 'b', helper: 'h', score: 1 },
				{ need: 'c', helper: 'h', score: 1 }
			]
		};
		const r = solveAssignment(inst);
		expect(checkFeasibility(inst, r.assignments)).toEqual([]);
		expect(r.total).toBe(2);
	});

	it('beats greedy where greedy is fooled by a long need', () => {
		// Greedy takes the 8-hour need (score 10) and blocks two 4-hour needs (score 9 each).
		const inst: Instance = {
			helpers: [{ id: 'h', capacity: 8 }],
			needs: [
				{ id: 'long', hours: 8, slots: 1 },
				{ id: 's1', hours: 4, slots: 1 },
				{ id: 's2', hours: 4, slots: 1 }
			],
			candidates: [
				{ need: 'long', helper: 'h', score: 10 },
				{ need: 's1', helper: 'h', score: 9 },
				{ need: 's2', helper: 'h', score: 9 }
			]
		};
		const r = solveAssignment(inst, { exactPairLimit: 0 });
		expect(r.greedyTotal).toBe(10);
		expect(r.total).toBe(18);
	});
});
