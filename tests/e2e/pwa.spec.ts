// The app as an installed one: manifest and icons, the service worker for real (the other specs
// block it) — the offline page, my matches and my month offline, nothing kept after sign-out or
// deleting the account, a waiting new version offered — and the shape on a phone: a one-line
// header and the places in a bar at the bottom, the current one marked, by keyboard, at 320 px and
// at 200 % zoom.
import type { APIRequestContext, Page, Route } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	outboxEntries,
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	signIn,
	test,
	uniqueEmail,
	waitingForHydration
} from './support.ts';

test.use({ serviceWorkers: 'allow' });
// A first visit precaches the whole build: a few seconds on a small machine.
test.describe.configure({ timeout: 60_000 });

/** Our worker controls the page (it claims it on its first install). */
async function controlled(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
		timeout: 30_000
	});
}

/** Is this path in the worker's cache of personal pages? */
const kept = (page: Page, path: string) =>
	page.evaluate(async (p) => !!(await (await caches.open('zs-pages')).match(p)), path);

/** Width and height a PNG says it has (IHDR). */
async function pngSize(request: APIRequestContext, src: string) {
	const response = await request.get(src);
	expect(response.status(), src).toBe(200);
	expect(response.headers()['content-type']).toBe('image/png');
	const png = await response.body();
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
const offlineHeading = (page: Page) =>
	page.getByRole('heading', { level: 1, name: 'Keine Verbindung' });

test('the manifest makes the app installable: names, colours, start, icons, shortcuts', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#0b5c4a');
	const response = await request.get(href!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'Zeitspende',
		short_name: 'Zeitspende',
		start_url: '/needs',
		scope: '/',
		display: 'standalone',
		lang: 'de',
		theme_color: '#0b5c4a',
		background_color: '#fbfaf7'
	});
	const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
	for (const icon of icons) expect(await pngSize(request, icon.src), icon.src).toBe(icon.sizes);
	expect(icons.filter((i) => (i.purpose ?? 'any').includes('any')).map((i) => i.sizes)).toEqual(
		expect.arrayContaining(['192x192', '512x512'])
	);
	expect(icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toContain('512x512');
	expect(manifest.shortcuts.map((s: { name: string; url: string }) => [s.name, s.url])).toEqual([
		['Passende Bedarfe', '/needs'],
		['Stunden eintragen', '/hours']
	]);
	const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect(await pngSize(request, touch!)).toBe('180x180');
});

test('offline, a page the worker did not keep shows the offline page in German and English', async ({
	page,
	context
}) => {
	await page.goto('/');
	await controlled(page);
	await context.setOffline(true);
	const town = `/towns/${seed.municipalities.lindenau.id}`;
	await page.goto(town);
	await expect(offlineHeading(page)).toBeVisible();
	await expect(
		page.locator('[lang="en"]').getByRole('heading', { level: 2, name: 'No connection' })
	).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	// Back online, "try again" loads the page the person wanted.
	await context.setOffline(false);
	await page.getByRole('link', { name: 'Erneut versuchen' }).click();
	await expect(page).toHaveURL(town);
	await expect(
		page.getByRole('heading', { level: 1, name: seed.municipalities.lindenau.name })
	).toBeVisible();
});

