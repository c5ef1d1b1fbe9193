// The suggestions inbox as people use it. Both projects run against one database at once, so each
// works on its own suggestion (its text carries the project's name and a random tail):
//   desktop (JavaScript on): Heinz suggests a need for the Seeufer in Lindenau (10 000 characters
//            refused first); Helga (Nachbarschaftshilfe) turns it into a need with the prefilled
//            form; Heinz reads that it became a need.
//   phone (JavaScript off): Mara suggests from /needs (a Birkenhain district for Lindenau refused
//            first); Katrin (Freiwilligenagentur) answers it (an empty answer refused first) and
//            Mara reads the answer.
// axe and 320 px on every page and state.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const { nachbarschaftshilfe, freiwilligenagentur } = seed.organisations;

/** A calendar date `days` from today (Europe/Berlin), as the date field takes it. */
const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Berlin'
	});

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

/** axe on the page a JavaScript-less context shows: a second context with JavaScript opens it. */
async function checkWithScript(browser: Browser, context: BrowserContext, url: string) {
	const own = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		javaScriptEnabled: true
	});
	try {
		await own.addCookies(await context.cookies());
		const page = await own.newPage();
		await page.goto(url);
		await check(page);
	} finally {
		await own.close();
	}
}

/** The card of a suggestion, found by its text. */
const card = (page: Page, text: string) => page.getByRole('listitem').filter({ hasText: text });

const suggestionText = (story: string) =>
	`Vorschlag ${story} ${test.info().project.name} ${Math.random().toString(36).slice(2, 8)}: ` +
	'Am Seeufer fehlt jemand, der Älteren samstags beim Einkauf auf dem Wochenmarkt hilft.';

test.describe.configure({ timeout: 120_000 });

test.describe('desktop', () => {
	test.skip(() => test.info().project.name !== 'desktop', 'the desktop story');

	test('a citizen suggests a need and a nonprofit turns it into one', async ({
		page,
		signInAs
	}) => {
		const body = suggestionText('Marktgang');
		const title = `Marktbegleitung ${Date.now().toString(36)}`;

		await signInAs(seed.people.heinz.email);
		await page.goto('/profile');
		await page.getByRole('link', { name: 'Einen Bedarf vorschlagen' }).click();
		await expect(page).toHaveURL('/suggest');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Einen Bedarf vorschlagen' })
		).toBeVisible();
		await check(page);

		// 10 000 characters: refused at the field, nothing written.
		await page.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Lindenau am See' });
		await page.getByLabel('Stadtteil (freiwillig)').selectOption({ label: 'Seeufer' });
		await page.getByLabel('Dein Vorschlag').fill('x'.repeat(10_000));
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'Dein Vorschlag braucht 10 bis 1000 Zeichen (jetzt 10000).'
		);
		await expect(page.getByLabel('Dein Vorschlag')).toHaveAttribute('aria-invalid', 'true');
		await check(page);

		await page.getByLabel('Dein Vorschlag').fill(body);
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Danke! Dein Vorschlag ist bei der Stadt angekommen.'
		);
		const mine = card(page, body);
		await expect(mine).toContainText('Neu');
		await expect(mine).toContainText('für Lindenau am See, Seeufer');
		await expect(page.getByLabel('Dein Vorschlag')).toHaveValue('');
		await check(page);

		// Helga reads it without its author and turns it into a need of her organisation.
		await signInAs(seed.people.helga.email);
		await page.goto(`/coordinator/${nachbarschaftshilfe.id}`);
		await page.getByRole('link', { name: /^Vorschläge aus der Stadt \(\d+ neu\)$/ }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Vorschläge aus Lindenau am See' })
		).toBeVisible();
		await expect(card(page, body)).toContainText('Stadtteil: Seeufer');
		await expect(card(page, body)).not.toContainText('Heinz H.');
		await check(page);
		await card(page, body).getByRole('link', { name: 'Daraus einen Bedarf machen' }).click();

		await expect(page.getByRole('heading', { level: 1, name: 'Neuer Bedarf' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Aus einem Vorschlag' })).toContainText(body);
		await expect(page.getByLabel('Beschreibung (ohne Namen und persönliche Angaben)')).toHaveValue(
			body
		);
		await expect(page.getByLabel('Stadtteil', { exact: true })).toHaveValue(
			'00000000-0002-4000-8000-000000000002'
		);
		await check(page);
		await page.getByLabel('Titel').fill(title);
		await page.getByRole('radio', { name: 'Besorgungen' }).check();
		await page.getByRole('radio', { name: 'Ältere' }).check();
		await page.getByRole('radio', { name: 'Einmalig' }).check();
		await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('2');
		await page.getByLabel('Ab', { exact: true }).fill(inDays(10));
		await page.getByRole('button', { name: 'Veröffentlichen' }).click();

		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText(
			'Der Bedarf wartet auf die Freigabe der Kommune.'
		);

		await page.goto(`/coordinator/${nachbarschaftshilfe.id}/suggestions`);
		const adopted = page.getByRole('region', { name: /^Zu Bedarfen geworden/ });
		await expect(adopted.getByRole('listitem').filter({ hasText: body })).toContainText(
			'Nachbarschaftshilfe Lindenau e. V. hat am'
		);
		await expect(adopted.getByRole('link', { name: `Der Bedarf: ${title}` })).toBeVisible();
		await expect(
			page.getByRole('region', { name: /^Neu/ }).getByText(body, { exact: false })
		).toHaveCount(0);
		await check(page);

		// Heinz reads what became of it.
		await signInAs(seed.people.heinz.email);
		await page.goto('/suggest');
		await expect(card(page, body)).toContainText('Zum Bedarf geworden');
		await expect(card(page, body)).toContainText('Nachbarschaftshilfe Lindenau e. V. hat am');
		await check(page);
	});
});

