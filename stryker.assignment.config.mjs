// Mutation testing of the solver (src/lib/domain/assignment) by its own unit tests, one file at a
// time, e.g.: nice -n 19 npx stryker run stryker.assignment.config.mjs --mutate 'src/lib/domain/assignment/lns.ts'
// These tests take milliseconds, so a mutant that turns a loop endless is stopped after a few
// seconds instead of the minute the db tests need (most of the solver's mutants in loops time out).
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	...base,
	vitest: { configFile: 'vitest.stryker-assignment.config.ts' },
	mutate: ['src/lib/domain/assignment/**/*.ts', '!src/lib/domain/assignment/types.ts'],
	concurrency: 1,
	timeoutMS: 3000,
	timeoutFactor: 1.5,
	htmlReporter: { fileName: 'reports/mutation/assignment.html' }
};
