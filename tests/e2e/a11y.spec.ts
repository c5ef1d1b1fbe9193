import type { Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	readCode,
	test,
	uniqueEmail
} from './support.ts';

/** axe and the 320 px check on the page as it is now. */
async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

const text = {
	de: {
		home: 'Schenk deiner Stadt ein paar Stunden im Monat',
		signIn: 'Anmelden',
		email: 'E-Mail-Adresse',
		request: 'Code anfordern',
		code: 'Sechsstelliger Code',
		outbox: 'Postausgang (Entwicklung)',
		profile: 'Mein Profil',
		offer: 'Dein Angebot in einer Minute',
		forbidden: 'Kein Zugriff',
		notFound: 'Seite nicht gefunden',
		offline: 'Keine Verbindung',
		imprint: 'Impressum',
		privacy: 'Datenschutzerklärung',
		accessibility: 'Erklärung zur Barrierefreiheit',
		easyRead: 'Zeitspende in Leichter Sprache'
	},
	en: {
		home: 'Give your town a few hours a month',
		signIn: 'Sign in',
		email: 'E-mail address',
		request: 'Send me a code',
		code: 'Six-digit code',
		outbox: 'Outbox (development)',
		profile: 'My profile',
		offer: 'Your offer in a minute',
		forbidden: 'No access',
		notFound: 'Page not found',
		offline: 'No connection',
		imprint: 'Imprint (legal notice)',
		privacy: 'Privacy notice',
		accessibility: 'Accessibility statement',
		easyRead: 'Zeitspende in Easy Read'
	}
} as const;

