// §72a on the coordinator's page: a coordinator records an inspection with exactly the three
// facts for a helper of their pool and sees it listed with its re-check date; empty or future
// input and a helper of another organisation are refused with a message and nothing is recorded.
// Each project works on its own organisation and helper: the desktop as the Lernpaten's
// coordinator for Paul M., the phone as Birkenhain's Helferkreis for Ines S. and, without
// JavaScript, Rainer P. None of them has a record in the seed.
import type { Page } from '@playwright/test';
import { addDays, addYears, format, parseISO } from 'date-fns';
import { de } from 'date-fns/locale';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const helferkreis = '00000000-0003-4000-8000-000000000022';
const sabine = 'koordination@birkenhain.example';

/** A Berlin calendar day `days` from today, 'yyyy-mm-dd'. */
const berlinDay = (days: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(addDays(new Date(), days));
const germanDate = (iso: string) => format(parseISO(iso), 'PPP', { locale: de });

const form = (page: Page) => page.getByRole('region', { name: 'Einsichtnahme eintragen' });
const record = (page: Page, name: string) =>
	page.getByRole('region', { name: 'Einträge' }).getByRole('listitem').filter({ hasText: name });

async function fill(
	page: Page,
	helper: string,
	certificateDate: string,
	conviction: 'Ja' | 'Nein'
) {
	const f = form(page);
	await f.getByLabel('Helfende Person aus eurem Pool').selectOption({ label: helper });
	await f.getByLabel('Datum des Führungszeugnisses').fill(certificateDate);
	await f.getByLabel('Ich habe das erweiterte Führungszeugnis im Original eingesehen.').check();
	await f.getByRole('radio', { name: conviction }).check();
}

const save = (page: Page) => form(page).getByRole('button', { name: 'Einsichtnahme speichern' });

test.describe('with JavaScript (desktop)', () => {
	test.skip(({ isMobile }) => isMobile, 'the phone records for another organisation');

	test("the Lernpaten's coordinator records Paul M.'s inspection", async ({ page, signInAs }) => {
		await signInAs(seed.people.emre.email);
		await page.goto(`/coordinator/${seed.organisations.lernpaten.id}`);
		await page.getByRole('link', { name: '§72a-Einsichtnahmen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('§72a-Einsichtnahmen');
		// Can Ö.'s certificate is more than five years old: due for re-check.
		await expect(record(page, 'Can Ö.')).toContainText('Erneute Einsichtnahme fällig');
		await expect(record(page, 'Paul M.')).toHaveCount(0);

		// Empty: each field says what is missing.
		await save(page).click();
		await expect(form(page).getByLabel('Helfende Person aus eurem Pool')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		for (const message of [
			'Bitte wähle eine Person aus eurem Pool.',
			'Bitte gib das Datum des Führungszeugnisses ein, z. B. 2026-11-28.',
			'Bitte bestätige, dass du das Führungszeugnis eingesehen hast.',
			'Bitte gib an, ob eine Verurteilung eingetragen ist.'
		])
			await expect(form(page).getByText(message)).toBeVisible();
		await expectAccessible(page);

		// A certificate dated tomorrow.
		await fill(page, 'Paul M.', berlinDay(1), 'Nein');
		await save(page).click();
		await expect(
			form(page).getByText('Das Datum des Führungszeugnisses darf nicht in der Zukunft liegen.')
		).toBeVisible();

		// A helper of another organisation's pool, sent in Paul's place: the database refuses.
		const paul = form(page).getByRole('option', { name: 'Paul M.' });
		await paul.evaluate(
			(option, id) => ((option as HTMLOptionElement).value = id),
			seed.people.heinz.id
		);
		await fill(page, 'Paul M.', berlinDay(-30), 'Nein');
		await save(page).click();
		await expect(page.getByRole('alert')).toHaveText('Das darfst du hier nicht.');
		await expect(record(page, 'Paul M.')).toHaveCount(0);
		await page.reload();

		const certificate = berlinDay(-30);
		const recheck = germanDate(format(addYears(parseISO(certificate), 5), 'yyyy-MM-dd'));
		await fill(page, 'Paul M.', certificate, 'Nein');
		await save(page).click();
		await expect(page.getByRole('status')).toHaveText(
			`Gespeichert: Einsichtnahme für Paul M., erneut einsehen bis ${recheck}.`
		);
		const paulsRecord = record(page, 'Paul M.');
		await expect(paulsRecord).toContainText(
			`Führungszeugnis vom ${germanDate(certificate)}, eingesehen am ${germanDate(berlinDay(0))}`
		);
		await expect(paulsRecord).toContainText(`Erneut einsehen bis ${recheck}`);
		await expect(paulsRecord).toContainText('Keine einschlägige Verurteilung eingetragen');
		await expect(paulsRecord).not.toContainText('fällig');
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
	});
});

test.describe('on a phone', () => {
	test.skip(({ isMobile }) => !isMobile, 'the desktop records for the Lernpaten');

	test("Birkenhain's Helferkreis records Ines S.'s inspection, a conviction listed", async ({
		page,
		signInAs
	}) => {
		await signInAs(sabine);
		await page.goto(`/coordinator/${helferkreis}/inspections`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('§72a-Einsichtnahmen');

		// Five years old or older: refused, nothing recorded.
		await fill(page, 'Ines S.', berlinDay(-5 * 366), 'Ja');
		await save(page).click();
		await expect(
			form(page).getByText(
				'Das Führungszeugnis ist fünf Jahre alt oder älter: Bitte lass dir ein neues zeigen.'
			)
		).toBeVisible();
		await expect(record(page, 'Ines S.')).toHaveCount(0);
		await expectAccessible(page);

		await fill(page, 'Ines S.', berlinDay(-7), 'Ja');
		await save(page).click();
		await expect(page.getByRole('status')).toContainText('Gespeichert: Einsichtnahme für Ines S.');
		await expect(record(page, 'Ines S.')).toContainText(
			'Einschlägige Verurteilung eingetragen: nicht einsetzbar, wo § 72a gilt'
		);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test("the Helferkreis records Rainer P.'s inspection with a plain form post", async ({
			page,
			signInAs
		}) => {
			await signInAs(sabine);
			await page.goto(`/coordinator/${helferkreis}/inspections`);
			// A certificate dated tomorrow: the page comes back with the message.
			await fill(page, 'Rainer P.', berlinDay(1), 'Nein');
			await save(page).click();
			await expect(
				form(page).getByText('Das Datum des Führungszeugnisses darf nicht in der Zukunft liegen.')
			).toBeVisible();
			await expect(record(page, 'Rainer P.')).toHaveCount(0);

			await fill(page, 'Rainer P.', berlinDay(-3), 'Nein');
			await save(page).click();
			await expect(page.getByRole('status')).toContainText(
				'Gespeichert: Einsichtnahme für Rainer P.'
			);
			await expect(record(page, 'Rainer P.')).toContainText(
				'Keine einschlägige Verurteilung eingetragen'
			);
		});
	});
});
