// On a fresh machine with internet, `npm test` fetches Playwright's Chromium itself when no
// browser is there, so the one test command is enough.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export function ensureBrowser(): void {
	if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
	if (existsSync(chromium.executablePath())) return;
	console.log('No Chromium found: running `npx playwright install chromium`.');
	const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
		stdio: 'inherit',
		shell: process.platform === 'win32'
	});
	if (result.status !== 0)
		throw new Error(
			'`npx playwright install chromium` failed; set CHROMIUM_PATH to a Chromium binary.'
		);
}
