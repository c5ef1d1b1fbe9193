// WCAG 2.1 SC 1.4.10 (Reflow): no page of the accessibility sweep (./routes.ts) scrolls sideways
// at 320 px, nor in a 1280 px wide window zoomed to 200 %, for each signed-in persona and
// anonymously, in German and English.
//
// 200 % zoom is emulated as a 640 px CSS viewport with deviceScaleFactor 2. Browser zoom makes each
// CSS pixel two device pixels, so a window 1280 device pixels wide lays pages out in 640 CSS px,
// with the same media queries and line breaks (WCAG's own equivalence: 1280 px at 400 % is a
// 320 px viewport). CDP's Emulation.setPageScaleFactor would be pinch-zoom instead: it magnifies
// the visual viewport without laying the page out again, so the layout viewport stays 1280 px
// wide and nothing would ever be found to overflow.
import type { Page } from '@playwright/test';
import { expect, test } from './support.ts';
import { personaEmail, routes, type Locale, type Persona, type Route } from './routes.ts';

const windows = [
	{ name: '320 px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
	{
		name: '200 % zoom (1280 px window)',
		viewport: { width: 640, height: 400 },
		deviceScaleFactor: 2
	}
] as const;

// The layout is the same in both projects at a given width; the phone project's 320 px is
// checked on every page by a11y.spec.ts already, so this sweep runs once, on the desktop.
test.skip(({ isMobile }) => isMobile, 'one sweep of every page and width, on the desktop project');

/** How far the page is wider than its window, 0 when it fits. */
async function sidewaysOverflow(page: Page, route: Route, locale: Locale): Promise<number> {
	await page.goto(route.path);
	const heading = page.getByRole('heading', { level: 1 });
	// The page itself, not a sign-in or error page instead of it.
	if (route.headingStartsWith) await expect(heading).toContainText(route.heading[locale]);
	else await expect(heading).toHaveText(route.heading[locale]);
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}

for (const window of windows) {
	test.describe(`nothing scrolls sideways at ${window.name}`, () => {
		test.use({ viewport: window.viewport, deviceScaleFactor: window.deviceScaleFactor });
		// Up to fourteen pages twice (German, English) on a small shared machine.
		test.describe.configure({ timeout: 120_000 });

		for (const persona of Object.keys(routes) as Persona[]) {
			test(`${persona}: every page in German and English`, async ({
				page,
				context,
				baseURL,
				signInAs
			}) => {
				const email = personaEmail[persona];
				if (email) await signInAs(email);
				const overflowing: string[] = [];
				for (const locale of ['de', 'en'] as const) {
					await context.addCookies([{ name: 'zs_locale', value: locale, url: baseURL! }]);
					for (const route of Object.values(routes[persona]) as Route[]) {
						const overflow = await sidewaysOverflow(page, route, locale);
						if (overflow > 0)
							overflowing.push(`${route.path} (${locale}): ${overflow} px too wide`);
					}
				}
				// All offenders at once, so one run shows every page to fix.
				expect(overflowing, `pages wider than ${window.viewport.width} px`).toEqual([]);
			});
		}
	});
}
