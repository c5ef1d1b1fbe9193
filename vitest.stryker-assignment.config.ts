// Vitest for measuring the solver by its own unit tests (stryker.assignment.config.mjs): only
// tests/unit/assignment, without the CLI test (it spawns a process Stryker's mutants never reach).
import { defineConfig } from 'vitest/config';
import base from './vite.config.ts';

export default defineConfig({
	...base,
	test: {
		expect: base.test?.expect,
		include: ['tests/unit/assignment/**/*.test.ts'],
		exclude: ['tests/unit/assignment/cli.test.ts'],
		environment: 'node',
		// Stryker's own timeout (timeoutMS in stryker.assignment.config.mjs) ends a mutant that loops;
		// this one only has to let the instrumented initial run finish on a loaded machine.
		testTimeout: 600_000,
		// Fewer fast-check cases on smaller instances (tests/unit/assignment/helpers.ts).
		env: { ZEITSPENDE_MUTATION: '1' }
	}
});
