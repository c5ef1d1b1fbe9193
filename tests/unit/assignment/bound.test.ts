// The solver's upper bounds on their own: the need-side bound, the Lagrangian relaxation (exact
// knapsack per helper, or the LP knapsack when a helper's table would be too big) and the
// subgradient loop that tunes its prices.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { makeGrid } from '../../../src/lib/domain/assignment/knapsack.ts';
import {
	makeRelaxation,
	needSideBound,
	subgradient
} from '../../../src/lib/domain/assignment/bound.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

// Optimum 14: n2/h2 (7) + n1/h1 (5) + n3/h1 (2).
const inst: Instance = {
	helpers: [
		{ id: 'h1', capacity: 5 },
		{ id: 'h2', capacity: 3 }
	],
	needs: [
		{ id: 'n1', hours: 2, slots: 2 },
		{ id: 'n2', hours: 3, slots: 1 },
		{ id: 'n3', hours: 0.1, slots: 1 }
	],
	candidates: [
		{ need: 'n1', helper: 'h1', score: 5 },
		{ need: 'n1', helper: 'h2', score: 3 },
		{ need: 'n2', helper: 'h1', score: 4 },
		{ need: 'n2', helper: 'h2', score: 7 },
		{ need: 'n3', helper: 'h1', score: 2 }
	]
};
const c = compile(inst);
const LATER = Date.now() + 60_000;

describe('needSideBound', () => {
	it('adds each need’s best scores, as many as it has places', () => {
		expect(needSideBound(c)).toBe(5 + 3 + 7 + 2);
		const one = compile({ ...inst, needs: inst.needs.map((n) => ({ ...n, slots: 1 })) });
		expect(needSideBound(one)).toBe(5 + 7 + 2);
	});
});

describe('Lagrangian relaxation', () => {
	it('without prices: each helper’s best knapsack, the chosen pairs marked', () => {
		const xs = new Uint8Array(c.nPairs);
		// h1: n1 + n2 (5 h, 9 points); h2: n2 (7 points).
		expect(makeRelaxation(c).evaluate(new Float64Array(3), xs)).toBe(16);
		expect([...xs]).toEqual([1, 0, 1, 1, 0]);
	});

	it('with prices: the prices times the places plus the knapsacks over score minus price', () => {
		const xs = new Uint8Array(c.nPairs);
		// 1·2 + 2·1 + h1's best of 4 (n1), 2 (n2), 2 (n3) within 5 h (6) + h2's 5 (n2) or 2 (n1).
		expect(makeRelaxation(c).evaluate(Float64Array.from([1, 2, 0]), xs)).toBe(4 + 6 + 5);
		expect([xs[1], xs[3]]).toEqual([0, 1]);
	});

	it('falls back to the LP knapsack when a helper’s table would be too big, still a bound', () => {
		// Thirds lie on no grid: a millionth of an hour, 3 × 1.5 million cells for the one helper.
		const thirds = compile({
			helpers: [{ id: 'h', capacity: 1.5 }],
			needs: [
				{ id: 'a', hours: 1 / 3, slots: 1 },
				{ id: 'b', hours: 2 / 3, slots: 1 },
				{ id: 'c', hours: 4 / 3, slots: 1 }
			],
			candidates: [
				{ need: 'c', helper: 'h', score: 4 },
				{ need: 'b', helper: 'h', score: 4 },
				{ need: 'a', helper: 'h', score: 3 }
			]
		});
		const xs = new Uint8Array(thirds.nPairs);
		// a and b whole (1 h, 7 points), then the half hour left of c's 4/3 h: 4 · 0.375.
		expect(makeRelaxation(thirds).evaluate(new Float64Array(3), xs)).toBeCloseTo(8.5, 4);
		expect([...xs]).toEqual([0, 1, 1]);
	});
});

/** One helper with the given needs (hours, score) as its only candidates, one place each. */
function oneHelper(capacity: number, needs: [number, number][]) {
	return compile({
		helpers: [{ id: 'h', capacity }],
		needs: needs.map(([hours], j) => ({ id: `n${j}`, hours, slots: 1 })),
		candidates: needs.map(([, score], j) => ({ need: `n${j}`, helper: 'h', score }))
	});
}

