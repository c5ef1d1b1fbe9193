// Mutation testing of the TypeScript side: npm run test:mutation (not part of npm test).
// Which tests run under Stryker: vitest.stryker.config.ts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'vitest',
	vitest: { configFile: 'vitest.stryker.config.ts' },
	// Works with both vitest projects: each mutant runs only the tests that reach it.
	coverageAnalysis: 'perTest',
	mutate: [
		'src/lib/domain/**/*.ts',
		'src/lib/server/**/*.ts',
		'!src/lib/server/**/*-cli.ts',
		'!src/lib/server/db/schema-dump.ts',
		'!src/lib/server/**/port.ts',
		'!src/lib/server/db/types.ts',
		'!src/lib/domain/assignment/types.ts'
	],
	// Module-level constants (message tables, weights) would each reload every test file that
	// imports them: about half the mutants and over 90 % of the run time, so they are left out.
	ignoreStatic: true,
	// Anchored: a bare 'reports' would also leave src/lib/server/reports out of the sandbox.
	ignorePatterns: ['/build', '/playwright-report', '/test-results', '/.data', '/reports'],
	reporters: ['clear-text', 'progress', 'html'],
	htmlReporter: { fileName: 'reports/mutation/index.html' },
	concurrency: 2,
	timeoutMS: 60_000,
	tempDirName: '.stryker-tmp'
};
