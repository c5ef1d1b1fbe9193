// The Ehrenamtsnachweis as Mara (demo helper): reached from "Meine Stunden", it shows the hours
// the Lernpaten confirmed (the seed's two confirmed hours; her logged ones do not count), prints
// without the page around it, refuses a bad period in German and works without JavaScript.
import type { Page } from '@playwright/test';
import { addMonths, berlinToday, monthOf } from '../../src/lib/domain/hours/month.ts';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const thisMonth = monthOf(berlinToday()).slice(0, 7);
const yearAgo = addMonths(monthOf(berlinToday()), -11).slice(0, 7);

const sheet = (page: Page) =>
	page.getByRole('article', { name: 'Nachweis über ehrenamtliches Engagement' });
const lernpaten = (page: Page) =>
	sheet(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: seed.organisations.lernpaten.name }) });

// The phone project emulates a Pixel 5 (isMobile); the desktop project skips.
test.skip(({ isMobile }) => !isMobile, 'a helper issues the certificate on the phone');
// Several pages, each checked with axe: beyond the default 30 s on two shared, busy cores.
test.describe.configure({ timeout: 120_000 });

test.describe('with JavaScript', () => {
	test('Mara sees her confirmed hours for the last 12 months and prints them on their own', async ({
		page,
		signInAs
	}) => {
		await signInAs(seed.people.mara.email);
		await page.goto('/hours');
		await page.getByRole('link', { name: /^Ehrenamtsnachweis ausstellen/ }).click();
		await expect(page).toHaveURL('/certificate');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ehrenamtsnachweis');
		await expect(page.getByLabel('Von (Monat)')).toHaveValue(yearAgo);
		await expect(page.getByLabel('Bis (Monat)')).toHaveValue(thisMonth);

		await expect(sheet(page)).toContainText(seed.people.mara.displayName);
		const entry = lernpaten(page);
		await expect(entry).toContainText('Lindenau am See');
		await expect(entry).toContainText(
			'1 Tätigkeit: Lesepatenschaft an der Grundschule am Lindenhof'
		);
		await expect(entry.getByText('2 Std.', { exact: true })).toBeVisible();
		await expect(sheet(page).getByText('Gesamt')).toBeVisible();
		await expect(sheet(page)).toContainText('Vier-Augen-Prinzip');
		await expect(sheet(page)).toContainText(/Prüfnummer: ZS-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
		await expect(sheet(page)).toContainText(/Ausgestellt am \d{1,2}\. \S+ \d{4} über Zeitspende\./);
		const print = page.getByRole('button', { name: 'Drucken / als PDF speichern' });
		await expect(print).toBeVisible();
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);

		// On paper: the certificate alone, no navigation, form or button.
		await page.emulateMedia({ media: 'print' });
		await expect(sheet(page)).toBeVisible();
		await expect(page.getByRole('banner')).toBeHidden();
		await expect(page.getByRole('navigation')).toBeHidden();
		await expect(page.getByRole('contentinfo')).toBeHidden();
		await expect(page.getByLabel('Von (Monat)')).toBeHidden();
		await expect(print).toBeHidden();
		await page.emulateMedia({ media: 'screen' });
	});

	test('a bad period gets a message on its field and no certificate', async ({
		page,
		signInAs
	}) => {
		await signInAs(seed.people.mara.email);
		await page.goto('/certificate');
		// The print button shows that the page is hydrated: typing before that could be reset.
		await expect(page.getByRole('button', { name: 'Drucken / als PDF speichern' })).toBeVisible();
		await page.getByLabel('Von (Monat)').fill('2026-05');
		await page.getByLabel('Bis (Monat)').fill('2026-04');
		await page.getByRole('button', { name: 'Nachweis anzeigen' }).click();
		await expect(page.getByLabel('Bis (Monat)')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('Der Monat „Bis“ liegt vor dem Monat „Von“.')).toBeVisible();
		await expect(page.getByRole('alert')).toHaveText(
			'Für diesen Zeitraum kann kein Nachweis ausgestellt werden. Bitte prüfe die Monate.'
		);
		await expect(sheet(page)).toHaveCount(0);
		await expectAccessible(page);

		// Typed into the address: too long, in the future, not a month.
		await page.goto('/certificate?from=2015-01&to=2025-12');
		await expect(page.getByText(/^Ein Nachweis umfasst höchstens 5 Jahre/)).toBeVisible();
		await page.goto(`/certificate?from=${thisMonth}&to=2099-12`);
		await expect(page.getByText(/^Dieser Monat liegt in der Zukunft/)).toBeVisible();
		await page.goto('/certificate?from=Mai&to=');
		await expect(page.getByText('Bitte gib einen Monat ein, z. B. 2026-01.')).toBeVisible();
		await expect(sheet(page)).toHaveCount(0);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the period form works and the page says how to print', async ({ page, signInAs }) => {
		await signInAs(seed.people.mara.email);
		await page.goto('/certificate');
		await expect(page.getByRole('button', { name: 'Drucken / als PDF speichern' })).toHaveCount(0);
		await expect(page.getByText(/^Zum Drucken oder Speichern als PDF nutze/)).toBeVisible();
		await expect(lernpaten(page).getByText('2 Std.', { exact: true })).toBeVisible();

		// A year without confirmed hours.
		await page.getByLabel('Von (Monat)').fill('2024-01');
		await page.getByLabel('Bis (Monat)').fill('2024-12');
		await page.getByRole('button', { name: 'Nachweis anzeigen' }).click();
		await expect(page).toHaveURL('/certificate?from=2024-01&to=2024-12');
		await expect(sheet(page)).toContainText(
			'Von Januar 2024 bis Dezember 2024 wurden keine Stunden bestätigt.'
		);
		await expectNoHorizontalScroll(page);
	});
});
