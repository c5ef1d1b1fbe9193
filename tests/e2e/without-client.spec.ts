// The pages served without SvelteKit's client (src/lib/pwa/without-client.ts): reached from a
// page that has it, they load whole and run their own script once; their plain forms are sent
// once however often they are tapped.
import { seed } from '../support/seed-ids.ts';
import { expect, test, uniqueEmail } from './support.ts';

test('from a page with the app’s client, "Passende Bedarfe" loads whole with its own script', async ({
	page,
	signInAs
}) => {
	await signInAs(seed.people.mara.email);
	await page.goto('/matches');
	// Kept only while the page is not loaded anew.
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Passende Bedarfe' })
		.click();
	await expect(page).toHaveURL('/needs');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bedarfe, die zu dir passen' })
	).toBeVisible();
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
		undefined
	);
	await expect(page.locator('script[src^="/_app/page-script.js?v="]')).toHaveCount(1);
	await expect(page.locator('[data-outbox]')).toHaveCount(1);
});

test('a plain form tapped twice is sent once', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByLabel('E-Mail-Adresse').fill(uniqueEmail('twice'));
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url());
	});
	// A slow answer, as on a phone: the second tap comes while the first post is on its way.
	await page.route(
		(url) => url.pathname === '/sign-in' && url.search === '?/request',
		async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			await route.continue();
		}
	);
	// Tapped twice in the page itself, the second time while the first post waits for its answer
	// (Playwright's own click would wait for the first post's page).
	const first = page.waitForRequest((r) => r.method() === 'POST');
	await page.evaluate(() => {
		const button = document.querySelector<HTMLButtonElement>('form[action="?/request"] button')!;
		button.click();
		setTimeout(() => button.click(), 200);
	});
	await first;
	await expect(page.getByLabel('Sechsstelliger Code')).toBeVisible();
	expect(posts).toHaveLength(1);
});

test('a page without the client renders its rows but never sends them as data (RenderOnly)', async ({
	page,
	signInAs
}) => {
	await signInAs(seed.people.emre.email);
	const path = `/coordinator/${seed.organisations.lernpaten.id}/needs/${seed.needs.lernpatenschaftDeutsch.id}`;
	await page.goto(path);
	// The page shows its history (the seed's first event: the need posted by its coordinator) …
	const posted = page.getByRole('region', { name: 'Verlauf' }).getByRole('listitem').first();
	await expect(posted).toContainText('Bedarf veröffentlicht – ');
	const who = (await posted.textContent())!.split(' – ')[1]!.trim();
	const when = (await posted.locator('time').getAttribute('datetime'))!;
	expect(who.length).toBeGreaterThan(2);
	// … and the data a preloading link would fetch holds the need, but none of its lists.
	const data = await page.request.get(`${path}/__data.json`);
	expect(data.status()).toBe(200);
	const body = await data.text();
	expect(body).toContain(seed.needs.lernpatenschaftDeutsch.id);
	expect(body).toContain('"RenderOnly"');
	expect(body).not.toContain(who);
	expect(body).not.toContain(when.slice(0, 16));
});
