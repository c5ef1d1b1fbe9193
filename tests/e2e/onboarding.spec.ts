// Onboarding a town, like the people who do it. The platform admin creates a town (refused first
// for a malformed and for a taken AGS) and invites its first coordinator; that person signs in for
// the first time, accepts on /pools, adds a district (refused first outside Germany), takes in a
// nonprofit with the invitation of its first coordinator and invites a colleague. Each project
// runs the whole story with its own town and addresses. Without JavaScript: the team page.
import type { Browser, Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	signIn,
	test,
	uniqueEmail
} from './support.ts';

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

/** An AGS of Land 09 (Bayern) no other run is likely to have taken. */
const freshAgs = () => `09${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

async function asNewPerson(browser: Browser, baseURL: string | undefined, email: string) {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await signIn(page, email, '/pools');
	return { context, page };
}

test('the platform admin creates a town; its first coordinator accepts, adds a district, takes in a nonprofit and invites a colleague', async ({
	page,
	signInAs,
	browser,
	baseURL,
	isMobile
}) => {
	// Three people sign in and six pages are checked with axe on a small shared machine.
	test.setTimeout(180_000);
	const tag = isMobile ? 'Phone' : 'Desk';
	const town = `Neustadt ${tag} ${Date.now().toString(36)}`;
	const office = `Stadt ${town} – Freiwilligenagentur`;
	const first = uniqueEmail('town-first');
	const nonprofitFirst = uniqueEmail('nonprofit-first');
	const colleague = uniqueEmail('colleague');

	// The platform admin, from the profile.
	await signInAs(seed.people.admin.email);
	await page.goto('/profile');
	await page.getByRole('link', { name: 'Plattform-Verwaltung: Kommunen anlegen' }).click();
	await expect(page).toHaveURL('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plattform-Verwaltung');
	await check(page);

	const create = page.getByRole('region', { name: 'Neue Kommune anlegen' });
	await create.getByLabel('Name der Kommune').fill(town);
	await create.getByLabel('Amtlicher Gemeindeschlüssel (AGS)').fill('1234');
	await create.getByLabel('Name der kommunalen Stelle').fill(office);
	await create.getByLabel('E-Mail-Adresse der ersten Koordinator*in').fill(first);
	await create.getByRole('button', { name: 'Kommune anlegen und einladen' }).click();
	const ags = create.getByLabel('Amtlicher Gemeindeschlüssel (AGS)');
	await expect(ags).toHaveAttribute('aria-invalid', 'true');
	await expect(create.getByText('Der AGS hat genau 8 Ziffern')).toBeVisible();
	await check(page);

	await ags.fill('09188999'); // Lindenau am See, in the seed
	await create.getByRole('button', { name: 'Kommune anlegen und einladen' }).click();
	await expect(create.getByText('Eine Kommune mit diesem AGS gibt es schon.')).toBeVisible();
	await expect(page.getByRole('heading', { name: town })).toHaveCount(0);

	await ags.fill(freshAgs());
	await create.getByRole('button', { name: 'Kommune anlegen und einladen' }).click();
	await expect(page.getByRole('status')).toHaveText(
		`${town} ist angelegt; die Einladung an ${first} ist verschickt.`
	);
	const card = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: town }) });
	await expect(card).toContainText(office);
	await expect(card.getByText(first)).toBeVisible();
	await check(page);

	// The first coordinator signs in for the first time and accepts on /pools.
	const them = await asNewPerson(browser, baseURL, first);
	const p = them.page;
	const invitations = p.getByRole('region', { name: 'Einladungen zur Koordination' });
	await expect(invitations.getByRole('listitem').filter({ hasText: office })).toBeVisible();
	await check(p);
	await invitations.getByRole('button', { name: `Koordination übernehmen: ${office}` }).click();
	await expect(p.getByRole('status')).toHaveText('Du koordinierst jetzt diese Organisation.');

	// One organisation: /coordinator leads straight to it.
	await p.goto('/coordinator');
	await expect(p.getByRole('heading', { level: 1 })).toHaveText(office);
	await p.getByRole('link', { name: 'Kommune einrichten' }).click();
	await expect(p.getByRole('heading', { level: 1 })).toHaveText(`Kommune ${town} einrichten`);
	await check(p);

	// A district: refused outside Germany, then added, its centre rounded.
	const districts = p.getByRole('form', { name: 'Stadtteil hinzufügen' });
	await districts.getByLabel('Name des Stadtteils').fill('Mitte');
	await districts.getByLabel('Breitengrad des Mittelpunkts').fill('48,8566');
	await districts.getByLabel('Längengrad des Mittelpunkts').fill('2,3522');
	await districts.getByRole('button', { name: 'Hinzufügen' }).click();
	await expect(districts.getByLabel('Längengrad des Mittelpunkts')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await check(p);
	await districts.getByLabel('Breitengrad des Mittelpunkts').fill('49,1234');
	await districts.getByLabel('Längengrad des Mittelpunkts').fill('10,3333');
	await districts.getByRole('button', { name: 'Hinzufügen' }).click();
	await expect(p.getByRole('status')).toHaveText('Stadtteil Mitte hinzugefügt.');
	await expect(
		p.getByRole('region', { name: /^Stadtteile/ }).getByText('Mittelpunkt 49.125, 10.335')
	).toBeVisible();

	// A nonprofit with the invitation of its first coordinator.
	const nonprofit = `Tafel ${tag} e. V.`;
	const add = p.getByRole('form', { name: 'Verein aufnehmen' });
	await add.getByLabel('Name des Vereins').fill(nonprofit);
	await add.getByLabel('E-Mail-Adresse der ersten Koordinator*in').fill(nonprofitFirst);
	await add.getByRole('button', { name: 'Aufnehmen und einladen' }).click();
	await expect(p.getByRole('status')).toHaveText(
		`${nonprofit} ist aufgenommen; die Einladung an ${nonprofitFirst} ist verschickt.`
	);
	const nonprofits = p.getByRole('region', { name: /^Vereine und Verbände/ });
	await expect(nonprofits.getByText(nonprofitFirst)).toBeVisible();
	await check(p);

	// A colleague for the office's team.
	await p.goto('/coordinator');
	await p.getByRole('link', { name: 'Koordinationsteam' }).click();
	await expect(p.getByRole('heading', { level: 1 })).toHaveText('Koordinationsteam');
	await p.getByLabel('E-Mail-Adresse', { exact: true }).fill(colleague);
	await p.getByRole('button', { name: 'Einladen', exact: true }).click();
	await expect(p.getByRole('status')).toHaveText(`Einladung an ${colleague} verschickt.`);
	await expect(
		p
			.getByRole('region', { name: 'Offene Einladungen' })
			.getByRole('listitem')
			.filter({ hasText: colleague })
	).toBeVisible();
	await check(p);
	await them.context.close();

	// The office has its coordinator: the admin no longer offers to invite a first one.
	await page.reload();
	await expect(card).toContainText('Eine aktive Koordinator*in');
	await expect(card.getByText(`Erste Koordinator*in für ${office} einladen`)).toHaveCount(0);

	// The invitation mails, in the outbox.
	await page.goto('/dev/outbox');
	for (const [address, organisation] of [
		[first, office],
		[nonprofitFirst, nonprofit],
		[colleague, office]
	]) {
		await expect(
			page
				.getByRole('article')
				.filter({ hasText: address })
				.filter({ hasText: `Einladung zur Koordination: ${organisation}` })
				.first()
		).toBeVisible();
	}
});

test('a nonprofit coordinator gets no town page, and a coordinator never the admin page', async ({
	page,
	signInAs,
	isMobile
}) => {
	test.skip(isMobile, 'the desktop project; the phone project runs the story');
	await signInAs(seed.people.emre.email);
	await page.goto(`/coordinator/${seed.organisations.lernpaten.id}/town`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kein Zugriff');
	// Another organisation's page answers as an unknown one does.
	await page.goto(`/coordinator/${seed.organisations.nachbarschaftshilfe.id}/team`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a coordinator invites a colleague, is refused the same address again and withdraws it; the last coordinator cannot go', async ({
		page,
		signInAs,
		isMobile
	}) => {
		test.skip(!isMobile, 'the phone project; the desktop project checks who gets which page');
		test.setTimeout(90_000);
		const colleague = uniqueEmail('team-nojs');
		await signInAs(seed.people.helga.email);
		await page.goto(`/coordinator/${seed.organisations.nachbarschaftshilfe.id}/team`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Koordinationsteam');
		await expect(
			page.getByText('Die letzte Koordinator*in kann nicht entfernt werden')
		).toBeVisible();
		await expect(page.getByRole('button', { name: /^Aus dem Team entfernen/ })).toHaveCount(0);

		await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(colleague);
		await page.getByRole('button', { name: 'Einladen', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(`Einladung an ${colleague} verschickt.`);

		await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(colleague);
		await page.getByRole('button', { name: 'Einladen', exact: true }).click();
		await expect(page.getByLabel('E-Mail-Adresse', { exact: true })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect(page.getByText('An diese Adresse ging schon eine Einladung')).toBeVisible();

		const pending = page.getByRole('region', { name: 'Offene Einladungen' });
		await pending.getByRole('button', { name: `Zurückziehen: ${colleague}` }).click();
		await expect(page.getByRole('status')).toHaveText('Einladung zurückgezogen.');
		await expect(pending.getByRole('listitem').filter({ hasText: colleague })).toHaveCount(0);
	});
});
