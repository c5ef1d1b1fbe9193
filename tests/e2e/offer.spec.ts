// A new helper makes their offer on a phone in one form of six steps, with and without
// JavaScript; a bad entry is named in the error summary; saving says how many needs fit now.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test, uniqueEmail } from './support.ts';

/** The stepper as a person fills it: homework for youth, 4 h, Tuesday afternoons, Altstadt. */
async function fillStepper(page: Page, hours: string) {
	await page
		.getByRole('group', { name: /Schritt 1 von 6/ })
		.getByLabel('Hausaufgabenhilfe')
		.check();
	await page
		.getByRole('group', { name: /Schritt 2 von 6/ })
		.getByLabel('Jugendliche')
		.check();
	await page.getByLabel('Stunden im Monat (1–40)').fill(hours);
	await page.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag').check();
	await page.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Lindenau am See' });
	await page.getByLabel('In der Nähe meines Stadtteils').check();
	await page.getByLabel('Stadtteil', { exact: true }).selectOption({ label: 'Altstadt' });
	await page.getByLabel('Umkreis in km (0–50)').fill('5');
	await expect(page.getByLabel('Deutsch')).toBeChecked();
}

/** From the profile through the stepper; axe only where scripts run (it is one). */
async function completeStepper(page: Page, axe: boolean) {
	await page.goto('/profile');
	await page.getByRole('link', { name: 'Angebot anlegen – dauert eine Minute' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dein Angebot in einer Minute');
	if (axe) await expectAccessible(page);

	// Too many hours first: the summary names the field, nothing is saved.
	await fillStepper(page, '41');
	await page.getByRole('button', { name: 'Angebot speichern' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Bitte gib 1 bis 40 Stunden im Monat ein');
	await expect(page.getByLabel('Stunden im Monat (1–40)')).toHaveAttribute('aria-invalid', 'true');
	if (axe) await expectAccessible(page);

	await page.getByLabel('Stunden im Monat (1–40)').fill('4');
	await page.getByRole('button', { name: 'Angebot speichern' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Dein Angebot ist gespeichert.' })
	).toContainText(/Jetzt passen? \d+ Bedarfe? zu dir \(vorher 0\)\./);
}

test.describe('a new helper makes an offer on a phone', () => {
	test('with JavaScript: the summary takes the focus; the offer is then editable', async ({
		page
	}) => {
		await signIn(page, uniqueEmail('offer-js'));
		await completeStepper(page, true);

		// The offer page now edits the same offer, with a pause.
		await page.goto('/offer');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Angebot');
		await expect(page.getByLabel('Stunden im Monat (1–40)')).toHaveValue('4');
		await expect(
			page.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag')
		).toBeChecked();
		await expect(page.getByLabel('Stadtteil', { exact: true })).toHaveValue(
			'00000000-0002-4000-8000-000000000001'
		);
		await page.getByLabel('Pausieren bis (freiwillig)').fill('2020-01-01');
		await page.getByRole('button', { name: 'Änderungen speichern' }).click();
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page.getByRole('alert')).toContainText('Bitte wähle ein Datum ab heute.');
		await page.getByLabel('Pausieren bis (freiwillig)').fill('2099-12-31');
		await page.getByRole('button', { name: 'Änderungen speichern' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'gespeichert' })).toContainText(
			'Jetzt passen 0 Bedarfe zu dir'
		);
		await expectAccessible(page);

		await page.goto('/needs');
		await expect(page.getByRole('link', { name: 'Mein Angebot ändern' })).toBeVisible();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the same steps work as plain form posts', async ({ page }) => {
			await signIn(page, uniqueEmail('offer-nojs'));
			await completeStepper(page, false);
			await page.getByRole('link', { name: 'Passende Bedarfe ansehen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Bedarfe, die zu dir passen'
			);
			await expect(page.getByText('Du hast noch kein Angebot.')).toHaveCount(0);
		});
	});
});
