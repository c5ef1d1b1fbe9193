// The solver's improving moves on their own, each on a plan it can improve: add and swap within
// a need, eject one or two assignments to make room at a helper, and re-choose a helper's needs
// with a knapsack. Each move applies only when the total gains, and leaves the plan feasible.
import { describe, expect, it } from 'vitest';
import { makeGrid } from '../../../src/lib/domain/assignment/knapsack.ts';
import { helperReoptPass } from '../../../src/lib/domain/assignment/lns.ts';
import {
	addAndSwap,
	ejectionPass,
	localSearch
} from '../../../src/lib/domain/assignment/localsearch.ts';
import { build, plan } from './plans.ts';

const LATER = Date.now() + 60_000;

describe('addAndSwap', () => {
	it('adds what fits a free place and swaps in a better pair for the worst of a full need', () => {
		const inst = build({ A: 2, B: 2 }, { h1: 4, h2: 2 }, { 'A/h1': 3, 'A/h2': 5, 'B/h1': 4 });
		const { c, s, pairs } = plan(inst, ['A/h1']);
		expect(addAndSwap(c, s)).toBe(true);
		expect(pairs()).toEqual(['A/h2', 'B/h1']);
		expect(s.total).toBe(9);
		expect(addAndSwap(c, s)).toBe(false);
	});

	it('does not swap for an equal score, nor add what does not fit', () => {
		const inst = build({ A: 2, B: 2 }, { h1: 2, h2: 2 }, { 'A/h1': 5, 'A/h2': 5, 'B/h1': 9 });
		const { c, s, pairs } = plan(inst, ['A/h1']);
		expect(addAndSwap(c, s)).toBe(false);
		expect(pairs()).toEqual(['A/h1']);
	});
});

