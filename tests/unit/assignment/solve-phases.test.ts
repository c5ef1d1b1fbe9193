// How solveCompiled strings its phases together, each phase replaced by a stand-in that reports
// what it was given: which constructions local search runs on (the pool), how a relaxed choice is
// repaired, which total is reported back, the deadline, and what is taken from exact search.
// solveAssignment's last guard (an infeasible plan is never handed out) is checked by an exact
// search that returns a plan breaking one rule.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as bound from '../../../src/lib/domain/assignment/bound.ts';
import { compile, type Compiled } from '../../../src/lib/domain/assignment/compile.ts';
import * as exact from '../../../src/lib/domain/assignment/exact.ts';
import * as ls from '../../../src/lib/domain/assignment/localsearch.ts';
import { solveAssignment, solveCompiled } from '../../../src/lib/domain/assignment/solve.ts';
import type { State } from '../../../src/lib/domain/assignment/state.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

type Sub = typeof bound.subgradient;
type Local = typeof ls.localSearch;
type Exact = typeof exact.solveExact;
const stand = vi.hoisted(() => ({
	sub: null as null | ((...a: unknown[]) => unknown),
	local: null as null | ((...a: unknown[]) => unknown),
	exact: null as null | ((...a: unknown[]) => unknown)
}));

vi.mock('../../../src/lib/domain/assignment/bound.ts', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../../src/lib/domain/assignment/bound.ts')>();
	const subgradient = (...a: Parameters<Sub>) => (stand.sub ?? real.subgradient)(...a);
	return { ...real, subgradient };
});
vi.mock('../../../src/lib/domain/assignment/localsearch.ts', async (importOriginal) => {
	const real =
		await importOriginal<typeof import('../../../src/lib/domain/assignment/localsearch.ts')>();
	const localSearch = (...a: Parameters<Local>) => (stand.local ?? real.localSearch)(...a);
	return { ...real, localSearch };
});
vi.mock('../../../src/lib/domain/assignment/exact.ts', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../../src/lib/domain/assignment/exact.ts')>();
	const solveExact = (...a: Parameters<Exact>) => (stand.exact ?? real.solveExact)(...a);
	return { ...real, solveExact };
});

afterEach(() => {
	stand.sub = stand.local = stand.exact = null;
	vi.restoreAllMocks();
});

/** Needs of 1 hour and 1 slot unless given; candidates as [need, helper, score]. */
function inst(
	caps: Record<string, number>,
	needs: Record<string, { hours?: number; slots?: number }>,
	cands: [string, string, number][],
	conflicts: [string, string][] = []
): Instance {
	return {
		helpers: Object.entries(caps).map(([id, capacity]) => ({ id, capacity })),
		needs: Object.entries(needs).map(([id, n]) => ({
			id,
			hours: n.hours ?? 1,
			slots: n.slots ?? 1
		})),
		candidates: cands.map(([need, helper, score]) => ({ need, helper, score })),
		conflicts: conflicts.map(([a, b]) => ({ a, b }))
	};
}

const picked = (x: Uint8Array) => [...x].flatMap((v, p) => (v ? [p] : []));

/** Greedy takes A (2 hours, 10); B and C (1 hour, 6 each) together make 12. */
const pairUp = compile(
	inst({ h: 2 }, { A: { hours: 2 }, B: {}, C: {} }, [
		['A', 'h', 10],
		['B', 'h', 6],
		['C', 'h', 6]
	])
);

/** A subgradient stand-in that offers the given relaxed choices (pair lists) one by one. */
function offering(
	choices: number[][],
	result: { bound?: number; mu?: Float64Array; after?: () => void } = {}
) {
	const reported: (number | undefined)[] = [];
	const seen: { deadline?: number; lowerBound: number; gap?: number }[] = [];
	stand.sub = ((c: Compiled, _r: unknown, opts: bound.SubgradientOptions) => {
		seen.push({ deadline: opts.deadline, lowerBound: opts.lowerBound, gap: opts.gap });
		const xs = new Uint8Array(c.nPairs);
		const mu = result.mu ?? new Float64Array(c.nNeeds);
		choices.forEach((ch, i) => {
			xs.fill(0);
			for (const p of ch) xs[p] = 1;
			reported.push(opts.onIterate?.(xs, mu, i));
		});
		result.after?.();
		return { bound: result.bound ?? 1e9, mu, iterations: choices.length };
	}) as (...a: unknown[]) => unknown;
	return { reported, seen };
}

