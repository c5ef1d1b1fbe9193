// Vitest for measuring one solver file by the unit tests written for it (stryker.solver.config.mjs):
// SOLVER_TESTS=bound,knapsack runs tests/unit/assignment/{bound,knapsack}.test.ts only. Under the
// whole solver suite every property test reaches the search, so each mutant ran for minutes on a
// loaded machine and a mutant that stops pruning waited minutes for its timeout.
import { defineConfig } from 'vitest/config';
import solver from './vitest.stryker-assignment.config.ts';

const names = (process.env.SOLVER_TESTS ?? '').split(',').filter(Boolean);
if (names.length === 0) throw new Error('set SOLVER_TESTS, e.g. SOLVER_TESTS=bound,knapsack');

export default defineConfig({
	...solver,
	test: {
		...solver.test,
		include: names.map((n) => `tests/unit/assignment/${n}.test.ts`),
		exclude: []
	}
});