describe('ejectionPass', () => {
	it('moves one assignment to another helper to make room for a better pair', () => {
		const inst = build({ A: 4, B: 4 }, { h1: 4, h2: 4 }, { 'A/h1': 10, 'B/h1': 6, 'B/h2': 5 });
		const { c, s, pairs } = plan(inst, ['B/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
		expect(s.total).toBe(15);
	});

	it('ejects two small assignments when one does not make room enough', () => {
		const inst = build(
			{ A: 4, B: 2, C: 2 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 10, 'B/h1': 3, 'C/h1': 3, 'B/h2': 2, 'C/h2': 2 }
		);
		const { c, s, pairs } = plan(inst, ['B/h1', 'C/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h1', 'B/h2', 'C/h2']);
		expect(s.total).toBe(14);
	});

	it('prefers ejecting the assignment that loses least', () => {
		const inst = build(
			{ A: 2, B: 2, C: 2 },
			{ h1: 4, h2: 2 },
			{ 'A/h1': 10, 'B/h1': 6, 'C/h1': 6, 'C/h2': 5 }
		);
		const { c, s, pairs } = plan(inst, ['B/h1', 'C/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		// Ejecting B loses 6; ejecting C loses 1 (it moves to h2).
		expect(pairs()).toEqual(['A/h1', 'B/h1', 'C/h2']);
	});

	it('takes a full need’s place from its worst helper while making room', () => {
		const inst = build(
			{ A: 4, B: 4 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 10, 'A/h2': 2, 'B/h1': 6, 'B/h2': 5 }
		);
		const { c, s, pairs } = plan(inst, ['A/h2', 'B/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
		expect(s.total).toBe(15);
	});

	it('undoes an ejection whose need clashes with what stays at the helper', () => {
		const inst = build({ A: 2, B: 2, C: 2 }, { h1: 4 }, { 'A/h1': 10, 'B/h1': 1, 'C/h1': 6 });
		inst.conflicts = [{ a: 'A', b: 'C' }];
		const { c, s, pairs } = plan(inst, ['B/h1', 'C/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(0);
		expect(pairs()).toEqual(['B/h1', 'C/h1']);
		expect([s.total, ...s.used, ...s.needCount]).toEqual([7, 4, 0, 1, 1]);
	});

	it('undoes an ejection that loses once the ejected needs are re-placed', () => {
		// Ejecting B and C for A looks cheap (each can move to h2), but h2 has room for one only.
		const inst = build(
			{ A: 4, B: 2, C: 2 },
			{ h1: 4, h2: 2 },
			{ 'A/h1': 30, 'B/h1': 30, 'C/h1': 30, 'B/h2': 29, 'C/h2': 29 }
		);
		const { c, s, pairs } = plan(inst, ['B/h1', 'C/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(0);
		expect(pairs()).toEqual(['B/h1', 'C/h1']);
		expect([s.total, ...s.used, ...s.needCount]).toEqual([60, 4, 0, 0, 1, 1]);
	});

	it('ejects nothing for a pair that fits as it is, and leaves it to addAndSwap', () => {
		// A fits h1 exactly beside B: moving B to h2 for it would lose 0.1.
		const inst = build({ A: 2, B: 2 }, { h1: 4, h2: 2 }, { 'A/h1': 10, 'B/h1': 6, 'B/h2': 5.9 });
		const { c, s, pairs } = plan(inst, ['B/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(0);
		expect(pairs()).toEqual(['B/h1']);
		expect(addAndSwap(c, s)).toBe(true);
		expect(s.total).toBe(16);
	});

	it('leaves the plan as it was when no ejection gains', () => {
		const inst = build({ A: 4, B: 4 }, { h1: 4 }, { 'A/h1': 5, 'B/h1': 6 });
		const { c, s, pairs } = plan(inst, ['B/h1']);
		expect(ejectionPass(c, s, LATER)).toBe(0);
		expect(pairs()).toEqual(['B/h1']);
		expect(s.total).toBe(6);
	});

	it('does nothing once its deadline has passed', () => {
		const inst = build({ A: 4, B: 4 }, { h1: 4, h2: 4 }, { 'A/h1': 10, 'B/h1': 6, 'B/h2': 5 });
		const { c, s, pairs } = plan(inst, ['B/h1']);
		expect(ejectionPass(c, s, Date.now() - 1)).toBe(0);
		expect(pairs()).toEqual(['B/h1']);
	});
});

describe('helperReoptPass', () => {
	it('re-chooses a helper’s needs when another set within their hours scores more', () => {
		const inst = build({ A: 2, B: 2, C: 4 }, { h1: 4 }, { 'A/h1': 3, 'B/h1': 3, 'C/h1': 8 });
		const { c, s, pairs } = plan(inst, ['A/h1', 'B/h1']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(1);
		expect(pairs()).toEqual(['C/h1']);
		expect(s.total).toBe(8);
	});

	it('takes a full need’s place from its worst pair and re-places the needs it gives up', () => {
		const inst = build(
			{ A: 2, B: 2, C: 4 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 3, 'B/h1': 3, 'C/h1': 9, 'C/h2': 2, 'A/h2': 1 }
		);
		const { c, s, pairs } = plan(inst, ['A/h1', 'B/h1', 'C/h2']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h2', 'C/h1']);
		expect(s.total).toBe(10);
	});

	it('values a need it holds by what the need loses, not by its score', () => {
		// A scores 5 at h1 but 4.9 at h2: keeping it at h1 is worth 0.1, less than B's 3.
		const inst = build({ A: 2, B: 2 }, { h1: 2, h2: 2 }, { 'A/h1': 5, 'A/h2': 4.9, 'B/h1': 3 });
		const { c, s, pairs } = plan(inst, ['A/h1']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h2', 'B/h1']);
	});

	it('keeps the plan when nothing gains', () => {
		const inst = build({ A: 2, B: 2, C: 4 }, { h1: 4 }, { 'A/h1': 3, 'B/h1': 3, 'C/h1': 6 });
		const { c, s, pairs } = plan(inst, ['A/h1', 'B/h1']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(0);
		expect(pairs()).toEqual(['A/h1', 'B/h1']);
	});

	it('undoes a re-choice the plan cannot take, and only that one', () => {
		// h2's knapsack picks D and E (6 > 5) but ignores that they take the same time: the move
		// is tried and undone. h1's move before it stays.
		const inst = build(
			{ A: 2, B: 2, C: 4, D: 2, E: 2, F: 4 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 3, 'B/h1': 3, 'C/h1': 8, 'F/h2': 5, 'D/h2': 3, 'E/h2': 3 }
		);
		inst.conflicts = [{ a: 'D', b: 'E' }];
		const { c, s, pairs } = plan(inst, ['A/h1', 'B/h1', 'F/h2']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(1);
		expect(pairs()).toEqual(['C/h1', 'F/h2']);
		expect(s.total).toBe(13);
		expect([...s.used]).toEqual([4, 4]);
		expect([...s.needCount]).toEqual([0, 0, 1, 0, 0, 1]);
	});

	it('skips a helper whose exact table would be too big', () => {
		// Thirds lie on no grid: a millionth of an hour, 3 × 1.5 million cells for the one helper.
		const inst = build(
			{ a: 1 / 3, b: 2 / 3, c: 4 / 3 },
			{ h: 1.5 },
			{ 'a/h': 3, 'b/h': 3, 'c/h': 4 }
		);
		const { c, s, pairs } = plan(inst, ['c/h']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(0);
		expect(pairs()).toEqual(['c/h']);
		// The same choice on a grid the table fits is re-chosen.
		const halves = build({ a: 0.5, b: 0.5, c: 1.5 }, { h: 1.5 }, { 'a/h': 3, 'b/h': 3, 'c/h': 4 });
		const small = plan(halves, ['c/h']);
		expect(helperReoptPass(small.c, small.s, makeGrid(small.c), LATER)).toBe(1);
		expect(small.pairs()).toEqual(['a/h', 'b/h']);
	});

	it('re-chooses for a helper whose table just fits, whichever place it has in the list', () => {
		// A millionth of an hour again: 3 pairs × 1 million cells for h2, under the limit of 4 million.
		const inst = build(
			{ a: 1 / 3, b: 2 / 3, c: 1, d: 1 / 3 },
			{ h1: 1, h2: 1 },
			{ 'd/h1': 1, 'a/h2': 3, 'b/h2': 3, 'c/h2': 4 }
		);
		const { c, s, pairs } = plan(inst, ['d/h1', 'c/h2']);
		expect(helperReoptPass(c, s, makeGrid(c), LATER)).toBe(1);
		expect(pairs()).toEqual(['a/h2', 'b/h2', 'd/h1']);
	});

	it('does nothing once its deadline has passed', () => {
		const inst = build({ A: 2, B: 2, C: 4 }, { h1: 4 }, { 'A/h1': 3, 'B/h1': 3, 'C/h1': 8 });
		const { c, s, pairs } = plan(inst, ['A/h1', 'B/h1']);
		expect(helperReoptPass(c, s, makeGrid(c), Date.now() - 1)).toBe(0);
		expect(pairs()).toEqual(['A/h1', 'B/h1']);
	});
});

describe('localSearch', () => {
	it('chains the moves until none gains', () => {
		const inst = build(
			{ A: 4, B: 4, D: 1 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 10, 'B/h1': 6, 'B/h2': 5, 'D/h2': 1 }
		);
		const { c, s, pairs } = plan(inst, ['B/h1']);
		localSearch(c, s, makeGrid(c), 5, LATER);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
	});

	it('only adds and swaps with no passes or past its deadline', () => {
		const inst = build({ A: 4, B: 4 }, { h1: 4, h2: 4 }, { 'A/h1': 10, 'B/h1': 6, 'B/h2': 5 });
		for (const [passes, deadline] of [
			[0, LATER],
			[5, Date.now() - 1]
		] as const) {
			const { c, s, pairs } = plan(inst, ['B/h1']);
			localSearch(c, s, makeGrid(c), passes, deadline);
			expect(pairs()).toEqual(['B/h1']);
		}
	});
});