/** A local-search stand-in that records each construction it is given and leaves it as it is. */
function recordingLocal(change?: (c: Compiled, s: State, call: number) => void) {
	const calls: { total: number; pairs: number[] }[] = [];
	stand.local = ((c: Compiled, s: State) => {
		calls.push({ total: s.total, pairs: picked(s.x) });
		change?.(c, s, calls.length - 1);
	}) as (...a: unknown[]) => unknown;
	return calls;
}

describe('solveCompiled: constructions and the pool for local search', () => {
	// One helper with one hour: a repaired choice keeps its best-scored pair, greedy takes A (10).
	const one = compile(
		inst({ h: 1 }, { A: {}, B: {}, C: {}, D: {}, E: {} }, [
			['A', 'h', 10],
			['B', 'h', 8],
			['C', 'h', 7],
			['D', 'h', 5],
			['E', 'h', 3]
		])
	);

	it('runs local search on greedy and the best distinct constructions, at most 3, best first', () => {
		// Constructions 3, 5, 8, 7, 3, 5: the pool keeps 10 (greedy), 8 and 7.
		const { reported } = offering([[4], [3], [1], [2], [4], [3]]);
		const calls = recordingLocal();
		solveCompiled(one, { exactPairLimit: 0 });
		expect(calls).toEqual([
			{ total: 10, pairs: [0] },
			{ total: 8, pairs: [1] },
			{ total: 7, pairs: [2] }
		]);
		expect(reported).toEqual([10, 10, 10, 10, 10, 10]);
	});

	it('keeps a construction whose total is already in the pool only once', () => {
		offering([[4], [4], [0]]);
		const calls = recordingLocal();
		solveCompiled(one, { exactPairLimit: 0 });
		expect(calls.map((k) => k.total)).toEqual([10, 3]);
	});

	it('keeps the first two constructions when the pool has room, sorted', () => {
		offering([[3], [4]]);
		const calls = recordingLocal();
		solveCompiled(one, { exactPairLimit: 0 });
		expect(calls.map((k) => k.total)).toEqual([10, 5, 3]);
	});

	it('reports the best construction back to the subgradient and returns it', () => {
		const { reported, seen } = offering([[], [1, 2], [0]]);
		const calls = recordingLocal();
		const sol = solveCompiled(pairUp, { exactPairLimit: 0 });
		expect(seen[0]!.lowerBound).toBe(10);
		expect(reported).toEqual([10, 12, 12]);
		expect(calls.map((k) => k.total)).toEqual([12, 10]);
		expect(sol.total).toBe(12);
		expect(picked(sol.x)).toEqual([1, 2]);
		expect(sol.greedy.total).toBe(10);
	});

	it('repairs a relaxed choice by score, equal scores in pair order', () => {
		// Two helpers with an hour each. A is worth 5 at either; B 1 at h0, 4 at h1.
		// Taken in the right order both choices below repair to greedy's plan (A-h0, B-h1: 9);
		// in pair order {B-h0, B-h1} gives B-h0, A-h1 (6), and {A-h1 before A-h0} gives 6 too.
		const tie = compile(
			inst({ h0: 1, h1: 1 }, { A: {}, B: {} }, [
				['A', 'h0', 5],
				['A', 'h1', 5],
				['B', 'h0', 1],
				['B', 'h1', 4]
			])
		);
		offering([
			[0, 1],
			[2, 3]
		]);
		const calls = recordingLocal();
		solveCompiled(tie, { exactPairLimit: 0 });
		expect(calls).toEqual([{ total: 9, pairs: [0, 3] }]);
	});

	it('recomputes the total after local search instead of trusting its running sum', () => {
		offering([]);
		recordingLocal((_c, s) => (s.total += 0.5));
		const sol = solveCompiled(one, { exactPairLimit: 0 });
		expect(sol.total).toBe(10);
	});

	it('keeps the earlier plan when local search only finds another of the same total', () => {
		const two = compile(
			inst({ h: 1 }, { A: {}, B: {} }, [
				['A', 'h', 5],
				['B', 'h', 5]
			])
		);
		offering([]);
		recordingLocal((_c, s) => {
			s.x[0] = 0;
			s.x[1] = 1;
		});
		const sol = solveCompiled(two, { exactPairLimit: 0 });
		expect(picked(sol.x)).toEqual([0]);
	});
});

