// What exact search hands back besides its total: the plan it found (not only the incumbent it
// was given), the incumbent kept on a tie, and `proven` read against an exact node count.
import { describe, expect, it } from 'vitest';
import { makeRelaxation, subgradient } from '../../../src/lib/domain/assignment/bound.ts';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { solveExact } from '../../../src/lib/domain/assignment/exact.ts';
import { checkFeasibility } from '../../../src/lib/domain/assignment/feasibility.ts';
import { greedyState, toAssignments } from '../../../src/lib/domain/assignment/greedy.ts';
import { generateInstance } from '../../support/assignment-instances.ts';
import { build, plan } from './plans.ts';

describe('solveExact', () => {
	it('returns the plan of its total, found without an incumbent', () => {
		// h1 takes A or B (one hour); B also fits h2: A/h1 + B/h2 = 9.
		const { c } = plan(
			build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 5, 'B/h1': 6, 'B/h2': 4 }),
			[]
		);
		const r = solveExact(c);
		expect(r.total).toBe(9);
		expect([...r.x]).toEqual([1, 0, 1]);
		expect(r.proven).toBe(true);
	});

	it('keeps its incumbent when it finds only a plan of the same total', () => {
		// A and B clash, so h takes one of them (5); the bound, blind to clashes, says 10 and lets
		// the search reach A first.
		const inst = build({ A: 1, B: 1 }, { h: 2 }, { 'A/h': 5, 'B/h': 5 });
		inst.conflicts = [{ a: 'A', b: 'B' }];
		const { c, s } = plan(inst, ['B/h']);
		const r = solveExact(c, { incumbent: s.x });
		expect([...r.x]).toEqual([0, 1]);
		expect(r).toMatchObject({ total: 5, proven: true });
	});

	// Seed 1 (22 pairs, optimum 527.6) with the subgradient's prices and a need without pairs
	// priced at 50, which must not count in the bound: the search takes 144 nodes.
	const inst = generateInstance({ needs: 8, helpers: 6, pairs: 24, seed: 1, contention: 1.5 });
	inst.needs.push({ id: 'idle', hours: 1, slots: 2 });
	const c = compile(inst);
	const { mu } = subgradient(c, makeRelaxation(c), {
		iterations: 60,
		lowerBound: greedyState(c).total
	});
	mu[8] = 50;

	it('proves the optimum when the node limit is the nodes the search needs, not one fewer', () => {
		const done = solveExact(c, { mu, nodeLimit: 144 });
		expect(done).toMatchObject({ proven: true, nodes: 144 });
		expect(done.total).toBeCloseTo(527.6, 9);
		const cut = solveExact(c, { mu, nodeLimit: 143 });
		expect(cut.proven).toBe(false);
		expect(cut.total).toBeLessThanOrEqual(527.6 + 1e-9);
		expect(checkFeasibility(inst, toAssignments(inst, c, cut.x))).toEqual([]);
	});
});

describe('solveExact with two places per need', () => {
	// Seed 1 with every need open to two helpers: the price of a need leaves the bound with its
	// last pair (all its places), which keeps the search at 105 nodes.
	const inst = generateInstance({ needs: 8, helpers: 6, pairs: 24, seed: 1, contention: 1.5 });
	inst.needs.forEach((n) => (n.slots = 2));
	const c = compile(inst);
	const { mu } = subgradient(c, makeRelaxation(c), {
		iterations: 60,
		lowerBound: greedyState(c).total
	});

	it('finishes in 105 nodes and not in 104', () => {
		expect(solveExact(c, { mu, nodeLimit: 105 })).toMatchObject({ proven: true, nodes: 105 });
		expect(solveExact(c, { mu, nodeLimit: 104 }).proven).toBe(false);
		expect(solveExact(c, { mu }).total).toBeCloseTo(solveExact(c).total, 9);
	});
});
