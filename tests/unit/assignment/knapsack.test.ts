// The per-helper knapsack of the solver's bound, on its own: exact against brute force, the flags
// it writes agree with the value it returns, and the hour grid it runs on keeps the bound valid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { knapsack, makeGrid } from '../../../src/lib/domain/assignment/knapsack.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';
import { cases } from './helpers.ts';

function run(weights: number[], profits: number[], cap: number) {
	const n = weights.length;
	const C = Math.max(cap, 0);
	const take = new Uint8Array(n).fill(7);
	const value = knapsack(
		Int32Array.from(weights),
		Float64Array.from(profits),
		n,
		cap,
		take,
		new Float64Array(C + 1),
		new Uint8Array(n * (C + 1))
	);
	return { value, take: [...take] };
}

function bruteForce(weights: number[], profits: number[], cap: number): number {
	let best = 0;
	for (let mask = 0; mask < 1 << weights.length; mask++) {
		let w = 0;
		let p = 0;
		for (let i = 0; i < weights.length; i++)
			if (mask & (1 << i)) {
				w += weights[i]!;
				p += profits[i]!;
			}
		if (w <= cap && p > best) best = p;
	}
	return best;
}

describe('knapsack', () => {
	it('finds the best value, and the items it flags weigh at most the capacity and add up to it', () => {
		fc.assert(
			fc.property(
				fc
					.array(
						fc.record({ w: fc.integer({ min: 0, max: 7 }), p: fc.integer({ min: -3, max: 12 }) }),
						{
							maxLength: 8
						}
					)
					.chain((items) =>
						fc.record({ items: fc.constant(items), cap: fc.integer({ min: 0, max: 20 }) })
					),
				({ items, cap }) => {
					const weights = items.map((i) => i.w);
					const profits = items.map((i) => i.p);
					const { value, take } = run(weights, profits, cap);
					expect(value).toBe(bruteForce(weights, profits, cap));
					const chosen = items.filter((_, i) => take[i] === 1);
					expect(take.every((t) => t === 0 || t === 1)).toBe(true);
					expect(chosen.every((i) => i.p > 0)).toBe(true);
					expect(chosen.reduce((s, i) => s + i.w, 0)).toBeLessThanOrEqual(cap);
					expect(chosen.reduce((s, i) => s + i.p, 0)).toBe(value);
				}
			),
			{ numRuns: cases(400, 150) }
		);
	});

	it('takes every profitable item when all of them fit, exactly at the capacity too', () => {
		expect(run([2, 3, 1], [5, 0, 4], 3)).toEqual({ value: 9, take: [1, 0, 1] });
		expect(run([2, 3, 1], [5, -1, 4], 10)).toEqual({ value: 9, take: [1, 0, 1] });
	});

	it('chooses when not all fit: a lighter pair beats the heaviest item', () => {
		expect(run([4, 2, 2], [5, 3, 3], 4)).toEqual({ value: 6, take: [0, 1, 1] });
		expect(run([4, 2, 3], [7, 3, 3], 4)).toEqual({ value: 7, take: [1, 0, 0] });
		// An item heavier than the capacity is never taken, however profitable.
		expect(run([5, 1, 1], [100, 1, 1], 4)).toEqual({ value: 2, take: [0, 1, 1] });
	});

	it('gives the same answer on buffers a previous, larger call left filled', () => {
		// The bound calls it once per helper on the same dp and keep arrays.
		const take = new Uint8Array(4);
		const dp = new Float64Array(11);
		const keep = new Uint8Array(44);
		const call = (w: number[], p: number[], cap: number) =>
			knapsack(Int32Array.from(w), Float64Array.from(p), w.length, cap, take, dp, keep);
		expect(call([3, 4, 5, 6], [9, 9, 9, 9], 10)).toBe(18);
		expect(call([4, 3], [1, 2], 4)).toBe(2);
		expect([...take.subarray(0, 2)]).toEqual([0, 1]);
		expect(call([2, 3, 4], [5, 1, 1], 4)).toBe(5);
		expect([...take.subarray(0, 3)]).toEqual([1, 0, 0]);
	});

	it('counts only the first n items of longer buffers', () => {
		const take = new Uint8Array(3);
		const w = Int32Array.from([2, 2, 1]);
		const p = Float64Array.from([3, 4, 9]);
		// All of the first two fit (with room for the third), and then not.
		expect(knapsack(w, p, 2, 5, take, new Float64Array(6), new Uint8Array(18))).toBe(7);
		expect(knapsack(w, p, 2, 3, take, new Float64Array(5), new Uint8Array(15))).toBe(4);
		expect([...take.subarray(0, 2)]).toEqual([0, 1]);
	});

	it('takes nothing with capacity 0 unless it weighs nothing', () => {
		expect(run([1, 0, 2], [3, 2, 5], 0)).toEqual({ value: 2, take: [0, 1, 0] });
	});
});