describe('solveCompiled: time budget', () => {
	const one = compile(
		inst({ h: 1 }, { A: {}, B: {} }, [
			['A', 'h', 10],
			['B', 'h', 4]
		])
	);
	let now = 0;
	beforeEach(() => {
		now = 1_000_000;
		vi.spyOn(Date, 'now').mockImplementation(() => now);
	});

	it('gives the Lagrangian phase 60 % of the budget, 3500 ms by default', () => {
		const { seen } = offering([]);
		recordingLocal();
		solveCompiled(one, { timeBudgetMs: 100, exactPairLimit: 0 });
		solveCompiled(one, { exactPairLimit: 0 });
		expect(seen.map((s) => s.deadline)).toEqual([1_000_060, 1_002_100]);
	});

	it('runs local search up to the deadline inclusive, and none after it', () => {
		offering([[1]], { after: () => (now = 1_000_100) });
		const atDeadline = recordingLocal();
		solveCompiled(one, { timeBudgetMs: 100, exactPairLimit: 0 });
		expect(atDeadline.map((k) => k.total)).toEqual([10, 4]);

		now = 1_000_000;
		offering([[1]], { after: () => (now = 1_000_101) });
		const late = recordingLocal();
		const sol = solveCompiled(one, { timeBudgetMs: 100, exactPairLimit: 0 });
		expect(late).toEqual([]);
		expect(sol.total).toBe(10);
	});
});

describe('solveCompiled: what is taken from exact search', () => {
	// Greedy takes A (2 hours, 10) of the helper's 2 hours; B and C (1 hour, 6 each) make 12.
	const pairUp = compile(
		inst({ h: 2 }, { A: { hours: 2 }, B: {}, C: {} }, [
			['A', 'h', 10],
			['B', 'h', 6],
			['C', 'h', 6]
		])
	);
	const mu = Float64Array.from([1, 2, 3]);
	const answer = (pairs: number[], proven: boolean) => {
		const given: Parameters<Exact>[1][] = [];
		stand.exact = ((c: Compiled, opts: Parameters<Exact>[1]) => {
			given.push({ ...opts, incumbent: opts?.incumbent?.slice() });
			const x = new Uint8Array(c.nPairs);
			for (const p of pairs) x[p] = 1;
			const total = pairs.reduce((t, p) => t + c.pairScore[p]!, 0);
			return { x, total, proven, nodes: 1 };
		}) as (...a: unknown[]) => unknown;
		return given;
	};

	it('starts exact search from the heuristic plan and the best prices, 300 000 nodes at most', () => {
		offering([], { bound: 20, mu });
		recordingLocal();
		const given = answer([0], false);
		solveCompiled(pairUp);
		expect(given).toHaveLength(1);
		expect(picked(given[0]!.incumbent!)).toEqual([0]);
		expect(given[0]!.mu).toBe(mu);
		expect(given[0]!.nodeLimit).toBe(300_000);
	});

	it('takes a better plan from exact search with its recomputed total, optimal when proven', () => {
		offering([], { bound: 20, mu });
		recordingLocal();
		answer([1, 2], true);
		const sol = solveCompiled(pairUp);
		expect(picked(sol.x)).toEqual([1, 2]);
		expect(sol).toMatchObject({ total: 12, optimal: true, upperBound: 12 });
	});

	it('keeps its own plan when exact search brings nothing better, and no proof means no claim', () => {
		offering([], { bound: 20, mu });
		recordingLocal();
		answer([], false);
		const worse = solveCompiled(pairUp);
		expect(picked(worse.x)).toEqual([0]);
		expect(worse).toMatchObject({ total: 10, optimal: false, upperBound: 20 });

		offering([], { bound: 20, mu });
		answer([1], false);
		const pairs = compile(
			inst({ h: 1 }, { A: {}, B: {} }, [
				['A', 'h', 5],
				['B', 'h', 5]
			])
		);
		const same = solveCompiled(pairs);
		expect(picked(same.x)).toEqual([0]);
		expect(same.optimal).toBe(false);
	});

	it('with a gap, skips local search once the best construction is within it of the bound', () => {
		// Greedy takes A (10); the construction B + C makes 12; the bound says 12.5.
		const run = (gap: number) => {
			const { seen } = offering([[1, 2]], { bound: 12.5 });
			const calls = recordingLocal();
			const sol = solveCompiled(pairUp, { exactPairLimit: 0, gap });
			return { calls, sol, seen };
		};
		// 0.5 is within 5 % of 12.5: the construction is the plan, no local search, not optimal.
		const close = run(0.05);
		expect(close.seen[0]!.gap).toBe(0.05);
		expect(close.calls).toEqual([]);
		expect(close.sol).toMatchObject({ total: 12, optimal: false });
		expect(picked(close.sol.x)).toEqual([1, 2]);
		// Not within 1 %, nor without a gap: local search runs on the pool as before.
		expect(run(0.01).calls.map((k) => k.total)).toEqual([12, 10]);
		expect(run(0).calls.map((k) => k.total)).toEqual([12, 10]);
		expect(run(NaN).calls.map((k) => k.total)).toEqual([12, 10]);
		expect(run(-1).calls.map((k) => k.total)).toEqual([12, 10]);
	});

	it('says optimal without exact search when the bound meets the plan within a billionth', () => {
		offering([], { bound: 1000.0000005 });
		recordingLocal();
		const big = compile(
			inst({ h: 1 }, { A: {}, B: {} }, [
				['A', 'h', 1000],
				['B', 'h', 999]
			])
		);
		const sol = solveCompiled(big, { exactPairLimit: 0 });
		expect(sol).toMatchObject({ total: 1000, optimal: true });
		expect(sol.upperBound).toBeCloseTo(1000.0000005, 9);
	});
});