describe('Lagrangian relaxation on the LP knapsack (a helper’s table over 4 million cells)', () => {
	// Thirds put the grid at a millionth of an hour: 4 pairs × 1.5 million cells here.
	const thirds: [number, number][] = [
		[1 / 3, 3],
		[2 / 3, 4],
		[4 / 3, 4],
		[1 / 3, 0.5]
	];

	it('stops at the item it takes in part, even when a later one would still fit', () => {
		const c4 = oneHelper(1.5, thirds);
		const xs = new Uint8Array(c4.nPairs);
		// By profit per hour: n0 and n1 whole (1 h), then the half hour left of n2's 4/3 h.
		expect(makeRelaxation(c4).evaluate(new Float64Array(4), xs)).toBeCloseTo(7 + 4 * 0.375, 4);
		expect([...xs]).toEqual([1, 1, 0, 0]);
	});

	it('leaves out a need whose price exceeds its score, even when it would fit', () => {
		const c4 = oneHelper(1.5, thirds);
		const xs = new Uint8Array(c4.nPairs);
		// n2 priced at 5 scores -1: the prices' 5 plus n0, n1 and n3 whole (4/3 h, 7.5 points).
		const mu = Float64Array.from([0, 0, 5, 0]);
		expect(makeRelaxation(c4).evaluate(mu, xs)).toBeCloseTo(5 + 7.5, 9);
		expect([...xs]).toEqual([1, 1, 0, 1]);
		// Priced at exactly its score, n3 gains nothing and is not marked either.
		mu[3] = 0.5;
		expect(makeRelaxation(c4).evaluate(mu, xs)).toBeCloseTo(5.5 + 7, 9);
		expect([...xs]).toEqual([1, 1, 0, 0]);
	});

	it('gives each helper’s knapsack its own pairs only', () => {
		// h2’s one pair sits between h1’s and h3’s: with h3’s c, h2’s 3 hours would score 5, not 1.
		const three = compile({
			helpers: [
				{ id: 'h1', capacity: 1 },
				{ id: 'h2', capacity: 3 },
				{ id: 'h3', capacity: 3 }
			],
			needs: [
				{ id: 'a', hours: 1, slots: 1 },
				{ id: 'b', hours: 3, slots: 1 },
				{ id: 'c', hours: 3, slots: 1 },
				{ id: 'd', hours: 3, slots: 1 }
			],
			candidates: [
				{ need: 'a', helper: 'h1', score: 1 },
				{ need: 'b', helper: 'h2', score: 1 },
				{ need: 'c', helper: 'h3', score: 5 },
				{ need: 'd', helper: 'h3', score: 4 }
			]
		});
		const xs = new Uint8Array(three.nPairs);
		expect(makeRelaxation(three).evaluate(new Float64Array(4), xs)).toBe(1 + 1 + 5);
		expect([...xs]).toEqual([1, 1, 1, 0]);
	});

	it('marks an item that fills the hours left exactly as taken', () => {
		// Half hours lie on the millionth grid exactly: n0 and n1 fill the hour, n2 gets nothing.
		const c4 = oneHelper(1, [
			[0.5, 4],
			[0.5, 3],
			[1 / 3, 1],
			[1 / 3, 1]
		]);
		const xs = new Uint8Array(c4.nPairs);
		expect(makeRelaxation(c4).evaluate(new Float64Array(4), xs)).toBeCloseTo(7, 9);
		expect([...xs]).toEqual([1, 1, 0, 0]);
	});

	it('solves a table of exactly 4 million cells exactly, and one cell more by LP', () => {
		// 4 pairs × (999,999 + 1) cells: the exact knapsack takes n0 and n3, its last pair (5
		// points), where the LP would take n0 and nearly all of n1 (7 less a little).
		const needs: [number, number][] = [
			[0.5, 4],
			[0.5, 3],
			[2 / 3, 1.5],
			[1 / 3, 1]
		];
		const exact = oneHelper(0.999999, needs);
		const xs = new Uint8Array(exact.nPairs);
		expect(makeRelaxation(exact).evaluate(new Float64Array(4), xs)).toBeCloseTo(5, 9);
		expect([...xs]).toEqual([1, 0, 0, 1]);
		const lp = oneHelper(1.000001, needs);
		// n0 and n1 whole (exactly the hour), a millionth of an hour of n2.
		expect(makeRelaxation(lp).evaluate(new Float64Array(4), new Uint8Array(4))).toBeCloseTo(7, 4);
	});

	it('marks each helper’s own choice when an LP helper follows an exact one', () => {
		// n2 now scores most at h, so it comes first in h’s list, and is only taken in part.
		const needs: [number, number][] = [
			[1 / 3, 3],
			[2 / 3, 4],
			[4 / 3, 5],
			[1 / 3, 0.5],
			[1, 1]
		];
		const two = compile({
			helpers: [
				{ id: 'small', capacity: 1 },
				{ id: 'h', capacity: 1.5 }
			],
			needs: needs.map(([hours], j) => ({ id: `n${j}`, hours, slots: 1 })),
			candidates: [
				{ need: 'n4', helper: 'small', score: 1 },
				...needs.slice(0, 4).map(([, score], j) => ({ need: `n${j}`, helper: 'h', score }))
			]
		});
		const xs = new Uint8Array(two.nPairs);
		expect(makeRelaxation(two).evaluate(new Float64Array(5), xs)).toBeCloseTo(1 + 7 + 5 * 0.375, 4);
		// Pairs in input order: n4 at small, then n0 to n3 at h.
		expect([...xs]).toEqual([1, 1, 1, 0, 0]);
	});
});

