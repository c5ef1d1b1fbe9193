// When local search stops (a pass with no move of any kind, the pass limit, the deadline), with the
// helper re-choice replaced by a stand-in that counts the passes and may report or make a change;
// and the details of the ejection move that decide which assignments make room.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Compiled } from '../../../src/lib/domain/assignment/compile.ts';
import { makeGrid } from '../../../src/lib/domain/assignment/knapsack.ts';
import {
	addAndSwap,
	ejectionPass,
	localSearch
} from '../../../src/lib/domain/assignment/localsearch.ts';
import { add, remove, type State } from '../../../src/lib/domain/assignment/state.ts';
import { build, plan } from './plans.ts';

const stand = vi.hoisted(() => ({
	reopt: null as null | ((c: unknown, s: unknown, call: number) => number),
	calls: 0
}));
vi.mock('../../../src/lib/domain/assignment/lns.ts', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../../src/lib/domain/assignment/lns.ts')>();
	return {
		...real,
		helperReoptPass: (...a: Parameters<typeof real.helperReoptPass>) => {
			if (!stand.reopt) return real.helperReoptPass(...a);
			if (++stand.calls > 50) throw new Error('local search does not stop');
			return stand.reopt(a[0], a[1], stand.calls);
		}
	};
});

afterEach(() => {
	stand.reopt = null;
	stand.calls = 0;
	vi.restoreAllMocks();
});

const LATER = Date.now() + 60_000;

/** Passes local search runs on the plan, the re-choice answering `reopt(call)`. */
function passes(
	c: Compiled,
	s: State,
	maxPasses: number,
	reopt: (c: Compiled, s: State, call: number) => number,
	deadline = LATER
): number {
	stand.reopt = reopt as (c: unknown, s: unknown, call: number) => number;
	localSearch(c, s, makeGrid(c), maxPasses, deadline);
	return stand.calls;
}

describe('localSearch stops', () => {
	// Already optimal: A at h1 (5), B at h2 (4); nothing to add, swap or eject.
	const settled = () =>
		plan(build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 5, 'B/h2': 4 }), ['A/h1', 'B/h2']);

	it('after a pass in which no move applies', () => {
		const { c, s } = settled();
		expect(passes(c, s, 5, () => 0)).toBe(1);
	});

	it('not while the re-choice changes something, and at the pass limit', () => {
		const { c, s } = settled();
		expect(passes(c, s, 3, () => 1)).toBe(3);
		stand.calls = 0;
		expect(passes(c, s, 10, (_c, _s, call) => (call <= 2 ? 1 : 0))).toBe(3);
	});

	it('not while an ejection applies', () => {
		// The first re-choice (stood in) leaves B at h1 alone: the ejection moves B to h2 and puts
		// A (10) at h1; the next pass finds nothing.
		const { c, s, pairs } = plan(
			build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 10, 'B/h1': 5, 'B/h2': 4 }),
			['A/h1', 'B/h2']
		);
		const n = passes(c, s, 10, (c, s, call) => {
			if (call === 1) {
				remove(c, s, 0);
				remove(c, s, 2);
				add(c, s, 1);
			}
			return 0;
		});
		expect(n).toBe(2);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
	});

	it('not while adding and swapping changes something', () => {
		// The first re-choice (stood in) takes B out; only the add at the end of the pass puts it back.
		const { c, s, pairs } = settled();
		const n = passes(c, s, 10, (c, s, call) => {
			if (call === 1) remove(c, s, 1);
			return 0;
		});
		expect(n).toBe(2);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
	});

	it('adds and swaps once before the first pass, even with no passes', () => {
		const { c, s, pairs } = plan(
			build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 5, 'B/h2': 4 }),
			[]
		);
		expect(passes(c, s, 0, () => 0)).toBe(0);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
	});

	it('runs a pass at its deadline and none after it', () => {
		let now = 5_000;
		vi.spyOn(Date, 'now').mockImplementation(() => now);
		const { c, s } = settled();
		expect(passes(c, s, 5, () => 0, 5_000)).toBe(1);
		stand.calls = 0;
		now = 5_001;
		expect(passes(c, s, 5, () => 0, 5_000)).toBe(0);
	});
});

describe('addAndSwap', () => {
	it('reports a swap alone as a change', () => {
		const { c, s, pairs } = plan(build({ A: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 3, 'A/h2': 5 }), [
			'A/h1'
		]);
		expect(addAndSwap(c, s)).toBe(true);
		expect(pairs()).toEqual(['A/h2']);
	});

	it('looks at each need’s own pairs only: a need without pairs takes none of the next one’s', () => {
		// A has no pairs; B (one place) holds h2 and swaps in h1.
		const { c, s, pairs } = plan(
			build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'B/h1': 8, 'B/h2': 5 }),
			['B/h2']
		);
		addAndSwap(c, s);
		expect(pairs()).toEqual(['B/h1']);
		expect(s.needCount[1]).toBe(1);
		expect(s.total).toBe(8);
	});
});