test('my matches and my month stay readable offline after a visit', async ({
	page,
	context,
	signInAs
}) => {
	await signInAs(seed.people.mara.email);
	await page.goto('/needs');
	await controlled(page);
	await page.goto('/matches');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Vermittlungen');
	const seen = await page.locator('main').innerText();
	// To "Meine Stunden" the way a person goes: SvelteKit loads only its data, and the page asks
	// the worker to keep the whole page.
	await nav(page).getByRole('link', { name: 'Meine Stunden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Stunden');
	await expect.poll(() => kept(page, '/hours')).toBe(true);

	await context.setOffline(true);
	await page.goto('/matches');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Vermittlungen');
	expect(await page.locator('main').innerText()).toBe(seen);
	await expect(nav(page).getByRole('link', { name: 'Meine Vermittlungen' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await nav(page).getByRole('link', { name: 'Meine Stunden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Stunden');
	// A page that is not kept: the offline page, not the browser's error.
	await nav(page).getByRole('link', { name: 'Passende Bedarfe' }).click();
	await expect(offlineHeading(page)).toBeVisible();

	// A copy kept longer ago than the session's idle time-out (7 days here) is shown no more.
	const keepSeconds = await page.evaluate(async () => {
		const cache = await caches.open('zs-pages');
		const copy = (await cache.match('/matches'))!;
		const headers = new Headers(copy.headers);
		headers.set('x-zs-kept-at', String(Date.now() - 8 * 24 * 3600 * 1000));
		await cache.put('/matches', new Response(await copy.text(), { status: 200, headers }));
		return headers.get('x-zs-keep-seconds');
	});
	expect(keepSeconds).toBe(String(7 * 24 * 3600));
	await page.goto('/matches');
	await expect(offlineHeading(page)).toBeVisible();
	expect(await kept(page, '/matches')).toBe(false);
	await context.setOffline(false);
});

test('signing out forgets the kept pages', async ({ page, context }) => {
	await page.goto('/');
	await controlled(page);
	// A new person of this test alone: signing out ends the session for everyone who shares it.
	await signIn(page, uniqueEmail('pwa'), '/matches');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Vermittlungen');
	await expect.poll(() => kept(page, '/matches')).toBe(true);

	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL('/?signed_out=1');
	expect(await kept(page, '/matches')).toBe(false);
	// The answer's Clear-Site-Data took the worker too; the page registers it anew.
	await controlled(page);
	await context.setOffline(true);
	await page.goto('/matches');
	await expect(offlineHeading(page)).toBeVisible();
	await context.setOffline(false);
});

/** The paths in the worker's cache of personal pages (none when there is no such cache). */
const keptPages = (page: Page) =>
	page.evaluate(async () => {
		if (!(await caches.has('zs-pages'))) return [];
		const requests = await (await caches.open('zs-pages')).keys();
		return requests.map((r) => new URL(r.url).pathname).sort();
	});

/** An action waiting to be sent, put in the page's outbox as the page queues one. */
const queue = (page: Page, entry: Record<string, unknown>) =>
	page.evaluate(
		(entry) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('zeitspende-outbox', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('requests', { keyPath: 'key' });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('requests', 'readwrite');
					tx.objectStore('requests').put(entry);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
				};
			}),
		entry
	);

// Three paths empty the device when the account goes: the worker (kept pages and queue), the page
// (the queue, as the form is sent) and the answer's Clear-Site-Data (both). Each is also tested
// without the others, so one breaking is not hidden by another: without Clear-Site-Data (taken off
// on the way), and without a worker (then only Clear-Site-Data empties the kept pages).
for (const { situation, worker, clearSiteData } of [
	{ situation: 'as it is', worker: true, clearSiteData: true },
	{ situation: 'without Clear-Site-Data', worker: true, clearSiteData: false },
	{ situation: 'without a worker', worker: false, clearSiteData: true }
]) {
	test.describe(() => {
		test.use({ serviceWorkers: worker ? 'allow' : 'block' });

		test(`deleting the account leaves nothing of the person on the device (${situation}): no kept page, no queue, signed out`, async ({
			page,
			context,
			isMobile
		}) => {
			test.skip(!isMobile && situation !== 'as it is', 'the parts alone on the phone');
			await page.goto('/');
			if (worker) await controlled(page);
			// A new person of this test alone: the account goes.
			await signIn(page, uniqueEmail('pwa-delete'), '/matches');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Vermittlungen');
			if (worker) {
				await page.goto('/hours');
				await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Stunden');
			} else {
				// No worker keeps it: the copy put where the worker would have kept it.
				await page.evaluate(async () =>
					(await caches.open('zs-pages')).put('/hours', await fetch('/hours'))
				);
			}
			await expect
				.poll(() => keptPages(page))
				.toEqual(worker ? ['/hours', '/matches'] : ['/hours']);

			// An action waiting to be sent, as the page queues one (a new person has no match to log
			// hours for yet); the way to the server is cut off, so it keeps waiting.
			await page.route(
				(url) => url.pathname === '/hours' && url.search === '?/log',
				(route) => route.abort('internetdisconnected')
			);
			const owner = await page.locator('[data-outbox]').getAttribute('data-person');
			expect(owner).toMatch(/^[0-9a-f-]{36}$/);
			await queue(page, {
				key: crypto.randomUUID(),
				url: '/hours?/log',
				fields: [['note', 'Vor dem Löschen']],
				label: 'Stunden: 1 h',
				owner,
				createdAt: Date.now()
			});
			await page.goto('/profile/data');
			await expect(page.getByRole('region', { name: 'Wartet aufs Senden' })).toContainText(
				'wartet aufs Senden: 1'
			);
			expect(await outboxEntries(page)).toHaveLength(1);

			// The answer as a browser that does not act on Clear-Site-Data gets it (through the
			// worker: the context sees the worker's requests too).
			const answered: number[] = [];
			if (!clearSiteData)
				await context.route(
					(url) => url.pathname === '/profile/data' && url.search === '?/delete',
					async (route) => {
						const response = await route.fetch({ maxRedirects: 0 });
						const headers = response.headers();
						delete headers['clear-site-data'];
						answered.push(response.status());
						await route.fulfill({ response, headers });
					}
				);
			await page.getByLabel('Ich verstehe: Das lässt sich nicht rückgängig machen.').check();
			await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
			await expect(page).toHaveURL('/?deleted=1');
			expect(answered).toEqual(clearSiteData ? [] : [303]);
			expect(await keptPages(page)).toEqual([]);
			expect(await outboxEntries(page)).toEqual([]);

			// And signed out: the start page says so, offers to sign in, and my pages ask for it.
			await expect(page.getByRole('status')).toHaveText(
				'Dein Konto ist gelöscht. Danke für deine Zeit!'
			);
			await expect(nav(page).getByRole('link', { name: 'Anmelden' })).toBeVisible();
			await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
			await page.goto('/matches');
			await expect(page).toHaveURL('/sign-in?next=%2Fmatches');
			// The session's cookie is gone too, not only its row (deleted as it was set: Secure).
			const left = (await page.context().cookies()).map((c) => c.name);
			expect(left.filter((name) => name.endsWith('zs_session'))).toEqual([]);
		});
	});
}

test('the answers to deleting the account and to signing out tell the browser to clear the site', async ({
	page,
	baseURL
}) => {
	// A new person of this test alone: the account goes.
	await signIn(page, uniqueEmail('pwa-clear'), '/profile/data');
	// As a form without JavaScript posts it (the request context would ask for anything).
	const post = (url: string, form: Record<string, string>) =>
		page.request.post(url, {
			form,
			maxRedirects: 0,
			headers: { origin: baseURL!, accept: 'text/html' }
		});
	const deleted = await post('/profile/data?/delete', { confirm: 'yes' });
	expect([deleted.status(), deleted.headers().location]).toEqual([303, '/?deleted=1']);
	expect(deleted.headers()['clear-site-data']).toBe('"cache", "storage"');
	const signedOut = await post('/sign-out', {});
	expect([signedOut.status(), signedOut.headers().location]).toEqual([303, '/?signed_out=1']);
	expect(signedOut.headers()['clear-site-data']).toBe('"cache", "storage"');
});

// The start page runs src/lib/pwa/page-script.ts (no SvelteKit client); Easy Read runs the app's client, where
// workbox-window (src/lib/pwa/ServiceWorker.svelte) offers it.
for (const path of ['/', '/easy-read']) {
	test(`a new version waiting is offered on ${path}, and "neu laden" switches to it`, async ({
		page
	}) => {
		await page.goto(path);
		await controlled(page);
		// Rendered hidden on every page: nothing to offer while only the running version is there.
		const prompt = page.getByRole('status').filter({ hasText: 'Eine neue Version ist da' });
		await expect(prompt).toBeHidden();
		// A new version: the same worker under another address installs beside the running one and
		// waits, exactly as a changed /service-worker.js would after a deploy.
		await page.evaluate(() => navigator.serviceWorker.register('/service-worker.js?next=1'));
		await expect(prompt).toHaveText('Eine neue Version ist da — neu laden', { timeout: 30_000 });
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);

		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'neu laden' }).click();
		await reloaded;
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
			/\/service-worker\.js\?next=1$/
		);
	});
}

