// The solver's mutable state on its own: adding and removing pairs keeps hours, counts and the
// total in step; the checks say exactly when a pair still fits; the lookups pick the best and
// worst pairs of a need.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import {
	add,
	bestFree,
	canAdd,
	cloneState,
	copyInto,
	emptyState,
	fillGreedy,
	fits,
	remove,
	resync,
	worstOf
} from '../../../src/lib/domain/assignment/state.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

// Pairs after compile, in input order: 0 = n1/h1 (5), 1 = n1/h2 (3), 2 = n2/h1 (4), 3 = n2/h2 (7),
// 4 = n3/h1 (2). n1 takes two helpers; h1 has 5 hours, h2 3.
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
const snapshot = (s: ReturnType<typeof emptyState>) => ({
	x: [...s.x],
	needCount: [...s.needCount],
	used: [...s.used],
	total: s.total
});

describe('solver state', () => {
	it('starts empty, sized by the compiled instance', () => {
		expect(snapshot(emptyState(c))).toEqual({
			x: [0, 0, 0, 0, 0],
			needCount: [0, 0, 0],
			used: [0, 0],
			total: 0
		});
	});

	it('add and remove keep hours, counts and the total in step', () => {
		const s = emptyState(c);
		add(c, s, 0);
		add(c, s, 3);
		expect(snapshot(s)).toEqual({
			x: [1, 0, 0, 1, 0],
			needCount: [1, 1, 0],
			used: [2, 3],
			total: 12
		});
		remove(c, s, 3);
		expect(snapshot(s)).toEqual({
			x: [1, 0, 0, 0, 0],
			needCount: [1, 0, 0],
			used: [2, 0],
			total: 5
		});
	});

	it('remove snaps a helper left with float drift to exactly zero hours', () => {
		const s = emptyState(c);
		add(c, s, 4);
		s.used[0] = 0.1 + 1e-12;
		remove(c, s, 4);
		expect(s.used[0]).toBe(0);
		add(c, s, 0);
		add(c, s, 4);
		remove(c, s, 4);
		expect(s.used[0]).toBe(2);
	});

	it('fits up to the capacity exactly, and not a little beyond', () => {
		const s = emptyState(c);
		add(c, s, 2); // h1: 3 of 5
		expect(fits(c, s, 0)).toBe(true); // 3 + 2 = 5
		s.used[0] = 3 + 1e-6;
		expect(fits(c, s, 0)).toBe(false);
	});

	it('canAdd refuses a pair already in, a need without a free place, a helper without hours', () => {
		const s = emptyState(c);
		expect(canAdd(c, s, 3)).toBe(true);
		add(c, s, 3); // n2 full, h2: 3 of 3
		expect(canAdd(c, s, 3)).toBe(false);
		expect(canAdd(c, s, 2)).toBe(false); // n2 has one place
		expect(canAdd(c, s, 1)).toBe(false); // h2 has no hours left
		expect(canAdd(c, s, 0)).toBe(true);
	});

	it('clone and copy give independent copies of the same state', () => {
		const s = emptyState(c);
		add(c, s, 0);
		const t = cloneState(s);
		add(c, t, 3);
		expect(snapshot(s)).toEqual({
			x: [1, 0, 0, 0, 0],
			needCount: [1, 0, 0],
			used: [2, 0],
			total: 5
		});
		copyInto(s, t);
		expect(snapshot(s)).toEqual(snapshot(t));
		remove(c, t, 3);
		expect(s.total).toBe(12);
	});

	it('resync recomputes hours, counts and total from the chosen pairs alone', () => {
		const s = emptyState(c);
		s.x.set([1, 1, 0, 0, 1]);
		s.needCount.fill(9);
		s.used.fill(9);
		s.total = 99;
		resync(c, s);
		expect(snapshot(s)).toEqual({
			x: [1, 1, 0, 0, 1],
			needCount: [2, 0, 1],
			used: [2.1, 2],
			total: 10
		});
	});

	it('fillGreedy adds in the given order whatever still fits', () => {
		const s = emptyState(c);
		fillGreedy(c, s, c.byScore); // 7 (n2/h2), 5 (n1/h1), 4 (n2/h1: full), 3 (n1/h2: no hours), 2
		expect(snapshot(s).x).toEqual([1, 0, 0, 1, 1]);
		expect(s.total).toBe(14);
		const t = emptyState(c);
		fillGreedy(c, t, [2, 1, 0]);
		expect(snapshot(t).x).toEqual([1, 1, 1, 0, 0]);
	});

	it('worstOf: the lowest-scored pair of the need that is in, or -1', () => {
		const s = emptyState(c);
		expect(worstOf(c, s, 0)).toBe(-1);
		add(c, s, 0);
		expect(worstOf(c, s, 0)).toBe(0);
		add(c, s, 1);
		expect(worstOf(c, s, 0)).toBe(1);
		expect(worstOf(c, s, 1)).toBe(-1);
	});

	it('bestFree: the best pair of the need not in, that fits, at another helper, or -1', () => {
		const s = emptyState(c);
		expect(bestFree(c, s, 0, -1)).toBe(0);
		expect(bestFree(c, s, 0, 0)).toBe(1); // skipping h1
		add(c, s, 0);
		expect(bestFree(c, s, 0, -1)).toBe(1);
		add(c, s, 3); // h2 has no hours left
		expect(bestFree(c, s, 0, -1)).toBe(-1);
		expect(bestFree(c, s, 2, 1)).toBe(4);
	});
});
