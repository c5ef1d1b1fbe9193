// Chromium for `npm run bench -- pages`: signs the demo people in as a person does (code from the
// development outbox, as tests/e2e/support.ts reads it), and loads a page cold at a phone profile
// (360×740, touch, CPU slowed 4×), recording every script it fetches and its LCP and CLS.
import { gzipSync } from 'node:zlib';
import { chromium, devices, type Browser, type Cookie, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../support/chromium.ts';

export function launchChromium(): Promise<Browser> {
	return chromium.launch(chromiumLaunchOptions);
}

const hydrated = (page: Page) =>
	page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });

/** The session cookie of `email` after signing in through /sign-in with the mailed code. */
export async function signIn(browser: Browser, origin: string, email: string): Promise<Cookie[]> {
	const context = await browser.newContext({ baseURL: origin, locale: 'de-DE' });
	try {
		const page = await context.newPage();
		await page.goto('/sign-in');
		await hydrated(page);
		await page.getByLabel('E-Mail-Adresse').fill(email);
		await page.getByRole('button', { name: 'Code anfordern' }).click();
		await page.getByLabel('Sechsstelliger Code').waitFor();
		const outbox = await context.newPage();
		await outbox.goto('/dev/outbox');
		const subject = await outbox
			.getByRole('article')
			.filter({ hasText: email })
			.first()
			.getByRole('heading')
			.textContent();
		const code = /\b(\d{6})\b/.exec(subject ?? '')?.[1];
		if (!code) throw new Error(`no sign-in code for ${email} in the outbox ("${subject}")`);
		await outbox.close();
		await page.getByLabel('Sechsstelliger Code').fill(code);
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		// A busy machine can take long for the first signed-in page.
		await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 120_000 });
		const session = (await context.cookies()).filter((c) => c.name.endsWith('zs_session'));
		if (session.length === 0) throw new Error(`signing in ${email} gave no session cookie`);
		return session;
	} finally {
		await context.close();
	}
}

/** The Cookie header a node client sends for these cookies. */
export const cookieHeader = (cookies: Cookie[]) =>
	cookies.map((c) => `${c.name}=${c.value}`).join('; ');

export interface PageLoad {
	/** Every script the page fetched (its module graph and what it imports later), gzipped. */
	jsGzipBytes: number;
	scripts: number;
	lcpMs: number;
	cls: number;
}

// Recorded from the first paint on: the largest contentful paint, and layout shifts not caused
// by input, summed (at least the largest session window CLS takes).
const VITALS = `(() => {
	const v = (window.__vitals = { lcp: 0, cls: 0 });
	new PerformanceObserver((list) => { for (const e of list.getEntries()) v.lcp = e.startTime; })
		.observe({ type: 'largest-contentful-paint', buffered: true });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (!e.hadRecentInput) v.cls += e.value;
	}).observe({ type: 'layout-shift', buffered: true });
})();`;

/** One cold load of `url` (fresh context: empty cache, no service worker) at the phone profile. */
export async function loadPage(
	browser: Browser,
	url: string,
	cookies: Cookie[] = []
): Promise<PageLoad> {
	const context = await browser.newContext({
		...devices['Pixel 5'],
		viewport: { width: 360, height: 740 },
		locale: 'de-DE',
		serviceWorkers: 'block'
	});
	try {
		await context.addCookies(cookies);
		await context.addInitScript(VITALS);
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const bodies: Promise<number>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() !== 'script') return;
			bodies.push(
				response.body().then(
					(body) => gzipSync(body).length,
					() => 0
				)
			);
		});
		const response = await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
		if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
		await page.waitForLoadState('networkidle', { timeout: 90_000 });
		// LCP is final once the page is idle and nothing new paints: give it a moment.
		await page.waitForTimeout(500);
		const vitals = await page.evaluate(
			() => (window as unknown as { __vitals: { lcp: number; cls: number } }).__vitals
		);
		const sizes = await Promise.all(bodies);
		return {
			jsGzipBytes: sizes.reduce((a, b) => a + b, 0),
			scripts: sizes.length,
			lcpMs: vitals.lcp,
			cls: vitals.cls
		};
	} finally {
		await context.close();
	}
}