describe('subgradient', () => {
	const relax = makeRelaxation(c);

	it('never falls below the optimum, and keeps the prices of its best bound', () => {
		const r = subgradient(c, relax, { iterations: 60, lowerBound: 14 });
		expect(r.bound).toBeGreaterThanOrEqual(14 - 1e-9);
		expect(r.bound).toBeLessThanOrEqual(16);
		expect(r.mu.every((m) => m >= 0)).toBe(true);
		expect(relax.evaluate(r.mu, new Uint8Array(c.nPairs))).toBeCloseTo(r.bound, 9);
	});

	it('stops as soon as the bound meets the best known total', () => {
		expect(subgradient(c, relax, { iterations: 60, lowerBound: 16 })).toMatchObject({
			bound: 16,
			iterations: 0
		});
		// A better total found on the way closes the gap the same way.
		const r = subgradient(c, relax, { iterations: 60, lowerBound: 0, onIterate: () => 16 });
		expect(r).toMatchObject({ bound: 16, iterations: 0 });
	});

	it('counts a gap of a billionth of the total as met', () => {
		// 16 − 5e-9 is within 1e-9 × 16 of the bound 16, though not within 1e-9 absolute.
		expect(subgradient(c, relax, { iterations: 60, lowerBound: 16 - 5e-9 })).toMatchObject({
			bound: 16,
			iterations: 0
		});
		expect(
			subgradient(c, relax, { iterations: 60, lowerBound: 16 - 5e-8 }).iterations
		).toBeGreaterThan(0);
	});

	it('with a gap, stops once the bound is within that share of the best known total', () => {
		// The first bound is 16: within 10 % of 15, not within 5 %.
		expect(subgradient(c, relax, { iterations: 60, lowerBound: 15, gap: 0.1 })).toMatchObject({
			bound: 16,
			iterations: 0
		});
		expect(
			subgradient(c, relax, { iterations: 60, lowerBound: 15, gap: 0.05 }).iterations
		).toBeGreaterThan(0);
		// A gap that is no number keeps the billionth: met at once when the bound meets the total.
		expect(subgradient(c, relax, { iterations: 60, lowerBound: 16, gap: NaN })).toMatchObject({
			bound: 16,
			iterations: 0
		});
	});

	it('runs one iteration past its deadline and none when given none', () => {
		const late = subgradient(c, relax, { iterations: 60, lowerBound: 0, deadline: Date.now() - 1 });
		expect(late.iterations).toBe(1);
		expect(late.bound).toBe(16);
		expect(subgradient(c, relax, { iterations: 0, lowerBound: 0 }).bound).toBe(Infinity);
		// A deadline still ahead lets it run until the bound stops improving.
		const ahead = subgradient(c, relax, { iterations: 60, lowerBound: 14, deadline: LATER });
		expect(ahead).toMatchObject({ bound: 14, iterations: 1 });
	});

	it('keeps the best known total when onIterate reports a lower one', () => {
		const r = subgradient(c, relax, { iterations: 60, lowerBound: 14, onIterate: () => 0 });
		expect(r).toMatchObject({ bound: 14, iterations: 1 });
		expect([...r.mu]).toEqual([0, 2, 0]);
	});

	it('halves a step too long after `patience` rounds without a better bound, and so converges', () => {
		// Without the optimum known, Polyak steps overshoot here: only halving brings the bound down.
		const runs = [1, 2, 6].map((patience) =>
			subgradient(c, relax, { iterations: 60, lowerBound: 0, theta: 16, patience })
		);
		for (const r of runs) expect(r.bound).toBe(14);
		expect(runs[0]!.iterations).toBeLessThan(runs[1]!.iterations);
		expect(runs[1]!.iterations).toBeLessThan(runs[2]!.iterations);
		// A longer first step takes longer to come down.
		const longer = subgradient(c, relax, { iterations: 60, lowerBound: 0, theta: 64, patience: 2 });
		expect(longer.bound).toBe(14);
		expect(longer.iterations).toBeGreaterThan(runs[1]!.iterations);
		// Never halved, the steps keep overshooting: the bound stays at the prices 0 give.
		const never = subgradient(c, relax, { iterations: 60, lowerBound: 0, patience: 1000 });
		expect(never).toMatchObject({ bound: 16, iterations: 60 });
	});

	it('halves its step after exactly `patience` rounds without a better bound, counted afresh', () => {
		// A scripted relaxation: three helpers always take the one need with one place, two too
		// many, so each Polyak step theta · (value − 0) / 2² raises its price by theta · value / 2.
		const one = compile({
			helpers: ['h1', 'h2', 'h3'].map((id) => ({ id, capacity: 1 })),
			needs: [{ id: 'n', hours: 1, slots: 1 }],
			candidates: ['h1', 'h2', 'h3'].map((helper) => ({ need: 'n', helper, score: 1 }))
		});
		const rises = (values: number[], patience: number) => {
			let k = 0;
			const scripted = {
				grid: makeGrid(one),
				evaluate: (_mu: Float64Array, xs: Uint8Array) => {
					xs.fill(1);
					return values[k++]!;
				}
			};
			const prices: number[] = [];
			subgradient(one, scripted, {
				iterations: values.length,
				lowerBound: 0,
				patience,
				onIterate: (_xs, mu) => void prices.push(mu[0]!)
			});
			return prices.slice(1).map((m, i) => m - prices[i]!);
		};
		// 20 once better, then never: halved after every second round without a better bound.
		expect(rises([20, 20, 20, 20, 20, 20], 2)).toEqual([10, 10, 5, 5, 2.5]);
		expect(rises([20, 20, 20, 20, 20], 3)).toEqual([10, 10, 10, 5]);
		// A better bound (16) starts the count again.
		expect(rises([20, 20, 16, 16, 16, 16], 2)).toEqual([10, 10, 8, 8, 4]);
	});

	it('lowers the bound to the optimum here, in one step with the optimum known, in more without', () => {
		const r = subgradient(c, relax, { iterations: 60, lowerBound: 14 });
		expect(r).toMatchObject({ bound: 14, iterations: 1 });
		expect([...r.mu]).toEqual([0, 2, 0]);
		const blind = subgradient(c, relax, { iterations: 60, lowerBound: 0 });
		expect(blind.bound).toBe(14);
		expect(blind.iterations).toBeGreaterThan(1);
		expect(blind.iterations).toBeLessThan(60);
	});
});
