// The town report: Katrin (Freiwilligenagentur, the town's office) reads it, narrows it to a
// district, meets a clear message for a period running backwards, downloads every CSV and prints
// it on A4; no export holds any text the demo seed wrote about a person (names, addresses,
// phones, e-mail addresses, notes, comments, need texts). A nonprofit's coordinator gets 403.
import { readFile } from 'node:fs/promises';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const office = seed.organisations.freiwilligenagentur.id;
const base = `/coordinator/${office}/report`;
/** A count of people as the page shows it: 0, five or more, or "< 5" — never one to four. */
const PEOPLE = /^(0|< 5|[5-9]|[1-9]\d+)$/;
const TABLES = [
	'helpers',
	'roles',
	'needs',
	'open_needs',
	'hours',
	'nonprofits',
	'feedback',
	'series',
	'matches'
];

/**
 * Every text literal of the seed that could be about a person: names, addresses, phones, e-mail
 * addresses, notes, comments, need titles and descriptions. Left out: identifiers and enum
 * values, dates and intervals, and the districts (the anonymous rows name the district, no finer).
 */
async function seededTexts(): Promise<string[]> {
	const sql = await readFile('supabase/seed.sql', 'utf8');
	const districts = new Set(
		[...sql.matchAll(/'00000000-0002-[^']+', '[^']+', '([^']+)'/g)].map((x) => x[1]!)
	);
	const literals = [...sql.replace(/--[^\n]*/g, '').matchAll(/'((?:[^']|'')*)'/g)].map((x) =>
		x[1]!.replaceAll("''", "'")
	);
	return [...new Set(literals)].filter(
		(s) =>
			s.length >= 4 &&
			!districts.has(s) &&
			!/^[a-z_0-9]+$/.test(s) && // enum values, identifiers
			!/^[0-9a-f-]{36}$/.test(s) && // ids
			!/^[\d :.+-]+$/.test(s) && // dates, times
			!/^\d+ (day|days|hour|hours|minutes|month|months|year|years)$/.test(s) &&
			!/^[{[(]/.test(s) && // arrays, ranges, JSON
			!/^(Europe\/Berlin|seniors|children|youth)$/.test(s)
	);
}

test.describe('town report', () => {
	test.describe.configure({ timeout: 90_000 });

	test('Katrin reads the report, narrows it, and a bad period gets a message', async ({
		page,
		signInAs
	}) => {
		await signInAs(seed.people.katrin.email);
		await page.goto(base);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bericht der Stadt');
		const helpers = page.getByRole('region', { name: 'Wer mit der Stadt hilft' });
		await expect(helpers.getByRole('img', { name: /Wer mit der Stadt hilft/ })).toBeVisible();
		await expect(helpers.getByRole('row', { name: /Aktive Helfende/ })).toBeVisible();
		// Other specs add helpers and matches as they run, so the whole town's counts vary; the rule
		// does not: a count of people is 0, five or more, or "< 5" — and no share is built on "< 5".
		const cell = (name: RegExp) => helpers.getByRole('row', { name }).getByRole('cell');
		await expect(cell(/Aktive Helfende/)).toHaveText(PEOPLE);
		await expect(cell(/davon mit Beteiligung der Stadt/)).toHaveText(PEOPLE);
		if ((await cell(/davon mit Beteiligung der Stadt/).textContent()) === '< 5')
			await expect(cell(/Anteil mit der Stadt/)).toHaveText('–');
		await expect(page.getByRole('region', { name: 'Einsätze nach Rolle der Stadt' })).toBeVisible();
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);

		// A district: the address keeps the choice.
		await page.getByLabel('Stadtteil').selectOption({ label: 'Altstadt' });
		await page.getByRole('button', { name: 'Bericht anzeigen' }).click();
		await expect(page).toHaveURL(/district=00000000-0002-4000-8000-000000000001/);
		await expect(page.getByLabel('Stadtteil')).toHaveValue('00000000-0002-4000-8000-000000000001');
		await expect(page.locator('p', { hasText: /^Altstadt$/ })).toBeVisible();

		// Lindenhof has one active helper: their matches and hours are withheld too, not only the count.
		const year = new Date().getFullYear();
		await page.goto(
			`${base}?from=${year - 4}-01&to=${new Date().toISOString().slice(0, 7)}&district=00000000-0002-4000-8000-000000000003`
		);
		await expect(
			helpers.getByRole('row', { name: /Aktive Helfende/ }).getByRole('cell')
		).toHaveText('< 5');
		await expect(
			page
				.getByRole('region', { name: 'Einsätze nach Rolle der Stadt' })
				.getByRole('row', { name: /freigegeben/ })
				.getByRole('cell')
		).toHaveText('< 5');
		await expect(
			page
				.getByRole('region', { name: 'Stunden' })
				.getByRole('row', { name: /Zugesagt/ })
				.getByRole('cell')
		).toHaveText('< 5');

		// "To" before "from": the message, no figures.
		await page.goto(`${base}?from=2026-06&to=2026-01`);
		await expect(page.getByRole('alert')).toContainText('nicht erstellt');
		await expect(page.getByLabel('Bis (Monat, einschließlich)')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect(page.getByText('Der Monat „Bis“ liegt vor dem Monat „Von“.')).toBeVisible();
		await expect(page.getByRole('region', { name: 'Wer mit der Stadt hilft' })).toHaveCount(0);
		// An unknown filter value.
		await page.goto(`${base}?category=gardening`);
		await expect(page.getByText('Diesen Wert gibt es hier nicht.')).toBeVisible();
		await expectAccessible(page);
	});

	test('every export is a CSV download without a word the seed wrote about a person', async ({
		page,
		signInAs
	}) => {
		await signInAs(seed.people.katrin.email);
		await page.goto(base);
		const texts = await seededTexts();
		// The scan really looks for names (first and last, as the seed writes them) and notes.
		expect(texts).toEqual(expect.arrayContaining(['Mara', 'Schneider']));
		for (const table of TABLES) {
			const link = page.locator(`a[href^="${base}/export/${table}.csv"]`);
			await expect(link).toHaveCount(1);
			const response = await page.request.get((await link.getAttribute('href'))!);
			expect(response.status()).toBe(200);
			expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
			expect(response.headers()['content-disposition']).toMatch(
				new RegExp(`^attachment; filename="bericht-${table}-\\d{4}-\\d{2}-\\d{4}-\\d{2}\\.csv"$`)
			);
			const csv = await response.text();
			expect(csv.split('\r\n').length).toBeGreaterThan(1);
			for (const text of texts) expect(csv, `${table}.csv holds "${text}"`).not.toContain(text);
			// Fewer than five people: "<5", never the number (the counts vary as other specs run).
			if (table === 'helpers') {
				const [active, withTown, firstTime, share] = csv.split('\r\n')[1]!.split(',');
				for (const count of [active, withTown, firstTime])
					expect(count).toMatch(/^(0|<5|[5-9]|[1-9]\d+)$/);
				if (withTown === '<5') expect(share).toBe('');
			}
			expect(csv).not.toMatch(/@/);
		}
		// A bad period: 400 and the message, no file.
		const bad = await page.request.get(`${base}/export/matches.csv?from=2026-06&to=2026-01`);
		expect(bad.status()).toBe(400);
		expect(await bad.text()).toContain('liegt vor dem Monat');
		// The download link really downloads.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Einsätze einzeln, anonym (CSV)' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^bericht-matches-.*\.csv$/);
	});

	test('the print view is an A4 page without the site around it', async ({ page, signInAs }) => {
		await signInAs(seed.people.katrin.email);
		await page.goto(base);
		await page.getByRole('link', { name: 'Druckansicht (A4)' }).click();
		await expect(page).toHaveURL(/\/report\/print\?/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Bericht der Stadt');
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('link', { name: 'Zurück zum Bericht' })).toBeHidden();
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.getByRole('img', { name: /Wer mit der Stadt hilft/ })).toBeVisible();
		const pdf = await page.pdf({ format: 'A4' }).catch(() => null);
		if (pdf) expect(pdf.byteLength).toBeGreaterThan(1000);
	});

	test('a nonprofit coordinator may not read it', async ({ page, signInAs }) => {
		await signInAs(seed.people.emre.email);
		await page.goto(`/coordinator/${seed.organisations.lernpaten.id}/report`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kein Zugriff');
		const csv = await page.request.get(`/coordinator/${office}/report/export/helpers.csv`);
		// Another organisation's report: the same answer as for none at all.
		expect(csv.status()).toBe(404);
	});
});
