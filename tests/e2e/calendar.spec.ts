// The private calendar feed, as Gisela (demo helper with an active weekly visit on Tuesday
// afternoons): she creates the feed in her profile, a calendar app fetches it without a session,
// she renews it (the old link is dead) and deletes it (dead too, answered exactly like a link
// that never existed). Only the phone project runs it: one person's feed, one test at a time.
import ICAL from 'ical.js';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const GISELA = 'gisela.koch@lindenau.example';
const VISIT = 'Besuchsdienst: Vorlesen und Gespräche';

test.skip(({ isMobile }) => !isMobile, 'a helper subscribes on the phone');
// Several pages, each checked with axe: beyond the default 30 s on two shared, busy cores.
test.describe.configure({ timeout: 120_000 });

const section = (page: Page) => page.getByRole('region', { name: 'Kalender-Abo' });

/** Creates (or renews) the feed with the named button and returns the link the page shows once. */
async function issue(page: Page, button: 'Kalender-Link erstellen' | 'Neuen Link erstellen') {
	const field = section(page).getByLabel(/^Link zum Kopieren/);
	// A renewal replaces a link already on the page: wait for the new one.
	const before = (await field.count()) > 0 ? await field.inputValue() : '';
	await section(page).getByRole('button', { name: button }).click();
	await expect(section(page).getByRole('status')).toHaveText('Dein Kalender-Link ist bereit.');
	await expect(field).not.toHaveValue(before);
	const https = await field.inputValue();
	expect(https).toMatch(/^http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
	await expect(section(page).getByRole('link', { name: 'Im Kalender abonnieren' })).toHaveAttribute(
		'href',
		https.replace(/^http:/, 'webcal:')
	);
	return https;
}

/** What a calendar app gets: no cookie, just the URL. */
async function fetchFeed(request: APIRequestContext, url: string) {
	const response = await request.get(url);
	return {
		status: response.status(),
		type: response.headers()['content-type'],
		body: await response.text()
	};
}

test.describe('with JavaScript', () => {
	test('Gisela creates her calendar link, subscribes, renews it and deletes it', async ({
		page,
		request,
		signInAs
	}) => {
		await signInAs(GISELA);
		await page.goto('/profile');
		await expect(section(page)).toContainText('Du hast noch keinen Kalender-Link.');

		const first = await issue(page, 'Kalender-Link erstellen');
		await expect(section(page).getByRole('button', { name: 'Link löschen' })).toBeVisible();
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);

		// A calendar app fetches it: her Tuesday visit, weekly, in Berlin time.
		const feed = await fetchFeed(request, first);
		expect(feed.status).toBe(200);
		expect(feed.type).toBe('text/calendar; charset=utf-8');
		const calendar = new ICAL.Component(ICAL.parse(feed.body));
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.summary)).toEqual([VISIT]);
		const [visit] = events;
		expect(visit!.isRecurring()).toBe(true);
		expect(visit!.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe(
			'Europe/Berlin'
		);
		expect(visit!.startDate.dayOfWeek()).toBe(ICAL.Time.TUESDAY);
		expect([visit!.startDate.hour, visit!.endDate.hour]).toEqual([14, 17]);
		expect(visit!.description).toContain('Nachbarschaftshilfe Lindenau');

		// Renewed: the old link is dead at once, the new one works.
		const second = await issue(page, 'Neuen Link erstellen');
		expect(second).not.toBe(first);
		expect((await fetchFeed(request, first)).status).toBe(404);
		expect((await fetchFeed(request, second)).status).toBe(200);

		// Deleted: its link answers exactly like one that never existed, or a malformed one.
		await section(page).getByRole('button', { name: 'Link löschen' }).click();
		await expect(section(page).getByRole('status')).toHaveText(
			'Dein Kalender-Link ist gelöscht. Kalender mit diesem Link bekommen keine Termine mehr.'
		);
		await expect(
			section(page).getByRole('button', { name: 'Kalender-Link erstellen' })
		).toBeVisible();
		await expectAccessible(page);
		const revoked = await fetchFeed(request, second);
		const unknown = await fetchFeed(request, `/calendar/${'A'.repeat(43)}.ics`);
		const malformed = await fetchFeed(request, '/calendar/nicht-gueltig');
		expect(revoked).toEqual({
			status: 404,
			type: 'text/plain; charset=utf-8',
			body: 'Diese Seite gibt es nicht (mehr).\n'
		});
		expect(unknown).toEqual(revoked);
		expect(malformed).toEqual(revoked);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the link is created and deleted with plain form posts', async ({
		page,
		request,
		signInAs
	}) => {
		await signInAs(GISELA);
		await page.goto('/profile');
		const url = await issue(page, 'Kalender-Link erstellen');
		expect((await fetchFeed(request, url)).status).toBe(200);
		await section(page).getByRole('button', { name: 'Link löschen' }).click();
		await expect(section(page).getByRole('status')).toHaveText(/^Dein Kalender-Link ist gelöscht/);
		expect((await fetchFeed(request, url)).status).toBe(404);
	});
});
