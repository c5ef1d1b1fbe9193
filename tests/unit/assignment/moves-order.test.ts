// The improving moves on every order of the same candidates. Pairs are numbered in the order the
// candidates come in, so each plan runs under every order: a move must not depend on which pair
// happens to be number 0 (the first candidate).
import { describe, expect, it } from 'vitest';
import { makeGrid } from '../../../src/lib/domain/assignment/knapsack.ts';
import { helperReoptPass } from '../../../src/lib/domain/assignment/lns.ts';
import { addAndSwap, ejectionPass } from '../../../src/lib/domain/assignment/localsearch.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';
import { build, plan } from './plans.ts';

function permutations<T>(xs: T[]): T[][] {
	if (xs.length <= 1) return [xs];
	return xs.flatMap((x, i) =>
		permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])
	);
}

/** The instance once per order of its candidates. */
function everyOrder(inst: Instance): Instance[] {
	return permutations(inst.candidates).map((candidates) => ({ ...inst, candidates }));
}

const LATER = Date.now() + 60_000;
type Move = 'addAndSwap' | 'ejection' | 'reopt';

const cases: { name: string; move: Move; inst: Instance; from: string[]; to: string[] }[] = [
	{
		name: 'adds where a place is free, swaps in a better pair',
		move: 'addAndSwap',
		inst: build({ A: 2, B: 2 }, { h1: 4, h2: 2 }, { 'A/h1': 3, 'A/h2': 5, 'B/h1': 4 }),
		from: ['A/h1'],
		to: ['A/h2', 'B/h1']
	},
	{
		name: 'moves one assignment away',
		move: 'ejection',
		inst: build({ A: 4, B: 4 }, { h1: 4, h2: 4 }, { 'A/h1': 10, 'B/h1': 6, 'B/h2': 5 }),
		from: ['B/h1'],
		to: ['A/h1', 'B/h2']
	},
	{
		name: 'moves two assignments away',
		move: 'ejection',
		inst: build(
			{ A: 4, B: 2, C: 2 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 10, 'B/h1': 3, 'C/h1': 3, 'B/h2': 2, 'C/h2': 2 }
		),
		from: ['B/h1', 'C/h1'],
		to: ['A/h1', 'B/h2', 'C/h2']
	},
	{
		name: 'ejects the assignment that loses least',
		move: 'ejection',
		inst: build(
			{ A: 2, B: 2, C: 2 },
			{ h1: 4, h2: 2 },
			{ 'A/h1': 10, 'B/h1': 6, 'C/h1': 6, 'C/h2': 5 }
		),
		from: ['B/h1', 'C/h1'],
		to: ['A/h1', 'B/h1', 'C/h2']
	},
	{
		name: 'takes a full need’s place from its worst helper',
		move: 'ejection',
		inst: build({ A: 4, B: 4 }, { h1: 4, h2: 4 }, { 'A/h1': 10, 'A/h2': 2, 'B/h1': 6, 'B/h2': 5 }),
		from: ['A/h2', 'B/h1'],
		to: ['A/h1', 'B/h2']
	},
	{
		name: 're-chooses a helper’s needs and re-places the one it gives up',
		move: 'reopt',
		inst: build(
			{ A: 2, B: 2, C: 4 },
			{ h1: 4, h2: 4 },
			{ 'A/h1': 3, 'B/h1': 3, 'C/h1': 9, 'C/h2': 2, 'A/h2': 1 }
		),
		from: ['A/h1', 'B/h1', 'C/h2'],
		to: ['A/h2', 'C/h1']
	}
];

describe('moves whatever the order of the candidates', () => {
	for (const { name, move, inst, from, to } of cases) {
		it(name, () => {
			for (const ordered of everyOrder(inst)) {
				const { c, s, pairs } = plan(ordered, from);
				const order = ordered.candidates.map((x) => `${x.need}/${x.helper}`).join(' ');
				if (move === 'addAndSwap') expect(addAndSwap(c, s), order).toBe(true);
				else if (move === 'ejection') expect(ejectionPass(c, s, LATER), order).toBe(1);
				else expect(helperReoptPass(c, s, makeGrid(c), LATER), order).toBe(1);
				expect(pairs(), order).toEqual(to);
			}
		});
	}
});
