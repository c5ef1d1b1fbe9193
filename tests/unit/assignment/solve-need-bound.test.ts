// solveCompiled stops after greedy when greedy's plan is already within the gap of the need-side
// bound (a large organisation's batch: 0.03 % apart): the Lagrangian phase is not run then, and
// it still is without a gap, outside it, or for an instance small enough for the exact search.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as bound from '../../../src/lib/domain/assignment/bound.ts';
import { compile } from '../../../src/lib/domain/assignment/compile.ts';
import { greedyState } from '../../../src/lib/domain/assignment/greedy.ts';
import { solveCompiled } from '../../../src/lib/domain/assignment/solve.ts';
import type { Instance } from '../../../src/lib/domain/assignment/types.ts';

const calls = vi.hoisted(() => ({ subgradient: 0 }));
vi.mock('../../../src/lib/domain/assignment/bound.ts', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../../src/lib/domain/assignment/bound.ts')>();
	return {
		...real,
		subgradient: (...a: Parameters<typeof real.subgradient>) => {
			calls.subgradient++;
			return real.subgradient(...a);
		}
	};
});
afterEach(() => {
	calls.subgradient = 0;
});

/** `needs` needs of one hour; need i's best candidate is helper i (score 100), helper i+1 next (99). */
function town(needs: number, capacity: number): Instance {
	const helpers = Array.from({ length: needs + 1 }, (_, i) => ({ id: `h${i}`, capacity }));
	return {
		helpers,
		needs: Array.from({ length: needs }, (_, i) => ({ id: `n${i}`, hours: 1, slots: 1 })),
		candidates: Array.from({ length: needs }, (_, i) => [
			{ need: `n${i}`, helper: `h${i}`, score: 100 },
			{ need: `n${i}`, helper: `h${i + 1}`, score: 99 }
		]).flat(),
		conflicts: []
	};
}

/** town(needs), with helper g of 2 hours wanted by A (2 hours, 10) and by B and C (1 hour, 6 each):
 * greedy takes A (10), the best plan B and C (12), the need-side bound counts 22. */
function withTrap(needs: number): Instance {
	const t = town(needs, 5);
	t.helpers.push({ id: 'g', capacity: 2 });
	t.needs.push(
		{ id: 'A', hours: 2, slots: 1 },
		{ id: 'B', hours: 1, slots: 1 },
		{ id: 'C', hours: 1, slots: 1 }
	);
	t.candidates.push(
		{ need: 'A', helper: 'g', score: 10 },
		{ need: 'B', helper: 'g', score: 6 },
		{ need: 'C', helper: 'g', score: 6 }
	);
	return t;
}

describe('solveCompiled: greedy within the gap of the need-side bound', () => {
	it('is the plan: no Lagrangian phase, the need-side bound reported, optimal when they meet', () => {
		const c = compile(town(150, 5));
		const sol = solveCompiled(c, { gap: 0.001, exactPairLimit: 200 });
		expect(calls.subgradient).toBe(0);
		expect(sol.total).toBe(150 * 100);
		expect(sol.upperBound).toBe(bound.needSideBound(c));
		expect(sol.optimal).toBe(true);
		expect([...sol.x]).toEqual([...greedyState(c).x]);
	});

	it('within the gap but not equal: greedy’s plan, not claimed optimal', () => {
		// 12 of 100 022 apart (0.012 %): the 2 points the best plan has more are not looked for.
		const c = compile(withTrap(1_000));
		const sol = solveCompiled(c, { gap: 0.001 });
		expect(calls.subgradient).toBe(0);
		expect(sol.total).toBe(1_000 * 100 + 10);
		expect(sol.upperBound).toBe(1_000 * 100 + 22);
		expect(sol.optimal).toBe(false);
	});

	it('goes on without a gap, outside it, and where the exact search will follow', () => {
		solveCompiled(compile(town(150, 5)), { exactPairLimit: 200 });
		expect(calls.subgradient).toBe(1);
		const outside = solveCompiled(compile(withTrap(1_000)), { gap: 0.00001 });
		expect(calls.subgradient).toBe(2);
		expect(outside.total).toBe(1_000 * 100 + 12);
		solveCompiled(compile(town(100, 5)), { gap: 0.001 });
		expect(calls.subgradient).toBe(3);
	});
});