describe('solveAssignment never hands out an infeasible plan', () => {
	// Exact search (stood in) claims a plan of the first two pairs (9); each instance forbids it once. The
	// bound (stood in) leaves the heuristic plan open, so that exact search is asked.
	const claimBoth = (pairs = [0, 1]) => {
		offering([], { bound: 100 });
		stand.exact = ((c: Compiled) => ({
			x: Uint8Array.from({ length: c.nPairs }, (_, p) => (pairs.includes(p) ? 1 : 0)),
			total: 9,
			proven: true,
			nodes: 1
		})) as (...a: unknown[]) => unknown;
	};

	it.each([
		[
			'over capacity',
			inst({ h: 1 }, { A: {}, B: {} }, [
				['A', 'h', 5],
				['B', 'h', 4]
			])
		],
		[
			// B (5 hours, not with A at h) only keeps the bound above greedy's 5.
			'over the slots',
			inst({ h: 5, g: 5 }, { A: {}, B: { hours: 5 } }, [
				['A', 'h', 5],
				['A', 'g', 4],
				['B', 'h', 3]
			])
		],
		[
			'double booked',
			inst(
				{ h: 5 },
				{ A: {}, B: {} },
				[
					['A', 'h', 5],
					['B', 'h', 4]
				],
				[['A', 'B']]
			)
		]
	])('%s: greedy plan instead', (_name, instance) => {
		claimBoth();
		const sol = solveAssignment(instance);
		expect(sol.assignments).toEqual([{ need: 'A', helper: 'h' }]);
		expect(sol.total).toBe(5);
	});

	it('hands out a plan that uses its helper up to the final tolerance (1e-9)', () => {
		// 0.5 + (0.5 + 1e-9) is exactly 1 + 1e-9 in floating point.
		claimBoth();
		const instance = inst({ h: 1 }, { A: { hours: 0.5 }, B: { hours: 0.5 + 1e-9 } }, [
			['A', 'h', 5],
			['B', 'h', 4]
		]);
		const sol = solveAssignment(instance);
		expect(sol.total).toBe(9);
		expect(sol.assignments).toHaveLength(2);
	});
});