for (const locale of ['de', 'en'] as const) {
	test.describe(`every page passes axe and fits 320 px (${locale})`, () => {
		const t = text[locale];
		// axe takes a few seconds a page on a small machine.
		test.describe.configure({ timeout: 60_000 });

		/** Opens the page in this locale and checks it. */
		const visit = async (page: Page, path: string, heading: string) => {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
			await check(page);
		};

		test.beforeEach(async ({ context, baseURL }) => {
			await context.addCookies([{ name: 'zs_locale', value: locale, url: baseURL! }]);
		});

		test('signed out: start, sign-in, outbox, not found', async ({ page }) => {
			// Seven pages through axe: about 50 s when the two shared cores are busy.
			test.setTimeout(120_000);
			await visit(page, '/', t.home);
			await visit(page, '/sign-in', t.signIn);
			await visit(page, '/dev/outbox', t.outbox);
			await visit(
				page,
				`/towns/${seed.municipalities.lindenau.id}`,
				seed.municipalities.lindenau.name
			);
			await visit(
				page,
				`/towns/${seed.municipalities.birkenhain.id}`,
				seed.municipalities.birkenhain.name
			);
			await visit(page, '/gibt-es-nicht', t.notFound);
			await visit(page, '/offline', t.offline);
		});

		test('signed out: imprint, privacy notice, accessibility statement, Easy Read', async ({
			page
		}) => {
			// Four long pages through axe on a small shared machine.
			test.setTimeout(150_000);
			await visit(page, '/imprint', t.imprint);
			await visit(page, '/privacy', t.privacy);
			await visit(page, '/accessibility', t.accessibility);
			await visit(page, '/easy-read', t.easyRead);
		});

		test('mail links opened signed out: unsubscribe and check-in, a broken link', async ({
			page
		}) => {
			const de = locale === 'de';
			await visit(page, '/unsubscribe?t=broken', de ? 'E-Mails abbestellen' : 'Stop e-mails');
			await expect(page.getByRole('alert')).toBeVisible();
			await visit(page, '/check-in?t=broken', de ? 'Wie läuft es?' : 'How is it going?');
			await expect(page.getByRole('alert')).toBeVisible();
		});

		test('sign-in: code step and its error', async ({ page, context }) => {
			await visit(page, '/sign-in', t.signIn);
			const email = uniqueEmail(`a11y-${locale}`);
			await page.getByLabel(t.email).fill(email);
			await page.getByRole('button', { name: t.request }).click();
			await expect(page.getByLabel(t.code)).toBeVisible();
			await check(page);
			const code = await readCode(context, email);
			await page.getByLabel(t.code).fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
			await page.getByRole('button', { name: t.signIn, exact: true }).click();
			await expect(page.getByLabel(t.code)).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			// The outbox with mails in it.
			await visit(page, '/dev/outbox', t.outbox);
			await expect(page.getByRole('article').first()).toBeVisible();
		});

		test('signed in: profile, offer, organisation, forbidden, not found', async ({
			page,
			signInAs
		}) => {
			await signInAs(seed.people.emre.email);
			await visit(page, '/profile', t.profile);
			await visit(page, '/offer', t.offer);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}`,
				seed.organisations.lernpaten.name
			);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/hours`,
				locale === 'de' ? 'Stunden prüfen' : 'Review hours'
			);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/matches`,
				locale === 'de' ? 'Vermittlungen' : 'Matches'
			);
			// Writing to the pool, and the form refused (a subject too short: nothing is sent).
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/pool/message`,
				locale === 'de' ? 'An Helfende schreiben' : 'Write to helpers'
			);
			await page.getByLabel(locale === 'de' ? 'Betreff' : 'Subject').fill('x');
			await page.getByLabel(locale === 'de' ? 'Nachricht' : 'Message', { exact: true }).fill('-');
			await page
				.getByRole('button', { name: locale === 'de' ? 'Nachricht senden' : 'Send the message' })
				.click();
			await expect(
				page.getByText(
					locale === 'de'
						? 'Bitte schreib einen Betreff mit 3 bis 120 Zeichen.'
						: 'Please write a subject of 3 to 120 characters.'
				)
			).toBeVisible();
			await check(page);
			await visit(page, `/coordinator/${seed.organisations.nachbarschaftshilfe.id}`, t.forbidden);
			await visit(page, `/coordinator/${crypto.randomUUID()}`, t.notFound);
		});

		test('town: the approval queue, its refused bulk decision, a nonprofit refused', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.katrin.email);
			await visit(
				page,
				`/coordinator/${seed.organisations.freiwilligenagentur.id}/approvals`,
				de ? 'Freigaben' : 'Approvals'
			);
			// Several at once with nothing ticked: refused with a message, nothing changes. (The
			// form is there only while something waits that she may decide; approvals.spec.ts may
			// have decided the seed's items already.)
			const bulk = page.getByRole('button', {
				name: de ? 'Ausgewählte zurückweisen' : 'Turn down selected'
			});
			if ((await bulk.count()) > 0) {
				await bulk.click();
				await expect(page.getByRole('alert')).toContainText(
					de ? 'Es war nichts ausgewählt.' : 'Nothing was selected.'
				);
				await check(page);
			}
			await signInAs(seed.people.emre.email);
			await visit(page, `/coordinator/${seed.organisations.lernpaten.id}/approvals`, t.forbidden);
		});

		test('town: the report, a refused period, its print view', async ({ page, signInAs }) => {
			const de = locale === 'de';
			const report = `/coordinator/${seed.organisations.freiwilligenagentur.id}/report`;
			await signInAs(seed.people.katrin.email);
			await visit(page, report, de ? 'Bericht der Stadt' : 'Town report');
			await visit(
				page,
				`${report}?from=2026-06&to=2026-01`,
				de ? 'Bericht der Stadt' : 'Town report'
			);
			await expect(page.getByRole('alert')).toBeVisible();
			await page.goto(`${report}/print`);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(
				de ? 'Bericht der Stadt' : 'Town report'
			);
			await check(page);
		});

		test('coordinator: the pool page, and its refused invitation', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/pool`,
				de ? 'Helferpool' : 'Helper pool'
			);
			// An address without a dot in its domain: refused with a message, nothing sent.
			const email = page.getByLabel(de ? 'E-Mail-Adresse' : 'E-mail address', { exact: true });
			await email.fill('jemand@lindenau');
			await page.getByRole('button', { name: de ? 'Einladen' : 'Invite', exact: true }).click();
			await expect(email).toHaveAttribute('aria-invalid', 'true');
			await check(page);
		});

		test('profile: the calendar link just created, shown once', async ({ page, signInAs }) => {
			await signInAs(seed.people.emre.email);
			await visit(page, '/profile', t.profile);
			const de = locale === 'de';
			// Both projects and locales run this at once: whichever button the page shows issues a link.
			await page
				.getByRole('button', { name: de ? 'Kalender-Link erstellen' : 'Create calendar link' })
				.or(page.getByRole('button', { name: de ? 'Neuen Link erstellen' : 'Create a new link' }))
				.first()
				.click();
			await expect(page.getByLabel(de ? /^Link zum Kopieren/ : /^Link to copy/)).toBeVisible();
			await check(page);
		});

		test('helper: my hours and the certificate', async ({ page, signInAs }) => {
			await signInAs(seed.people.mara.email);
			await visit(page, '/hours', locale === 'de' ? 'Meine Stunden' : 'My hours');
			await visit(
				page,
				'/certificate',
				locale === 'de' ? 'Ehrenamtsnachweis' : 'Certificate of engagement'
			);
			// A refused period, with its messages.
			await visit(
				page,
				'/certificate?from=2026-05&to=2026-04',
				locale === 'de' ? 'Ehrenamtsnachweis' : 'Certificate of engagement'
			);
			await expect(page.getByRole('alert')).toBeVisible();
		});

		test('coordinator: §72a inspections and the refused form', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/inspections`,
				de ? '§72a-Einsichtnahmen' : '§72a inspections'
			);
			// Sent empty: every field says what is missing, nothing is recorded.
			await page
				.getByRole('button', { name: de ? 'Einsichtnahme speichern' : 'Save inspection' })
				.click();
			await expect(
				page.getByLabel(de ? 'Datum des Führungszeugnisses' : 'Date of the certificate')
			).toHaveAttribute('aria-invalid', 'true');
			await check(page);
		});

		test('coordinator: a new need and its refused form, editing a need', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/needs/new`,
				de ? 'Neuer Bedarf' : 'New need'
			);
			// Refused: a title too short, hours out of range, a day long past; nothing is written.
			await page.getByLabel(de ? 'Titel' : 'Title').fill('ab');
			await page
				.getByLabel(de ? 'Stunden (einmalig bzw. pro Monat)' : 'Hours (once, or per month)')
				.fill('99');
			await page.getByLabel(de ? 'Ab' : 'From', { exact: true }).fill('2021-03-01');
			await page.getByRole('button', { name: de ? 'Veröffentlichen' : 'Post' }).click();
			await expect(page.getByLabel(de ? 'Titel' : 'Title')).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			await visit(
				page,
				`/coordinator/${seed.organisations.lernpaten.id}/needs/${seed.needs.lernpatenschaftDeutsch.id}/edit`,
				de ? 'Bedarf bearbeiten' : 'Edit need'
			);
		});

		test('onboarding: the admin page, the town page and the team page, with refused forms', async ({
			page,
			signInAs
		}) => {
			// Two people sign in and four pages are checked on a small shared machine.
			test.setTimeout(150_000);
			const de = locale === 'de';
			await signInAs(seed.people.admin.email);
			// The failed mails the sender gave up on (empty or not, depending on the run).
			await visit(page, '/admin/mail', de ? 'Fehlgeschlagene E-Mails' : 'Failed e-mails');
			await visit(page, '/admin', de ? 'Plattform-Verwaltung' : 'Platform administration');
			const create = page.getByRole('region', {
				name: de ? 'Neue Kommune anlegen' : 'Create a municipality'
			});
			await create.getByLabel(de ? 'Name der Kommune' : 'Name of the municipality').fill('Neudorf');
			const ags = create.getByLabel(
				de ? 'Amtlicher Gemeindeschlüssel (AGS)' : 'Official municipality key (AGS)'
			);
			await ags.fill('123');
			await create
				.getByLabel(de ? 'Name der kommunalen Stelle' : 'Name of the municipal office')
				.fill('Gemeinde Neudorf');
			await create
				.getByLabel(
					de
						? 'E-Mail-Adresse der ersten Koordinator*in'
						: 'E-mail address of the first coordinator'
				)
				.fill(uniqueEmail('a11y-town'));
			await create
				.getByRole('button', { name: de ? 'Kommune anlegen und einladen' : 'Create and invite' })
				.click();
			await expect(ags).toHaveAttribute('aria-invalid', 'true');
			await check(page);

			await signInAs(seed.people.katrin.email);
			const office = seed.organisations.freiwilligenagentur.id;
			await visit(
				page,
				`/coordinator/${office}/town`,
				de ? 'Kommune Lindenau am See einrichten' : 'Set up Lindenau am See'
			);
			const add = page.getByRole('form', { name: de ? 'Stadtteil hinzufügen' : 'Add a district' });
			await add.getByLabel(de ? 'Name des Stadtteils' : 'Name of the district').fill('Paris');
			await add
				.getByLabel(de ? 'Breitengrad des Mittelpunkts' : 'Latitude of the centre')
				.fill('48.85');
			const lng = add.getByLabel(de ? 'Längengrad des Mittelpunkts' : 'Longitude of the centre');
			await lng.fill('2.35');
			await add.getByRole('button', { name: de ? 'Hinzufügen' : 'Add', exact: true }).click();
			await expect(lng).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			await visit(
				page,
				`/coordinator/${office}/team`,
				de ? 'Koordinationsteam' : 'Coordination team'
			);
		});

		test('suggestions: suggesting and its refused text, the town inbox, a need from a suggestion', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.heinz.email);
			await visit(page, '/suggest', de ? 'Einen Bedarf vorschlagen' : 'Suggest a need');
			// Too short: refused with a message at the field, nothing written.
			await page
				.getByLabel(de ? 'Stadt oder Gemeinde' : 'Town or municipality')
				.selectOption({ label: 'Lindenau am See' });
			const body = page.getByLabel(de ? 'Dein Vorschlag' : 'Your suggestion');
			await body.fill('zu kurz');
			await page.getByRole('button', { name: de ? 'Vorschlag senden' : 'Send suggestion' }).click();
			await expect(body).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			await signInAs(seed.people.helga.email);
			const inbox = `/coordinator/${seed.organisations.nachbarschaftshilfe.id}/suggestions`;
			await visit(
				page,
				inbox,
				de ? 'Vorschläge aus Lindenau am See' : 'Suggestions from Lindenau am See'
			);
			// The seed's new suggestion (the homework club at the station), turned into a need's form.
			await visit(
				page,
				`/coordinator/${seed.organisations.nachbarschaftshilfe.id}/needs/new?suggestion=00000000-000a-4000-8000-000000000002`,
				de ? 'Neuer Bedarf' : 'New need'
			);
		});

		test('helper: matches, a need, filters, pools, my data', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.mara.email);
			await visit(page, '/matches', de ? 'Meine Vermittlungen' : 'My matches');
			await visit(
				page,
				'/needs?category=homework',
				de ? 'Bedarfe, die zu dir passen' : 'Needs that fit you'
			);
			await visit(
				page,
				'/needs/00000000-0005-4000-8000-000000000012',
				'Englisch-Nachhilfe für die 9. Klasse (online)'
			);
			await visit(page, `/needs/${crypto.randomUUID()}`, t.notFound);
			await visit(page, '/pools', de ? 'Meine Pools' : 'My pools');
			await visit(page, '/profile/data', de ? 'Meine Daten' : 'My data');
			// Deleting without ticking the confirmation: refused with a message, nothing deleted.
			await page.locator('input[name=confirm]').evaluate((el) => el.removeAttribute('required'));
			await page
				.getByRole('button', {
					name: de ? 'Konto endgültig löschen' : 'Delete my account for good'
				})
				.click();
			await expect(page.getByRole('alert')).toBeVisible();
			await expectAccessible(page);
		});
	});
}

test('sign-in works with the keyboard alone', async ({ page, context }) => {
	await page.goto('/sign-in?next=%2Fprofile');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();

	await page.keyboard.press('Tab');
	const emailField = page.getByLabel('E-Mail-Adresse');
	await expect(emailField).toBeFocused();
	const email = uniqueEmail('keyboard');
	await page.keyboard.type(email);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toHaveText(`Wir haben einen Code an ${email} geschickt.`);
	await expect(page.getByLabel('Sechsstelliger Code')).toBeFocused();

	// The outbox, with at least this mail in it, is checked on the way.
	const outbox = await context.newPage();
	await outbox.goto('/dev/outbox');
	await expect(outbox.getByRole('article').filter({ hasText: email })).toBeVisible();
	await check(outbox);
	await outbox.close();

	await page.keyboard.type(await readCode(context, email));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/profile');
	await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();

	// A new page starts at the skip link again; the profile form saves with Enter too.
	await page.keyboard.press('Tab');
	await expect(skip).toBeFocused();
	await page.getByLabel('Angezeigter Name').focus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('Tastatur T.');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');
});

test('the sign-in page with the request form passes axe after a refused address', async ({
	page
}) => {
	await page.goto('/sign-in');
	await page.getByLabel('E-Mail-Adresse').fill('jemand@lindenau');
	await page.getByRole('button', { name: 'Code anfordern' }).click();
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
	await check(page);
});