test.describe('the shape of the app', () => {
	// A plain browser for these: the worker is not what they are about.
	test.use({ serviceWorkers: 'block' });

	test('a helper: four places, the current one marked, by keyboard; one line at 320 px and 200 %', async ({
		page,
		signInAs,
		isMobile
	}) => {
		await signInAs(seed.people.mara.email);
		await page.goto('/matches');
		const names = ['Passende Bedarfe', 'Meine Vermittlungen', 'Meine Stunden', 'Mein Profil'];
		const places = nav(page).getByRole('link');
		await expect(places).toHaveCount(4);
		for (const [i, name] of names.entries()) await expect(places.nth(i)).toHaveAccessibleName(name);
		await expect(places.nth(1)).toHaveAttribute('aria-current', 'page');
		for (const other of [0, 2, 3])
			await expect(places.nth(other)).not.toHaveAttribute('aria-current');

		// Keyboard: after the skip link and the name, the places in order; Enter goes there.
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Zeitspende', exact: true })).toBeFocused();
		for (const name of names) {
			await page.keyboard.press('Tab');
			await expect(nav(page).getByRole('link', { name })).toBeFocused();
		}
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL('/profile');
		await expect(places.nth(3)).toHaveAttribute('aria-current', 'page');
		await expect(places.nth(1)).not.toHaveAttribute('aria-current');

		// A phone: the header is one line and the places are a bar along the bottom of the screen.
		// The desktop keeps them in the header. 640 px is a 1280 px screen at 200 % zoom.
		const header = page.getByRole('banner');
		for (const width of isMobile ? [360, 320] : [1280, 640]) {
			await page.setViewportSize({ width, height: 700 });
			const box = (await header.boundingBox())!;
			const bar = (await nav(page).boundingBox())!;
			if (width < 768) {
				expect(box.height, `header at ${width} px`).toBeLessThanOrEqual(56);
				expect(bar.y + bar.height, `bar at ${width} px`).toBeCloseTo(700, 0);
			} else {
				expect(bar.y + bar.height, `nav at ${width} px`).toBeLessThanOrEqual(box.y + box.height);
			}
			await expectNoHorizontalScroll(page, width);
		}
		await expectNoHorizontalScroll(page, 320);
		await expectAccessible(page);
	});

	test('a coordinator: the coordination place too, marked on its pages', async ({
		page,
		signInAs
	}) => {
		await signInAs(seed.people.emre.email);
		await page.goto('/coordinator');
		const coordination = nav(page).getByRole('link', { name: 'Koordination' });
		await expect(coordination).toHaveAttribute('aria-current', /^(page|true)$/);
		await expect(nav(page).getByRole('link', { name: 'Passende Bedarfe' })).not.toHaveAttribute(
			'aria-current'
		);
		await page.setViewportSize({ width: 320, height: 640 });
		expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(56);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);
	});
});

