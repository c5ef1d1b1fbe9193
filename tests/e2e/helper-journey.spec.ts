// The helper's whole journey on a phone, as people do it, each side through its own pages:
// a new address signs in, fills in the profile and the offer stepper; a seeded need fits; "Ich
// kann helfen"; the Nachbarschaftshilfe accepts; both sides see each other's contact; hours are
// logged, the coordinator confirms them, the certificate shows them; the person downloads their
// data and deletes the account, and the coordinator is told. axe and 320 px on every page and
// state on the way (the stepper without JavaScript: offer.spec.ts).
import type { Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	signIn,
	test,
	uniqueEmail
} from './support.ts';

// Seeded need 19: company for seniors, Fridays 10–13 in Neufeld, two places, no §72a — touched by
// no other spec. An adult need, so the organisation's yes makes the match active at once.
const NEED = {
	id: '00000000-0005-4000-8000-000000000019',
	title: 'Gemeinsames Kochen im Nachbarschaftstreff Neufeld'
};
const ORG = seed.organisations.nachbarschaftshilfe;
const COORDINATOR = seed.people.helga;

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

test.skip(({ isMobile }) => !isMobile, 'the journey is made on a phone; one run uses need 19');
// Five people's turns and fifteen axe checks: under three minutes beside other specs on two cores.
test.describe.configure({ timeout: 360_000 });

