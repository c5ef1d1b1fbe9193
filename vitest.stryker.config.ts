// Vitest as Stryker runs it (npm run test:mutation). Under Stryker the db project keeps only the
// files that call server modules beyond the harness: the persona, safeguard and migration suites
// test SQL, which Stryker does not mutate, and would make every server mutant cost minutes.
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';
import base from './vite.config.ts';

const SERVER_DB_TESTS = [
	'tests/db/auth/**/*.test.ts',
	'tests/db/matching/{batch,batch-months,batch-places,batch-worker,contacts,form-actions,ranking,read,server-verbs,verbs-approve-decline}.test.ts',
	'tests/db/{approvals,calendar,hours,inspections,jobs,needs,offers,onboarding,people,pools,reports,requests,startup,suggestions}/**/*.test.ts',
	'tests/db/organisations/**/*.test.ts'
];

// Read by the solver's property tests (tests/unit/assignment/helpers.ts): under Stryker they run
// fewer fast-check cases on smaller instances; plain `npm test` never sets it.
const env = { ZEITSPENDE_MUTATION: '1' };

// MUTATION_PROJECT=unit (or db) keeps one vitest project, e.g. to measure the solver by its own
// unit tests without the batch db tests that also reach it:
//   MUTATION_PROJECT=unit npx stryker run --mutate 'src/lib/domain/assignment/**/*.ts'
const only = process.env.MUTATION_PROJECT;

// MUTATION_TESTS=glob,glob measures an area by its own test files alone (each glob under
// tests/unit/ or tests/db/ goes to that project; a comma inside braces stays in its glob), which
// keeps a mutant's run to seconds:
//   MUTATION_TESTS='tests/db/pools/**/*.test.ts' npx stryker run --mutate 'src/lib/server/pools/*.ts'
const ownTests = process.env.MUTATION_TESTS?.split(/,(?![^{]*})/).filter(Boolean);
const includeOf = (name: string, include: string[] | undefined) =>
	ownTests ? ownTests.filter((glob) => glob.startsWith(`tests/${name}/`)) : include;

// Instrumented code runs several times slower: the solver's brute-force checks need more than 5 s.
const projects = (base.test?.projects ?? [])
	.map((project: TestProjectConfiguration) => {
		if (typeof project !== 'object' || !('test' in project) || !project.test) return project;
		const test = { ...project.test, testTimeout: 60_000, env: { ...project.test.env, ...env } };
		const include = includeOf(test.name ?? '', test.name === 'db' ? SERVER_DB_TESTS : test.include);
		return { ...project, test: { ...test, include } };
	})
	.filter((project: TestProjectConfiguration) => {
		const test = typeof project === 'object' && 'test' in project ? project.test : undefined;
		if (only && test?.name !== only) return false;
		return !ownTests || (test?.include?.length ?? 0) > 0;
	});

export default defineConfig({ ...base, test: { ...base.test, env, projects } });
