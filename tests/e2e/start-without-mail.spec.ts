// A production build refuses to start without a way to deliver mail: nobody could sign in, as
// the codes go out by mail. SMTP_URL, or the explicit demo opt-out ZEITSPENDE_DEV_OUTBOX=1 — which
// serves every sign-in code on /dev/outbox, so it too is refused on a server others can reach.
// Starts the build the e2e server runs (build/, made by the webServer step) a second time.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_OPERATOR } from './operator.ts';

/** Runs `node build` with this environment until it exits (or 60 s pass); its code and output. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['build'], {
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

test('a production build without SMTP_URL and without the demo opt-out does not start', async ({
	browserName
}, info) => {
	// One server start is enough: on the phone project only.
	test.skip(info.project.name !== 'phone', 'the build is the same for both projects');
	test.setTimeout(90_000);
	expect(browserName).toBe('chromium');
	const dataDir = await mkdtemp(join(tmpdir(), 'zeitspende-no-mail-'));
	try {
		const { code, output } = await start({
			...E2E_OPERATOR,
			PORT: '0',
			HOST: '127.0.0.1',
			ORIGIN: 'http://localhost:9',
			AUTH_SECRET: 'e2e-only-not-a-secret-start-without-mail',
			PGLITE_DATA_DIR: dataDir,
			ZEITSPENDE_JOBS: '0'
		});
		expect(code).not.toBe(0);
		expect(output).toContain('SMTP_URL must be set in production');
		expect(output).toContain('ZEITSPENDE_DEV_OUTBOX=1');
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
});

test('a production build with the dev outbox on a public origin does not start', async ({
	browserName
}, info) => {
	test.skip(info.project.name !== 'phone', 'the build is the same for both projects');
	test.setTimeout(90_000);
	expect(browserName).toBe('chromium');
	const dataDir = await mkdtemp(join(tmpdir(), 'zeitspende-public-outbox-'));
	try {
		const { code, output } = await start({
			...E2E_OPERATOR,
			PORT: '0',
			HOST: '127.0.0.1',
			ORIGIN: 'https://zeitspende.example',
			AUTH_SECRET: 'e2e-only-not-a-secret-start-without-mail',
			ZEITSPENDE_DEV_OUTBOX: '1',
			PGLITE_DATA_DIR: dataDir,
			ZEITSPENDE_JOBS: '0'
		});
		expect(code).not.toBe(0);
		expect(output).toContain('ZEITSPENDE_DEV_OUTBOX=1 shows every sign-in code');
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
});
