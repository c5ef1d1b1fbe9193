// Mutation testing of one solver file by its own unit tests (vitest.stryker-solver.config.ts), e.g.
// SOLVER_TESTS=exact,exact-search nice -n 19 npx stryker run stryker.solver.config.mjs --mutate 'src/lib/domain/assignment/exact.ts'
import solver from './stryker.assignment.config.mjs';

const tests = process.env.SOLVER_TESTS ?? '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	...solver,
	vitest: { configFile: 'vitest.stryker-solver.config.ts' },
	// At nice 19 on two shared cores the instrumented first run took over Stryker's default 5 min.
	dryRunTimeoutMinutes: 45,
	htmlReporter: { fileName: `reports/mutation/solver-${tests.replaceAll(',', '-') || 'none'}.html` }
};
