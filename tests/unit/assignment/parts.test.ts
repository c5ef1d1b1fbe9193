// The solver's input side and its independent checker, case by case (found by mutation testing:
// the property tests only ever feed them valid instances and feasible plans).
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { checkFeasibility, scoreOf } from '../../../src/lib/domain/assignment/feasibility.ts';
import { validateInstance } from '../../../src/lib/domain/assignment/validate.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

const inst: Instance = {
	helpers: [
		{ id: 'h1', capacity: 4 },
		{ id: 'h2', capacity: 2 }
	],
	needs: [
		{ id: 'n1', hours: 2, slots: 1 },
		{ id: 'n2', hours: 4, slots: 2 }
	],
	candidates: [
		{ need: 'n1', helper: 'h1', score: 1 },
		{ need: 'n2', helper: 'h1', score: 3 },
		{ need: 'n1', helper: 'h2', score: 3 },
		{ need: 'n2', helper: 'h2', score: 5 }, // 4 h never fit a 2 h helper
		{ need: 'n2', helper: 'h1', score: 0 } // score 0 is never worth a slot
	]
};

describe('compile', () => {
	it('keeps pairs with a positive score that fit at all, hours equal to capacity included', () => {
		const c = compile(inst);
		expect([...c.pairOrig]).toEqual([0, 1, 2]);
		expect(c.nPairs).toBe(3);
	});

	it('orders pairs by score descending, ties in input order', () => {
		const c = compile(inst);
		expect([...c.byScore].map((p) => c.pairOrig[p])).toEqual([1, 2, 0]);
	});

	it('refuses a candidate with an unknown need or helper', () => {
		const bad = (need: string, helper: string) => () =>
			compile({ ...inst, candidates: [{ need, helper, score: 1 }] });
		expect(bad('nX', 'h1')).toThrow('unknown id in candidate 0');
		expect(bad('n1', 'hX')).toThrow('unknown id in candidate 0');
	});
});

describe('checkFeasibility', () => {
	it('accepts a plan that uses a helper exactly to capacity', () => {
		expect(
			checkFeasibility(inst, [
				{ need: 'n2', helper: 'h1' },
				{ need: 'n1', helper: 'h2' }
			])
		).toEqual([]);
	});

	it('names every kind of problem', () => {
		expect(checkFeasibility(inst, [{ need: 'nX', helper: 'h1' }])).toEqual([
			'assignment nX/h1 uses an unknown id'
		]);
		expect(checkFeasibility(inst, [{ need: 'n1', helper: 'hX' }])).toEqual([
			'assignment n1/hX uses an unknown id'
		]);
		expect(checkFeasibility(inst, [{ need: 'n2', helper: 'h2' }])).toEqual([
			'helper h2 uses 4 h of capacity 2 h'
		]);
		const plan = [
			{ need: 'n1', helper: 'h1' },
			{ need: 'n1', helper: 'h1' },
			{ need: 'n1', helper: 'h2' }
		];
		expect(checkFeasibility(inst, plan)).toEqual([
			'assignment n1/h1 appears twice',
			'need n1 has 3 helpers but only 1 slots'
		]);
		const uncandidate: Instance = { ...inst, candidates: [] };
		expect(checkFeasibility(uncandidate, [{ need: 'n1', helper: 'h1' }])).toEqual([
			'assignment n1/h1 is not a candidate pair'
		]);
	});

	it('adds up hours per helper and helpers per need', () => {
		const wide: Instance = {
			helpers: [{ id: 'h', capacity: 5 }],
			needs: [
				{ id: 'a', hours: 2, slots: 1 },
				{ id: 'b', hours: 2, slots: 1 },
				{ id: 'c', hours: 2, slots: 1 }
			],
			candidates: ['a', 'b', 'c'].map((need) => ({ need, helper: 'h', score: 1 }))
		};
		const all = ['a', 'b', 'c'].map((need) => ({ need, helper: 'h' }));
		expect(checkFeasibility(wide, all)).toEqual(['helper h uses 6 h of capacity 5 h']);
		expect(checkFeasibility(wide, all.slice(0, 2))).toEqual([]);
	});

	it('scoreOf sums by pair and is NaN for a pair that is no candidate', () => {
		expect(
			scoreOf(inst, [
				{ need: 'n1', helper: 'h2' },
				{ need: 'n1', helper: 'h1' }
			])
		).toBe(4);
		expect(scoreOf(inst, [{ need: 'n2', helper: 'hX' }])).toBeNaN();
	});
});

describe('validateInstance, further cases', () => {
	const good = () => ({
		helpers: [{ id: 'h1', capacity: 10 }],
		needs: [{ id: 'n1', hours: 4, slots: 1 }],
		candidates: [{ need: 'n1', helper: 'h1', score: 0 }]
	});

	it('accepts a score of zero', () => {
		expect(validateInstance(good())).toEqual({ ok: true, instance: good() });
	});

	it('rejects numbers and strings as the whole input', () => {
		const message = ['input must be a JSON object with helpers, needs and candidates'];
		for (const raw of [42, 'text', true])
			expect(validateInstance(raw)).toEqual({ ok: false, errors: message });
	});

	it('shows the wrong value only for numbers and strings', () => {
		const i = good() as unknown as { needs: { hours: unknown }[] };
		i.needs[0]!.hours = true;
		expect(validateInstance(i)).toEqual({
			ok: false,
			errors: ['needs[0].hours: must be a number']
		});
	});
});
