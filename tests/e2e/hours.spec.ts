// "Meine Stunden" on a phone, as Mara (the demo helper with an active match at the Lernpaten):
// she logs hours with and without JavaScript, sees them waiting for review, corrects one and
// withdraws them again. Only the phone project runs it; her seeded logs stay untouched.
import type { Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const MATCH = /Lesepatenschaft an der Grundschule am Lindenhof/;

const logForm = (page: Page) => page.getByRole('region', { name: 'Stunden eintragen' });
const entry = (page: Page, note: string) =>
	page.getByRole('listitem').filter({ has: page.locator('p', { hasText: note }) });

/** Logs today's hours on the Lernpaten match from the form at the top. */
async function logHours(page: Page, hours: string, note: string) {
	const form = logForm(page);
	const option = form.getByRole('option', { name: MATCH });
	await form.getByLabel('Vermittlung').selectOption((await option.getAttribute('value'))!);
	await form.getByLabel('Stunden', { exact: true }).fill(hours);
	await form.getByLabel('Notiz (freiwillig)').fill(note);
	await form.getByRole('button', { name: 'Stunden eintragen' }).click();
}

// The phone project emulates a Pixel 5 (isMobile); the desktop project skips.
test.skip(({ isMobile }) => !isMobile, 'a helper logs hours on the phone');

test.describe('with JavaScript', () => {
	test('Mara logs hours, is told off for a wrong amount, corrects and withdraws a log', async ({
		page,
		signInAs
	}) => {
		const note = `Lesestunde mit JS ${Date.now().toString(36)}`;
		await signInAs(seed.people.mara.email);
		await page.goto('/hours');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Stunden');
		await expect(page.getByRole('heading', { name: /^Mein Monat: / })).toBeVisible();

		// Not a quarter hour: a message on the field, nothing written.
		await logHours(page, '1,3', note);
		await expect(logForm(page).getByLabel('Stunden', { exact: true })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect(logForm(page).getByText(/^Bitte gib 0,25 bis 24 Stunden/)).toBeVisible();
		await expect(entry(page, note)).toHaveCount(0);

		await logHours(page, '1,25', note);
		await expect(page.getByRole('status')).toHaveText(
			'Eingetragen. Die Organisation prüft deine Stunden.'
		);
		const log = entry(page, note);
		await expect(log).toContainText('1,25 Std.');
		await expect(log).toContainText('noch nicht geprüft');
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);

		// Correct it to 1,75 hours.
		await log.getByText('Korrigieren').click();
		await log.getByLabel('Stunden', { exact: true }).fill('1,75');
		await log.getByRole('button', { name: 'Korrektur speichern' }).click();
		await expect(page.getByRole('status')).toHaveText('Korrektur gespeichert.');
		await expect(entry(page, note)).toContainText('1,75 Std.');

		// Withdraw it.
		await entry(page, note)
			.getByRole('button', { name: /^Zurückziehen:/ })
			.click();
		await expect(page.getByRole('status')).toHaveText('Eintrag zurückgezogen.');
		await expect(entry(page, note)).toHaveCount(0);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('Mara logs hours and sees them waiting for review; more than 24 hours a day are refused', async ({
		page,
		signInAs
	}) => {
		const note = `Lesestunde ohne JS ${Date.now().toString(36)}`;
		await signInAs(seed.people.mara.email);
		await page.goto('/hours');
		await logHours(page, '0,5', note);
		await expect(page.getByRole('status')).toHaveText(
			'Eingetragen. Die Organisation prüft deine Stunden.'
		);
		await expect(entry(page, note)).toContainText('0,5 Std.');
		await expect(entry(page, note)).toContainText('noch nicht geprüft');

		// 24 more hours on the same day: the database refuses them, in German, nothing is written.
		await logHours(page, '24', `${note} zu viel`);
		await expect(logForm(page).getByRole('alert')).toHaveText(
			'An einem Tag können höchstens 24 Stunden eingetragen werden.'
		);
		await expect(entry(page, `${note} zu viel`)).toHaveCount(0);

		await entry(page, note)
			.getByRole('button', { name: /^Zurückziehen:/ })
			.click();
		await expect(page.getByRole('status')).toHaveText('Eintrag zurückgezogen.');
		await expect(entry(page, note)).toHaveCount(0);
	});
});
