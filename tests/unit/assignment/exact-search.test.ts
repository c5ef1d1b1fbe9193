// Branch and bound beyond its optimum (which exact.test.ts checks against brute force): the bounds
// prune the tree to a few hundred of its millions of nodes, a good incumbent and the subgradient's
// prices prune more, and the node limit stops the search with the best plan found so far.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { solveExact } from '../../../src/lib/domain/assignment/exact.ts';
import { makeRelaxation, subgradient } from '../../../src/lib/domain/assignment/bound.ts';
import { checkFeasibility } from '../../../src/lib/domain/assignment/feasibility.ts';
import { greedyState, toAssignments } from '../../../src/lib/domain/assignment/greedy.ts';
import { generateInstance } from '../../support/assignment-instances.ts';

// 20–22 pairs each: a full binary tree over them has 2–8 million nodes.
const cases = [1, 2, 3].map((seed) => {
	const inst = generateInstance({ needs: 8, helpers: 6, pairs: 24, seed, contention: 1.5 });
	const c = compile(inst);
	const greedy = greedyState(c);
	const { mu } = subgradient(c, makeRelaxation(c), { iterations: 60, lowerBound: greedy.total });
	return { seed, inst, c, greedy, mu, plain: solveExact(c) };
});

describe('branch and bound search', () => {
	it('prunes the tree to a few hundred nodes and proves the optimum', () => {
		for (const { seed, c, plain } of cases) {
			expect(c.nPairs, `seed ${seed}`).toBeGreaterThanOrEqual(20);
			expect(plain.proven).toBe(true);
			expect(plain.nodes, `seed ${seed}`).toBeLessThan(500);
		}
	});

	it('the subgradient’s prices prune more, and find the same optimum', () => {
		for (const { seed, c, mu, plain } of cases) {
			const priced = solveExact(c, { mu });
			expect(priced.total, `seed ${seed}`).toBeCloseTo(plain.total, 9);
			expect(priced.nodes, `seed ${seed}`).toBeLessThan(plain.nodes);
		}
	});

	it('keeps an optimal incumbent, and prunes with it from the start', () => {
		// Greedy is optimal for seed 2.
		const { c, greedy, mu, plain } = cases[1]!;
		expect(greedy.total).toBeCloseTo(plain.total, 9);
		const warm = solveExact(c, { incumbent: greedy.x, mu });
		expect(warm).toMatchObject({ total: greedy.total, proven: true });
		expect([...warm.x]).toEqual([...greedy.x]);
		expect(warm.nodes).toBeLessThan(plain.nodes / 10);
	});

	it('starts from a worse incumbent and still finds the optimum', () => {
		// Greedy is 482.3 for seed 1, the optimum 527.6.
		const { c, greedy, plain } = cases[0]!;
		expect(greedy.total).toBeLessThan(plain.total - 1);
		const warm = solveExact(c, { incumbent: greedy.x });
		expect(warm.total).toBeCloseTo(plain.total, 9);
		expect(warm.proven).toBe(true);
	});

	it('stops at the node limit with the best feasible plan found, not proven', () => {
		const { inst, c, greedy, plain } = cases[0]!;
		const cut = solveExact(c, { nodeLimit: 10 });
		expect(cut).toMatchObject({ proven: false, nodes: 11 });
		expect(cut.total).toBeGreaterThan(0);
		expect(cut.total).toBeLessThanOrEqual(plain.total);
		expect(checkFeasibility(inst, toAssignments(inst, c, cut.x))).toEqual([]);
		// With an incumbent, never below it.
		const warm = solveExact(c, { incumbent: greedy.x, nodeLimit: 10 });
		expect(warm.total).toBeGreaterThanOrEqual(greedy.total - 1e-9);
		expect(solveExact(c, { nodeLimit: plain.nodes })).toMatchObject({ proven: true });
	});

	it('an empty instance is one node, proven, total 0', () => {
		expect(solveExact(compile({ helpers: [], needs: [], candidates: [] }))).toMatchObject({
			total: 0,
			proven: true,
			nodes: 1
		});
	});
});
