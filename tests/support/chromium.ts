// The Chromium the e2e tests and the page bench launch: CHROMIUM_PATH, else the system's
// Chromium, else Playwright's own (tests/e2e/global-setup.ts), with this closed network's flags.
import { existsSync } from 'node:fs';

export const chromiumLaunchOptions = {
	executablePath:
		process.env.CHROMIUM_PATH ||
		(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
	// No background calls home, no sandbox in containers.
	args: [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-gpu'
	]
};