describe('ejectionPass', () => {
	it('runs at its deadline', () => {
		vi.spyOn(Date, 'now').mockReturnValue(7_000);
		const { c, s, pairs } = plan(
			build({ A: 1, B: 1 }, { h1: 1, h2: 1 }, { 'A/h1': 10, 'B/h1': 5, 'B/h2': 4 }),
			['B/h1']
		);
		expect(ejectionPass(c, s, 7_000)).toBe(1);
		expect(pairs()).toEqual(['A/h1', 'B/h2']);
	});

	it('gives up nothing of a need that still has a free place', () => {
		// A has two places and holds h2 (3); A/h1 (10) needs B's hour at h1; B moves to h3.
		const { c, s, pairs } = plan(
			build(
				{ A: 1, B: 1 },
				{ h1: 1, h2: 1, h3: 1 },
				{ 'A/h1': 10, 'A/h2': 3, 'B/h1': 5, 'B/h3': 4 },
				{ A: 2 }
			),
			['A/h2', 'B/h1']
		);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['A/h1', 'A/h2', 'B/h3']);
		expect(s.total).toBe(17);
	});

	it('takes two assignments out only when their hours together make room', () => {
		// h0 holds X, Y (1 hour each) and Z (half an hour); P wants 2 of its 2.5 hours.
		// X+Y make room (loses 2); X+Z or Y+Z lose less but free only 1.5 hours.
		const { c, s, pairs } = plan(
			build(
				{ X: 1, Y: 1, Z: 0.5, P: 2 },
				{ h0: 2.5 },
				{ 'X/h0': 1, 'Y/h0': 1, 'Z/h0': 0.1, 'P/h0': 10 }
			),
			['X/h0', 'Y/h0', 'Z/h0']
		);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['P/h0', 'Z/h0']);
	});

	it('takes out the two assignments that lose least, counting where each goes next', () => {
		// h0 holds X (5, or 4.9 at h1), Y (1, nowhere else), Z (1, or 0.5 at h1); P wants 2 hours.
		// Losses: X+Y 1.1, X+Z 0.6, Y+Z 1.5: X and Z go to h1.
		const { c, s, pairs } = plan(
			build(
				{ X: 1, Y: 1, Z: 1, P: 2 },
				{ h0: 3, h1: 2 },
				{ 'X/h0': 5, 'Y/h0': 1, 'Z/h0': 1, 'P/h0': 10, 'X/h1': 4.9, 'Z/h1': 0.5 }
			),
			['X/h0', 'Y/h0', 'Z/h0']
		);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['P/h0', 'X/h1', 'Y/h0', 'Z/h1']);
		expect(s.total).toBeCloseTo(16.4, 9);
	});

	it('takes out the pair that loses least, not one that scores more', () => {
		// h0 holds Y (1), Z (1), X (5), none with another place; P (10) wants 2 hours: Y and Z go.
		const { c, s, pairs } = plan(
			build({ Y: 1, Z: 1, X: 1, P: 2 }, { h0: 3 }, { 'Y/h0': 1, 'Z/h0': 1, 'X/h0': 5, 'P/h0': 10 }),
			['X/h0', 'Y/h0', 'Z/h0']
		);
		expect(ejectionPass(c, s, LATER)).toBe(1);
		expect(pairs()).toEqual(['P/h0', 'X/h0']);
		expect(s.total).toBe(15);
	});

	it('undoes an ejection that only keeps the total, and does not count it', () => {
		// h0 holds X and Y (5 each); both could go to h1 (4 each) but h1 has room for one. P (6)
		// wants both hours of h0: the estimate (loss 2) says yes, the total says 5 + 5 -> 6 + 4.
		const { c, s, pairs } = plan(
			build(
				{ X: 1, Y: 1, P: 2 },
				{ h0: 2, h1: 1 },
				{ 'X/h0': 5, 'Y/h0': 5, 'P/h0': 6, 'X/h1': 4, 'Y/h1': 4 }
			),
			['X/h0', 'Y/h0']
		);
		expect(ejectionPass(c, s, LATER)).toBe(0);
		expect(pairs()).toEqual(['X/h0', 'Y/h0']);
		expect(s.total).toBe(10);
	});
});
