// The Content-Security-Policy (kit.csp) and the other security headers are sent, and no page
// breaks under them: each main route hydrates and logs no violation, for each kind of person.
import type { Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, signIn, test, uniqueEmail } from './support.ts';

const lernpaten = seed.organisations.lernpaten.id;
const agency = seed.organisations.freiwilligenagentur.id;
const need = seed.needs.lernpatenschaftDeutsch.id;

const ROUTES: { who: string | null; paths: string[] }[] = [
	{
		who: null,
		paths: [
			'/',
			'/sign-in',
			`/towns/${seed.municipalities.lindenau.id}`,
			'/check-in?t=broken',
			'/unsubscribe?t=broken',
			'/privacy',
			'/imprint',
			'/accessibility',
			'/easy-read',
			'/offline',
			'/dev/outbox',
			'/no-such-page'
		]
	},
	{
		who: seed.people.mara.email,
		paths: [
			'/profile',
			'/offer',
			'/needs',
			`/needs/${need}`,
			'/matches',
			'/hours',
			'/pools',
			'/certificate',
			'/suggest',
			'/profile/data'
		]
	},
	{
		who: seed.people.emre.email,
		paths: [
			'/coordinator',
			`/coordinator/${lernpaten}`,
			`/coordinator/${lernpaten}/needs/new`,
			`/coordinator/${lernpaten}/needs/${need}`,
			`/coordinator/${lernpaten}/needs/${need}/edit`,
			`/coordinator/${lernpaten}/pool`,
			`/coordinator/${lernpaten}/pool/message`,
			`/coordinator/${lernpaten}/matches`,
			`/coordinator/${lernpaten}/hours`,
			`/coordinator/${lernpaten}/batch`,
			`/coordinator/${lernpaten}/team`,
			`/coordinator/${lernpaten}/report`,
			`/coordinator/${lernpaten}/report/print`
		]
	},
	{
		who: seed.people.katrin.email,
		paths: [
			`/coordinator/${agency}/approvals`,
			`/coordinator/${agency}/town`,
			`/coordinator/${agency}/suggestions`,
			`/coordinator/${agency}/inspections`
		]
	},
	{ who: seed.people.admin.email, paths: ['/admin', '/admin/mail'] }
];

/** Pages served without SvelteKit's client (`csr = false`), with src/lib/pwa/page-script.ts. */
const WITHOUT_CLIENT = new Set([
	'/',
	'/sign-in',
	'/needs',
	`/coordinator/${lernpaten}/needs/${need}`
]);

/** Collects CSP violations reported on the page (the event) and in the console. */
async function watchViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
			report(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile})`);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
			violations.push(message.text());
	});
	return violations;
}

for (const { who, paths } of ROUTES) {
	test(`pages of ${who ?? 'a visitor'} hydrate under the CSP and violate none of it`, async ({
		page,
		signInAs
	}) => {
		test.setTimeout(120_000);
		if (who) await signInAs(who);
		const violations = await watchViolations(page);
		for (const path of paths) {
			const response = await page.goto(path);
			const headers = response!.headers();
			const csp = headers['content-security-policy'] ?? '';
			// A nonce for Kit's inline script; where there is none, scripts of our origin only.
			if (WITHOUT_CLIENT.has(path)) expect(csp, path).toMatch(/script-src 'self'(;|$)/);
			else expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
			expect(csp, path).toContain("object-src 'none'");
			expect(csp, path).toContain("base-uri 'none'");
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('same-origin');
			// The test server speaks plain http: no HSTS there.
			expect(headers['strict-transport-security'], path).toBeUndefined();
			if (who) expect(headers['cache-control'], path).toBe('no-store');
			// The scripts ran: the root layout marks the document once hydrated (page-script.ts
			// does on the pages served without SvelteKit's client).
			await expect(page.locator('html[data-hydrated]'), path).toBeAttached();
			if (WITHOUT_CLIENT.has(path)) {
				// Its one script is a file of our origin; no inline script at all.
				await expect(page.locator('script[src^="/_app/page-script.js?v="]'), path).toHaveCount(1);
				expect(await page.locator('script:not([src])').count(), path).toBe(0);
			}
			// Kit's nonce reached its own inline script.
			else expect(await page.locator('script[nonce]').count(), path).toBeGreaterThan(0);
		}
		expect(violations, violations.join('\n')).toEqual([]);
	});
}

test('signing in, both steps and the first page after it, violates none of the CSP', async ({
	page
}) => {
	const violations = await watchViolations(page);
	// A new person: the code step, then the offer's first step.
	await signIn(page, uniqueEmail('csp'));
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	expect(violations, violations.join('\n')).toEqual([]);
});

test('the public start page may be cached; a signed-in one may not', async ({ request }) => {
	const response = await request.get('/');
	expect(response.headers()['cache-control']).toBeUndefined();
	expect(response.headers()['x-frame-options']).toBe('DENY');
});

test.describe('with the service worker', () => {
	test.use({ serviceWorkers: 'allow' });

	test('registers under the CSP without a violation', async ({ page }) => {
		const violations = await watchViolations(page);
		await page.goto('/');
		const scope = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return registration.scope;
		});
		expect(scope).toMatch(/\/$/);
		expect(violations, violations.join('\n')).toEqual([]);
	});
});

test('a page cannot be framed, not even by the same site', async ({ page }) => {
	await page.goto('/');
	const signInUrl = new URL('/sign-in', page.url()).href;
	// The frame's answer arrives (the browser then refuses to show it), rather than a fixed wait.
	const answered = page.waitForResponse(signInUrl);
	await page.setContent(`<iframe src="${signInUrl}"></iframe>`);
	expect((await answered).headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(page.frames()).toHaveLength(2);
	// Refused: the frame holds the browser's error page, never the sign-in form.
	await expect
		.poll(async () =>
			page
				.frames()[1]!
				.evaluate(() => document.body?.innerText ?? '')
				.catch(() => 'not readable')
		)
		.not.toBe('');
	const framed = await page
		.frames()[1]!
		.evaluate(() => document.body?.innerText ?? '')
		.catch(() => '');
	expect(framed).not.toContain('Code anfordern');
	expect(page.frames()[1]!.url()).not.toBe(signInUrl);
});