test.describe('phone without JavaScript', () => {
	test.skip(() => test.info().project.name !== 'phone', 'the phone story');
	test.use({ javaScriptEnabled: false });

	test('a citizen suggests, the town answers, the citizen reads the answer', async ({
		page,
		context,
		browser,
		signInAs
	}) => {
		const body = suggestionText('Einkauf');
		const answer = 'Danke! Den Marktgang begleitet schon der Seniorentreff, bitte dort melden.';

		await signInAs(seed.people.mara.email);
		await page.goto('/needs');
		await page.getByRole('link', { name: 'Einen Bedarf vorschlagen' }).click();
		await expect(page).toHaveURL('/suggest');

		// A district of Birkenhain for Lindenau: refused at the district, nothing written.
		await page.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Lindenau am See' });
		await page.getByLabel('Stadtteil (freiwillig)').selectOption({ label: 'Ortsmitte' });
		await page.getByLabel('Dein Vorschlag').fill(body);
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'Der Ortsteil gehört nicht zu dieser Kommune.'
		);
		await expect(page.getByLabel('Stadtteil (freiwillig)')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Dein Vorschlag')).toHaveValue(body);
		await expect(card(page, body)).toHaveCount(0);
		await checkWithScript(browser, context, '/suggest');

		await page.getByLabel('Stadtteil (freiwillig)').selectOption({ label: 'Seeufer' });
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Danke! Dein Vorschlag ist bei der Stadt angekommen.'
		);
		await expect(card(page, body)).toContainText('Neu');

		// Katrin answers it: an empty answer is refused first.
		await signInAs(seed.people.katrin.email);
		await page.goto(`/coordinator/${freiwilligenagentur.id}/suggestions`);
		const fresh = card(page, body);
		await fresh.getByRole('button', { name: 'Antworten' }).click();
		await expect(card(page, body)).toContainText(
			'Die Antwort braucht 3 bis 1000 Zeichen (jetzt 0).'
		);
		await expect(card(page, body).getByLabel('Antwort an die Person')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await checkWithScript(browser, context, `/coordinator/${freiwilligenagentur.id}/suggestions`);
		await card(page, body).getByLabel('Antwort an die Person').fill(answer);
		await card(page, body).getByRole('button', { name: 'Antworten' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Die Antwort ist gespeichert. Die Person sieht sie auf ihrer Seite.'
		);
		const answered = page
			.getByRole('region', { name: /^Beantwortet/ })
			.getByRole('listitem')
			.filter({ hasText: body });
		await expect(answered).toContainText(answer);
		await expect(answered.getByRole('button')).toHaveCount(0);

		// Mara reads the answer and who gave it.
		await signInAs(seed.people.mara.email);
		await page.goto('/suggest');
		await expect(card(page, body)).toContainText('Beantwortet');
		await expect(card(page, body)).toContainText(
			'Antwort von Stadt Lindenau am See – Freiwilligenagentur am'
		);
		await expect(card(page, body)).toContainText(answer);
		await checkWithScript(browser, context, '/suggest');
	});
});