test.describe('actions done offline', () => {
	// One project: the people below are these tests' own (no other spec uses Ivan P., Dieter K. or
	// Peter W.; the proposal answered offline is between a new helper and a need made for it).
	test.skip(({ isMobile }) => !isMobile, 'offline actions on the phone');

	const IVAN = 'ivan.petrow@lindenau.example';
	type Entry = { key: string; url: string; fields: [string, string][] };

	/** What waits in the page's outbox. */
	const queued = (page: Page) => outboxEntries<Entry>(page);

	/** "Meine Vermittlungen" lists exactly one request of mine for the need with this title. */
	async function expectOneRequest(page: Page, title: string) {
		await page.goto('/matches');
		await expect(
			page
				.getByRole('region', { name: 'Wartet noch' })
				.getByRole('listitem')
				.filter({ hasText: title })
		).toHaveCount(1);
	}

	/** Sends a queued post once more, exactly as it was queued: SvelteKit's answer type. */
	const sendAgain = (page: Page, entry: Entry) =>
		page.evaluate(async (e) => {
			const body = new FormData();
			for (const [name, value] of e.fields) body.append(name, value);
			const response = await fetch(e.url, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			return ((await response.json()) as { type: string }).type;
		}, entry);

	/** The list of what waits, at the top of every page (in a polite live region). */
	const waiting = (page: Page) => page.getByRole('region', { name: 'Wartet aufs Senden' });
	const logEntry = (page: Page, note: string) =>
		page.getByRole('listitem').filter({ has: page.locator('p', { hasText: note }) });

	async function logOffline(page: Page, hours: string, note: string) {
		const form = page.getByRole('region', { name: 'Stunden eintragen' });
		await form.getByLabel('Stunden', { exact: true }).fill(hours);
		await form.getByLabel('Notiz (freiwillig)').fill(note);
		await form.getByRole('button', { name: 'Stunden eintragen' }).click();
	}

	test('hours logged twice and "Ich kann helfen" wait, then each is sent exactly once', async ({
		page,
		context,
		signInAs
	}) => {
		const run = Date.now().toString(36);
		const notes = [`Offline eins ${run}`, `Offline zwei ${run}`];
		await signInAs(IVAN);
		await page.goto('/hours');
		await controlled(page);

		await context.setOffline(true);
		await logOffline(page, '0,25', notes[0]!);
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		await logOffline(page, '0,5', notes[1]!);
		await expect(waiting(page)).toContainText('wartet aufs Senden: 2');
		await expect(waiting(page).getByRole('listitem')).toHaveText([
			/^Stunden: 0,25 h am /,
			/^Stunden: 0,5 h am /
		]);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		const sent = await queued(page);
		expect(sent).toHaveLength(2);
		for (const note of notes) await expect(logEntry(page, note)).toHaveCount(0);

		await context.setOffline(false);
		await expect(waiting(page)).toHaveText('Gesendet: 2');
		expect(await queued(page)).toEqual([]);
		for (const note of notes) await expect(logEntry(page, note)).toHaveCount(1);
		// The same posts again (a lost answer, a second replay): the same answer, no second log.
		for (const entry of sent) expect(await sendAgain(page, entry)).toBe('success');
		await page.reload();
		for (const note of notes) await expect(logEntry(page, note)).toHaveCount(1);

		// "Ich kann helfen" offline, as Dieter K.
		await context.clearCookies();
		await signInAs('dieter.klein@lindenau.example');
		const title = 'Einkauf nach einem Krankenhausaufenthalt';
		await page.goto('/needs');
		const card = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: title }) });
		await context.setOffline(true);
		await card.getByRole('button', { name: 'Ich kann helfen' }).click();
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		await expect(waiting(page).getByRole('listitem')).toHaveText(`Ich kann helfen: ${title}`);
		const [help] = await queued(page);
		await context.setOffline(false);
		await expect(waiting(page)).toHaveText('Gesendet: 1');
		expect(await sendAgain(page, help!)).toBe('success');
		await expectOneRequest(page, title);
	});

	test('"Zusagen" to a proposal offline waits, then is sent once; the replay answers the same', async ({
		page,
		context,
		signInAs
	}) => {
		// Two people's turns and a new offer beside the worker's first install.
		test.setTimeout(120_000);
		// Its own pair, so no other test's proposal or candidates change: a new helper with a
		// remote offer from Birkenhain, and a remote need Sabine H. posts for the Helferkreis
		// (Birkenhain approves nothing, so it is open at once and the match runs on a yes).
		const run = Date.now().toString(36);
		const email = uniqueEmail('pwa-accept');
		const name = email.split('@')[0]!; // a new person's name until they choose one
		const title = `Offline zugesagt: Telefonbesuche ${run}`;

		await signIn(page, email);
		await expect(page).toHaveURL('/offer');
		await page.getByRole('checkbox', { name: 'Besuch & Freizeit' }).check();
		await page.getByRole('checkbox', { name: 'Ältere' }).check();
		await page.getByLabel('Stunden im Monat (1–40)').fill('6');
		await page.getByRole('group', { name: 'Montag' }).getByLabel('Vormittag').check();
		await page.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Birkenhain' });
		await page.getByRole('radio', { name: 'Nur aus der Ferne (Telefon, Video)' }).check();
		await page.getByRole('button', { name: 'Angebot speichern' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Dein Angebot ist gespeichert.' })
		).toBeVisible();
		const helper = await context.cookies();
		await context.clearCookies();

		await signInAs(seed.people.sabine.email);
		await page.goto(`/coordinator/${seed.organisations.helferkreis.id}/needs/new`);
		await page.getByLabel('Titel').fill(title);
		await page.getByRole('radio', { name: 'Besuch & Freizeit' }).check();
		await page.getByRole('radio', { name: 'Ältere' }).check();
		await page.getByRole('radio', { name: 'Einmalig' }).check();
		await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('2');
		// Today in Berlin, as the app counts days.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
			new Date()
		);
		await page.getByLabel('Ab', { exact: true }).fill(today);
		await page.getByRole('radio', { name: 'Aus der Ferne (Telefon, Video)' }).check();
		await page.getByRole('button', { name: 'Veröffentlichen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await page.getByRole('button', { name: `${name} vorschlagen` }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Vorschlag verschickt. Die Person wird gefragt.'
		);
		await context.clearCookies();
		await context.addCookies(helper);

		await page.goto('/matches');
		await controlled(page);
		const proposals = page.getByRole('region', { name: 'Anfragen an dich' });
		const running = page
			.getByRole('region', { name: 'Laufend' })
			.getByRole('listitem')
			.filter({ hasText: title });
		await expect(proposals.getByRole('listitem').filter({ hasText: title })).toHaveCount(1);

		await context.setOffline(true);
		await page.getByRole('button', { name: `Zusagen: ${title}` }).click();
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		await expect(waiting(page).getByRole('listitem')).toHaveText(`Zusage: ${title}`);
		await expectAccessible(page);
		const [yes] = await queued(page);
		expect(yes!.url).toBe('/matches?/accept');
		expect(yes!.fields.map(([field]) => field)).toEqual(
			expect.arrayContaining(['matchId', 'clientKey', 'clientOwner'])
		);
		// Nothing left yet: the match still waits for the answer.
		await expect(running).toHaveCount(0);

		await context.setOffline(false);
		await expect(waiting(page)).toHaveText('Gesendet: 1');
		expect(await queued(page)).toEqual([]);
		// The same post again (a lost answer, a second replay): the first answer, not "no longer
		// waiting for an answer".
		expect(await sendAgain(page, yes!)).toBe('success');
		await page.reload();
		await expect(running).toHaveCount(1);
		await expect(proposals.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
		await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(1);
	});

	test('with the page closed, the worker’s background sync sends what waits, once', async ({
		browser,
		page,
		context,
		baseURL,
		signInAs
	}, info) => {
		const note = `Hintergrund ${Date.now().toString(36)}`;
		await signInAs(IVAN);
		await page.goto('/hours');
		await controlled(page);
		// A page of the same browser that runs none of the app (so never sends the queue itself):
		// the DevTools session that sees the worker's registration and fires its sync event.
		const devtools = await context.newPage();
		const cdp = await context.newCDPSession(devtools);
		const registrations = new Map<string, string>();
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
			for (const r of updated) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
		});
		await cdp.send('ServiceWorker.enable');

		await context.setOffline(true);
		await logOffline(page, '0,25', note);
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		// The page asked the browser for a background sync.
		expect(
			await page.evaluate(async () => {
				const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
					sync: { getTags(): Promise<string[]> };
				};
				return registration.sync.getTags();
			})
		).toContain('zs-outbox');
		const cookies = await context.cookies();
		await page.close();
		await context.setOffline(false);

		// Chromium fires the sync itself once the (emulated) connection is back; firing it through
		// DevTools makes it happen now. Either way only the worker can send: the page is closed.
		// Fired twice, the worker sends the entry twice under its one key: still one log.
		const scope = `${baseURL}/`;
		await expect.poll(() => registrations.get(scope)).toBeDefined();
		await cdp.send('ServiceWorker.dispatchSyncEvent', {
			origin: baseURL!,
			registrationId: registrations.get(scope)!,
			tag: 'zs-outbox',
			lastChance: false
		});

		// Seen from another browser context, which does not share the queue: logged exactly once.
		const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale } = info.project.use;
		const other = await browser.newContext({
			baseURL,
			viewport,
			userAgent,
			deviceScaleFactor,
			isMobile,
			hasTouch,
			locale,
			serviceWorkers: 'block'
		});
		try {
			await other.addCookies(cookies);
			const elsewhere = waitingForHydration(await other.newPage());
			await expect(async () => {
				await elsewhere.goto('/hours');
				await expect(logEntry(elsewhere, note)).toHaveCount(1, { timeout: 1_000 });
			}).toPass({ timeout: 20_000 });
		} finally {
			await other.close();
		}
		// And the worker emptied the queue (read on a file of the site, where no app runs).
		await devtools.goto('/favicon.svg');
		expect(await queued(devtools)).toEqual([]);
	});

	test('"Ich kann helfen" cut off on the way (still "online") is sent from the next page, once', async ({
		page,
		signInAs
	}) => {
		// Peter W. is this test's own; need 18 takes requests from several helpers (see
		// matching.spec.ts), so one more changes no other test's candidates.
		await signInAs('peter.wagner@lindenau.example');
		await page.goto('/needs');
		await controlled(page);
		const title = 'Einkauf nach einem Krankenhausaufenthalt';
		const card = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: title }) });
		const help = (route: Route) => route.abort('internetdisconnected');
		const isHelp = (url: URL) => url.pathname === '/needs' && url.search === '?/help';
		await page.route(isHelp, help);
		const failed = page.waitForEvent('requestfailed', (r) => r.method() === 'POST');
		await card.getByRole('button', { name: 'Ich kann helfen' }).click({ noWaitAfter: true });
		await failed;
		await page.unroute(isHelp, help);

		await page.goto('/needs');
		await expect(waiting(page)).toHaveText('Gesendet: 1');
		expect(await queued(page)).toEqual([]);
		await expectOneRequest(page, title);
	});

	test('an expired session asks to sign in, then sends; signing out empties the queue', async ({
		page,
		context,
		signInAs
	}) => {
		const run = Date.now().toString(36);
		const [kept, dropped] = [`Nach der Anmeldung ${run}`, `Vor dem Abmelden ${run}`];
		await signInAs(IVAN);
		await page.goto('/hours');
		await controlled(page);

		await context.setOffline(true);
		await logOffline(page, '0,25', kept);
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		// The session ends meanwhile: back online, the post is not lost but waits for a sign-in.
		await context.clearCookies();
		await context.setOffline(false);
		await expect(waiting(page)).toContainText(
			'Deine Anmeldung ist abgelaufen. Melde dich an, dann wird gesendet.'
		);
		await expectAccessible(page);
		expect(await queued(page)).toHaveLength(1);
		await waiting(page).getByRole('link', { name: 'Anmelden' }).click();
		await expect(page).toHaveURL('/sign-in?next=%2Fhours');
		await signIn(page, IVAN, '/hours');
		await expect(waiting(page)).toHaveText('Gesendet: 1');
		await expect(logEntry(page, kept)).toHaveCount(1);
		expect(await queued(page)).toEqual([]);

		// Signing out: what still waits leaves the device with the person.
		await context.setOffline(true);
		await logOffline(page, '0,25', dropped);
		await expect(waiting(page)).toContainText('wartet aufs Senden: 1');
		await context.clearCookies();
		await context.setOffline(false);
		await expect(waiting(page)).toContainText('Deine Anmeldung ist abgelaufen.');
		await page.getByRole('button', { name: 'Abmelden' }).click();
		await expect(page).toHaveURL('/?signed_out=1');
		expect(await queued(page)).toEqual([]);
		await signInAs(IVAN);
		await page.goto('/hours');
		await expect(logEntry(page, kept)).toHaveCount(1);
		await expect(logEntry(page, dropped)).toHaveCount(0);
	});
});