test('a new helper: sign-in → offer → help → accepted → hours confirmed → certificate → data', async ({
	page,
	context,
	browser,
	baseURL,
	signInAs
}) => {
	const email = uniqueEmail('journey');
	const name = `Jana ${Date.now().toString(36).slice(-4)}`;
	const phone = '0341 5550 123';

	// The first sign-in lands on the offer stepper: company for seniors, 4 h, Fridays, Neufeld.
	await signIn(page, email);
	await expect(page).toHaveURL('/offer');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dein Angebot in einer Minute');
	await check(page);
	await page
		.getByRole('group', { name: /Schritt 1 von 6/ })
		.getByLabel('Besuch & Freizeit')
		.check();
	await page
		.getByRole('group', { name: /Schritt 2 von 6/ })
		.getByLabel('Ältere')
		.check();
	await page.getByLabel('Stunden im Monat (1–40)').fill('4');
	await page.getByRole('group', { name: 'Freitag' }).getByLabel('Vormittag').check();
	await page.getByRole('group', { name: 'Freitag' }).getByLabel('Nachmittag').check();
	await page.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Lindenau am See' });
	await page.getByLabel('In der Nähe meines Stadtteils').check();
	await page.getByLabel('Stadtteil', { exact: true }).selectOption({ label: 'Neufeld' });
	await page.getByLabel('Umkreis in km (0–50)').fill('3');
	await page.getByRole('button', { name: 'Angebot speichern' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Dein Angebot ist gespeichert.' })
	).toContainText(/Jetzt pass(t|en) \d+ Bedarfe? zu dir/);
	await check(page);

	// Say who I am, with a phone the organisation will see once a match is active.
	await page.goto('/profile');
	await page.getByLabel('Angezeigter Name').fill(name);
	await page.getByLabel('Telefon (freiwillig)').fill(phone);
	await page.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');
	await check(page);

	// The need fits; the filters (a plain GET form) narrow the list; its page says why; "Ich kann
	// helfen". For children nothing fits her; company for older people, the need does.
	await page.goto('/needs');
	await expect(page.getByRole('link', { name: NEED.title })).toBeVisible();
	const filters = page.getByRole('form', { name: 'Bedarfe filtern' });
	await filters.getByLabel('Für wen').selectOption({ label: 'Kinder' });
	await filters.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/[?&]targetGroup=children/);
	await expect(
		page.getByText('Mit diesem Filter passt gerade kein Bedarf. Probier einen anderen.')
	).toBeVisible();
	await expect(page.getByRole('link', { name: NEED.title })).toHaveCount(0);
	await check(page);
	await filters.getByLabel('Wobei').selectOption({ label: 'Besuch & Freizeit' });
	await filters.getByLabel('Für wen').selectOption({ label: 'Ältere' });
	await filters.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/[?&]category=company&targetGroup=seniors/);
	await expect(page.getByRole('link', { name: NEED.title })).toBeVisible();
	await check(page);
	await page.getByRole('link', { name: NEED.title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEED.title);
	await expect(page.getByRole('region', { name: 'Warum es zu dir passt' })).toBeVisible();
	await check(page);
	await page.getByRole('button', { name: 'Ich kann helfen' }).click();
	await expect(page.getByRole('status')).toHaveText('Danke! Die Organisation meldet sich bei dir.');

	// The organisation accepts, on its need's page.
	await context.clearCookies();
	await signInAs(COORDINATOR.email);
	await page.goto(`/coordinator/${ORG.id}/needs/${NEED.id}`);
	await page.getByRole('button', { name: `Hilfe von ${name} annehmen` }).click();
	await expect(page.getByRole('status')).toBeVisible();
	// Active now: the coordinator reaches the helper.
	const helperCard = page.getByRole('listitem').filter({ hasText: name }).first();
	await expect(helperCard.getByRole('link', { name: email })).toBeVisible();
	await expect(helperCard.getByRole('link', { name: phone })).toBeVisible();
	await check(page);

	// The helper sees the match and the coordinator's contact, and logs hours.
	await context.clearCookies();
	await signInAs(email);
	await page.goto('/matches');
	const active = page
		.getByRole('region', { name: 'Laufend' })
		.getByRole('listitem')
		.filter({ hasText: NEED.title })
		.first();
	await expect(active.getByRole('link', { name: COORDINATOR.email })).toBeVisible();
	await check(page);
	await active.getByRole('link', { name: 'Stunden eintragen' }).click();
	await expect(page).toHaveURL('/hours');
	const form = page.getByRole('region', { name: 'Stunden eintragen' });
	await form.getByLabel('Stunden', { exact: true }).fill('2,5');
	await form.getByLabel('Notiz (freiwillig)').fill('Suppe gekocht');
	await form.getByRole('button', { name: 'Stunden eintragen' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Eingetragen. Die Organisation prüft deine Stunden.'
	);
	const logged = page.getByRole('listitem').filter({ hasText: 'Suppe gekocht' });
	await expect(logged).toContainText('2,5 Std.');
	await expect(logged).toContainText('noch nicht geprüft');
	await check(page);

	// The coordinator confirms them.
	await context.clearCookies();
	await signInAs(COORDINATOR.email);
	await page.goto(`/coordinator/${ORG.id}`);
	await page.getByRole('link', { name: 'Stunden prüfen' }).click();
	const log = page.getByRole('listitem').filter({ hasText: name });
	await expect(log).toContainText('2,5 Std.');
	await expect(log).toContainText('Suppe gekocht');
	await check(page);
	await log.getByRole('button', { name: /^Bestätigen/ }).click();
	await expect(page.getByRole('status')).toHaveText('Bestätigt.');
	await expect(page.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);

	// The certificate shows the confirmed hours.
	await context.clearCookies();
	await signInAs(email);
	await page.goto('/certificate');
	const sheet = page.getByRole('article', { name: 'Nachweis über ehrenamtliches Engagement' });
	await expect(sheet).toContainText(name);
	const entry = sheet
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: ORG.name }) });
	await expect(entry.getByText('2,5 Std.', { exact: true })).toBeVisible();
	await check(page);

	// My data: the export holds my match and hours; then the account goes.
	await page.goto('/profile');
	await page.getByRole('link', { name: 'Meine Daten ansehen' }).click();
	await check(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Meine Daten herunterladen' }).click();
	const file = await (await download).path();
	const data = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
	expect(data.account.email).toBe(email);
	expect(data['public.matches']).toHaveLength(1);
	expect(data['public.hour_logs'][0]).toMatchObject({ status: 'confirmed', note: 'Suppe gekocht' });

	// Signed in on a second device too, which the server has just seen (and so keeps for a few
	// seconds: SESSION_RECHECK_SECONDS): deleting the account signs it out at once as well.
	const laptop = await browser.newContext({ baseURL, locale: 'de-DE' });
	const other = await laptop.newPage();
	await signIn(other, email);
	await other.goto('/profile');
	await expect(other.getByText(`Angemeldet als ${email}`)).toBeVisible();

	await page.getByLabel('Ich verstehe: Das lässt sich nicht rückgängig machen.').check();
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page).toHaveURL('/?deleted=1');
	await other.reload();
	await expect(other).toHaveURL('/sign-in?next=%2Fprofile');
	await laptop.close();
	await expect(page.getByRole('status')).toHaveText(
		'Dein Konto ist gelöscht. Danke für deine Zeit!'
	);
	await check(page);
	await expect(
		page
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Anmelden' })
	).toBeVisible();

	// The coordinator is told, without the person's name.
	await page.goto('/dev/outbox');
	const told = page
		.getByRole('article')
		.filter({ hasText: COORDINATOR.email })
		.filter({ hasText: `Match beendet: ${NEED.title}` })
		.first();
	await expect(told).toBeVisible();
	await expect(told).not.toContainText(name);
});
