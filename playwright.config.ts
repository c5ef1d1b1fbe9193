import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_OPERATOR } from './tests/e2e/operator.ts';
import { E2E_AUTH_SECRET } from './tests/e2e/auth-secret.ts';
import { chromiumLaunchOptions as launchOptions } from './tests/support/chromium.ts';

// E2E runs against the production build (adapter-node) with a fresh embedded database per run:
// the demo seed is applied on first start, and rate limits start from zero.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;
// The config is loaded by the runner and by every worker: fix the run's folder once, in the runner.
process.env.ZS_E2E_DATA_DIR ??= join(tmpdir(), `zeitspende-e2e-${Date.now()}`);

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	globalTeardown: './tests/e2e/global-teardown.ts',
	// PGlite is one connection behind one server: two workers keep it busy without queueing.
	workers: 2,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	// The JSON report keeps each test's duration (test-results/e2e.json), to see where the time goes.
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	// 60 s, not Playwright's 30: on the 2-core CI machine the malformed sweep's own server and
	// browser run beside the other worker's test, and a sign-in plus two axe runs took 31.6 s there.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		locale: 'de-DE',
		trace: 'retain-on-failure',
		// The service worker would answer pages from its caches; tests/e2e/pwa.spec.ts allows it.
		serviceWorkers: 'block',
		launchOptions
	},
	projects: [
		{
			name: 'phone',
			use: {
				...devices['Pixel 5'],
				viewport: { width: 360, height: 740 },
				browserName: 'chromium',
				launchOptions
			}
		},
		{
			name: 'desktop',
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions }
		}
	],
	webServer: {
		command: 'npm run build && node build',
		url: baseURL,
		// Never reuse: a server from an earlier run has spent this run's sign-in rate limits.
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			// adapter-node checks form posts against ORIGIN (CSRF).
			ORIGIN: baseURL,
			ZEITSPENDE_DEV_OUTBOX: '1',
			// A production build refuses to start without it (this one is for the test run only).
			AUTH_SECRET: E2E_AUTH_SECRET,
			// Every test's browser comes from 127.0.0.1: the suite signs in more new addresses
			// than one person's address may in an hour (the per-address limit stays as it is).
			SIGN_IN_PER_IP_PER_HOUR: '1000',
			// The imprint's details: a production build refuses to start without them.
			...E2E_OPERATOR,
			PGLITE_DATA_DIR: process.env.ZS_E2E_DATA_DIR,
			// Whatever the shell has: embedded database, outbox mail, built-in sign-in.
			DATABASE_URL: '',
			SMTP_URL: '',
			PUBLIC_SUPABASE_URL: ''
		}
	}
});