const instance = (hours: number[], caps: number[]): Instance => ({
	needs: hours.map((h, j) => ({ id: `n${j}`, hours: h, slots: 1 })),
	helpers: caps.map((c, h) => ({ id: `h${h}`, capacity: c })),
	candidates: hours.flatMap((_, j) =>
		caps.map((_, h) => ({ need: `n${j}`, helper: `h${h}`, score: 1 }))
	)
});

describe('makeGrid', () => {
	it('uses whole hours when everything is whole', () => {
		const grid = makeGrid(compile(instance([2, 3], [4, 10])));
		expect([...grid.w]).toEqual([2, 3]);
		// A capacity above the helper's candidate hours (5) never binds: capped there.
		expect([...grid.cap]).toEqual([4, 5]);
	});

	it('uses the finest unit all hours and capacities lie on', () => {
		expect(makeGrid(compile(instance([1.5, 2], [3.5])))).toEqual({
			w: Int32Array.from([3, 4]),
			cap: Int32Array.from([7])
		});
		expect(makeGrid(compile(instance([0.25, 1], [1.25])))).toEqual({
			w: Int32Array.from([1, 4]),
			cap: Int32Array.from([5])
		});
		// Every hour and every capacity must lie on it, not just some.
		expect(makeGrid(compile(instance([1, 1.5], [2])))).toEqual({
			w: Int32Array.from([2, 3]),
			cap: Int32Array.from([4])
		});
		expect(makeGrid(compile(instance([1, 2], [2.5, 2])))).toEqual({
			w: Int32Array.from([2, 4]),
			cap: Int32Array.from([5, 4])
		});
		expect(makeGrid(compile(instance([0.2, 0.4], [0.6])))).toEqual({
			w: Int32Array.from([1, 2]),
			cap: Int32Array.from([3])
		});
	});

	it('rounds weights down off the grid, so the bound stays valid', () => {
		// Thirds lie on no standard unit: the finest the budget allows (at least a millionth) is used.
		const grid = makeGrid(compile(instance([1 / 3, 2 / 3], [1])));
		expect([...grid.w]).toEqual([333333, 666666]);
		expect([...grid.cap]).toEqual([1000000]);
	});

	it('chooses a coarser unit when the work budget is small, weights still rounded down', () => {
		const c = compile(instance([0.5, 1.5], [2]));
		// 2 pairs at 2 hours of capacity each: half hours cost 2 + 8 = 10 units of work.
		expect(makeGrid(c, 10)).toEqual({ w: Int32Array.from([1, 3]), cap: Int32Array.from([4]) });
		// Below that the unit is what the budget allows, 4 / (9 - 2) = 4/7 h.
		expect(makeGrid(c, 9)).toEqual({ w: Int32Array.from([0, 2]), cap: Int32Array.from([3]) });
		// Two helpers: 4 pairs and 4 × 2 hours, 4 + 16 = 20 units of work in half hours.
		const two = compile(instance([0.5, 1.5], [2, 2]));
		expect(makeGrid(two, 20)).toEqual({ w: Int32Array.from([1, 3]), cap: Int32Array.from([4, 4]) });
		expect(makeGrid(two, 19).w[1]).toBe(2);
	});
});
