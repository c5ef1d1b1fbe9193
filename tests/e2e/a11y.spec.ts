import type { Locator, Page } from '@playwright/test';
import { checkInToken } from '../../src/lib/server/mail/check-in.ts';
import { seed } from '../support/seed-ids.ts';
import { E2E_AUTH_SECRET } from './auth-secret.ts';
import { routes, type Route } from './routes.ts';
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

// The words the refused forms are found by (the pages and their headings: ./routes.ts).
const text = {
	de: {
		signIn: 'Anmelden',
		email: 'E-Mail-Adresse',
		request: 'Code anfordern',
		code: 'Sechsstelliger Code'
	},
	en: {
		signIn: 'Sign in',
		email: 'E-mail address',
		request: 'Send me a code',
		code: 'Six-digit code'
	}
} as const;

// Active demo matches (supabase/seed.sql) with their helpers: the e2e server's mail sender writes
// this month's check-in for each on its first run (private.queue_mail_reminders). A check-in takes
// one answer, so each project and language answers its own: Gisela K.'s, Heinz H.'s, Mara S.'s.
const checkInOf = {
	phone: {
		de: ['00000000-0006-4000-8000-000000000002', '00000000-0004-4000-8000-000000000108'],
		en: ['00000000-0006-4000-8000-000000000004', seed.people.heinz.id]
	},
	desktop: { de: ['00000000-0006-4000-8000-000000000001', seed.people.mara.id] }
} as const;

for (const locale of ['de', 'en'] as const) {
	test.describe(`every page passes axe and fits 320 px (${locale})`, () => {
		const t = text[locale];
		// axe takes a few seconds a page on a small machine.
		test.describe.configure({ timeout: 60_000 });
		// Both languages on the phone (where the app is used most); the desktop layout in German.
		// A language changes the words, not the structure axe judges: running English on the
		// desktop as well doubled the sweep's share of the e2e run (about 130 s) for no finding.
		test.skip(({ isMobile }) => !isMobile && locale === 'en', 'English runs on the phone');

		/** Opens the page in this locale and checks it. */
		const visit = async (page: Page, route: Route) => {
			await page.goto(route.path);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const heading = page.getByRole('heading', { level: 1 });
			if (route.headingStartsWith) await expect(heading).toContainText(route.heading[locale]);
			else await expect(heading).toHaveText(route.heading[locale]);
			await check(page);
		};

		test.beforeEach(async ({ context, baseURL }) => {
			await context.addCookies([{ name: 'zs_locale', value: locale, url: baseURL! }]);
		});

		test('signed out: start, sign-in, outbox, not found', async ({ page }) => {
			// Seven pages through axe: about 50 s when the two shared cores are busy.
			test.setTimeout(120_000);
			await visit(page, routes.anonymous.home);
			await visit(page, routes.anonymous.signIn);
			await visit(page, routes.anonymous.outbox);
			await visit(page, routes.anonymous.lindenau);
			await visit(page, routes.anonymous.birkenhain);
			await visit(page, routes.anonymous.notFound);
			await visit(page, routes.anonymous.offline);
		});

		test('signed out: imprint, privacy notice, accessibility statement, Easy Read', async ({
			page
		}) => {
			// Four long pages through axe on a small shared machine.
			test.setTimeout(150_000);
			await visit(page, routes.anonymous.imprint);
			await visit(page, routes.anonymous.privacy);
			await visit(page, routes.anonymous.accessibility);
			await visit(page, routes.anonymous.easyRead);
		});

		test('mail links opened signed out: unsubscribe and check-in, a broken link', async ({
			page
		}) => {
			await visit(page, routes.anonymous.unsubscribe);
			await expect(page.getByRole('alert')).toBeVisible();
			await visit(page, routes.anonymous.checkIn);
			await expect(page.getByRole('alert')).toBeVisible();
		});

		test('mail links opened signed out: a check-in link asks, its answer is taken', async ({
			page
		}) => {
			const de = locale === 'de';
			await visit(page, routes.anonymous.checkInAsks);
			await expect(
				page.getByText(
					de
						? 'Deine Antwort: „Alles gut“. Bitte bestätige sie.'
						: 'Your answer: “All is well”. Please confirm it.'
				)
			).toBeVisible();
			// The link's match does not exist: the answer is taken as one given before, nothing written.
			await page.getByRole('button', { name: de ? 'Antwort senden' : 'Send the answer' }).click();
			await expect(page.getByRole('status')).toHaveText(
				de
					? 'Diese Nachfrage ist schon beantwortet. Danke!'
					: 'This check-in has already been answered. Thank you!'
			);
			await check(page);
		});

		test('mail links opened signed out: the check-in of an active match is answered', async ({
			page,
			isMobile
		}) => {
			const de = locale === 'de';
			const [match, helper] = isMobile ? checkInOf.phone[locale] : checkInOf.desktop.de;
			// This month, as the database counts it: its first day in Berlin.
			const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
				new Date()
			);
			const month = `${today.slice(0, 7)}-01`;
			const t = checkInToken(E2E_AUTH_SECRET, { match, helper, month, answer: 'fine' });
			await page.goto(`/check-in?t=${t}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				de ? 'Wie läuft es?' : 'How is it going?'
			);
			await page.getByRole('button', { name: de ? 'Antwort senden' : 'Send the answer' }).click();
			await expect(page.getByRole('status')).toHaveText(
				de
					? 'Danke! Deine Antwort „Alles gut“ ist angekommen.'
					: 'Thank you! Your answer “All is well” has arrived.'
			);
			await check(page);
		});

		test('sign-in: code step and its error', async ({ page, context }) => {
			await visit(page, routes.anonymous.signIn);
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
			await visit(page, routes.anonymous.outbox);
			await expect(page.getByRole('article').first()).toBeVisible();
		});

		test('signed in: profile, offer, organisation, forbidden, not found', async ({
			page,
			signInAs
		}) => {
			// Eight pages and a refused form through axe: over a minute when the two cores are busy.
			test.setTimeout(150_000);
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.profile);
			await visit(page, routes.emre.offer);
			await visit(page, routes.emre.organisation);
			await visit(page, routes.emre.hours);
			await visit(page, routes.emre.matches);
			// Writing to the pool, and the form refused (a subject too short: nothing is sent).
			await visit(page, routes.emre.message);
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
			await visit(page, routes.emre.otherOrganisation);
			await visit(page, routes.emre.unknownOrganisation);
		});

		test('coordination: the list of two organisations, the batch proposals page', async ({
			page,
			signInAs
		}) => {
			await signInAs(seed.people.sabine.email);
			await visit(page, routes.sabine.coordination);
			await expect(
				page.getByRole('link', { name: seed.organisations.helferkreis.name })
			).toBeVisible();
			await expect(
				page.getByRole('link', { name: seed.organisations.buergerbuero.name })
			).toBeVisible();
			// Only viewed: nothing is planned or sent.
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.batch);
		});

		test('town: the approval queue, its refused bulk decision, a nonprofit refused', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.katrin.email);
			await visit(page, routes.katrin.approvals);
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
			await visit(page, routes.emre.approvals);
		});

		test('town: the report, a refused period, its print view', async ({ page, signInAs }) => {
			await signInAs(seed.people.katrin.email);
			await visit(page, routes.katrin.report);
			await visit(page, routes.katrin.refusedReport);
			await expect(page.getByRole('alert')).toBeVisible();
			await visit(page, routes.katrin.printReport);
		});

		test('coordinator: the pool page, and its refused invitation', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.pool);
			// An address without a dot in its domain: refused with a message, nothing sent.
			const email = page.getByLabel(de ? 'E-Mail-Adresse' : 'E-mail address', { exact: true });
			await email.fill('jemand@lindenau');
			await page.getByRole('button', { name: de ? 'Einladen' : 'Invite', exact: true }).click();
			await expect(email).toHaveAttribute('aria-invalid', 'true');
			await check(page);
		});

		test('profile: the calendar link just created, shown once', async ({ page, signInAs }) => {
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.profile);
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
			await visit(page, routes.mara.hours);
			await visit(page, routes.mara.certificate);
			// A refused period, with its messages.
			await visit(page, routes.mara.refusedCertificate);
			await expect(page.getByRole('alert')).toBeVisible();
		});

		test('coordinator: §72a inspections and the refused form', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.inspections);
			// Sent empty: every field says what is missing, nothing is recorded.
			await page
				.getByRole('button', { name: de ? 'Einsichtnahme speichern' : 'Save inspection' })
				.click();
			await expect(
				page.getByLabel(de ? 'Datum des Führungszeugnisses' : 'Date of the certificate')
			).toHaveAttribute('aria-invalid', 'true');
			await check(page);
		});

		test('coordinator: a new need and its refused form, its page, editing it', async ({
			page,
			signInAs
		}) => {
			// Three pages and a refused form through axe on a small shared machine.
			test.setTimeout(120_000);
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.newNeed);
			// Refused: a title too short, hours out of range, a day long past; nothing is written.
			await page.getByLabel(de ? 'Titel' : 'Title').fill('ab');
			await page
				.getByLabel(de ? 'Stunden (einmalig bzw. pro Monat)' : 'Hours (once, or per month)')
				.fill('99');
			await page.getByLabel(de ? 'Ab' : 'From', { exact: true }).fill('2021-03-01');
			await page.getByRole('button', { name: de ? 'Veröffentlichen' : 'Post' }).click();
			await expect(page.getByLabel(de ? 'Titel' : 'Title')).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			await visit(page, routes.emre.need);
			await visit(page, routes.emre.editNeed);
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
			await visit(page, routes.admin.mail);
			await visit(page, routes.admin.admin);
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
			await visit(page, routes.katrin.town);
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
			await visit(page, routes.katrin.team);
		});

		test('suggestions: suggesting and its refused text, the town inbox, a need from a suggestion', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.heinz.email);
			await visit(page, routes.heinz.suggest);
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
			await visit(page, routes.helga.suggestions);
			// The seed's new suggestion (the homework club at the station), turned into a need's form.
			await visit(page, routes.helga.needFromSuggestion);
		});

		// The forms folded into <details>: axe skips a closed one's content, so each is opened
		// and checked, then sent refused where it has a field (nothing is written; the seed's
		// matches, logs, members and queue entries stay as they are).
		/** Opens the fold by its summary and checks the page with it open. */
		const unfold = async (page: Page, summary: Locator) => {
			await summary.click();
			await expect(summary.locator('xpath=..')).toHaveAttribute('open', '');
			await check(page);
		};

		test('folded forms, helper: correcting a log (refused), ending a match', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.mara.email);
			await visit(page, routes.mara.hours);
			// Her seeded log still waiting for review (the Lernpaten's; no spec reviews it).
			const log = page
				.getByRole('listitem')
				.filter({ has: page.locator('p', { hasText: 'Vorlesen im Wechsel.' }) });
			await unfold(page, log.locator('summary', { hasText: de ? 'Korrigieren' : 'Correct' }));
			const hours = log.getByLabel(de ? 'Stunden' : 'Hours', { exact: true });
			await hours.fill('99');
			await log
				.getByRole('button', { name: de ? 'Korrektur speichern' : 'Save correction' })
				.click();
			await expect(hours).toHaveAttribute('aria-invalid', 'true');
			await check(page);
			await visit(page, routes.mara.matches);
			await unfold(
				page,
				page.locator('summary', { hasText: de ? 'Vermittlung beenden' : 'End this match' }).first()
			);
		});

		test('folded forms, coordinator: rejecting hours (refused), completing and ending a match, removing a member', async ({
			page,
			signInAs
		}) => {
			test.setTimeout(120_000);
			const de = locale === 'de';
			await signInAs(seed.people.emre.email);
			await visit(page, routes.emre.hours);
			// Mara's seeded log; rejected without a reason: refused with a message, nothing changes.
			const log = page
				.getByRole('listitem')
				.filter({ has: page.locator('p', { hasText: 'Vorlesen im Wechsel.' }) });
			await unfold(page, log.locator('summary', { hasText: de ? 'Ablehnen' : 'Reject' }));
			await log.getByRole('button', { name: de ? /^Ablehnen: / : /^Reject: / }).click();
			const reasonRequired = de
				? 'Bitte gib einen Grund an (3 bis 500 Zeichen).'
				: 'Please give a reason (3 to 500 characters).';
			await expect(page.getByRole('alert')).toHaveText(reasonRequired);
			// Said at the field as well, which stays open.
			const reason = log.getByRole('textbox');
			await expect(reason).toBeVisible();
			await expect(reason).toHaveAttribute('aria-invalid', 'true');
			await expect(reason).toHaveAccessibleDescription(reasonRequired);
			await check(page);
			// Opened only: sending these would end a seeded match or remove a member.
			await visit(page, routes.emre.matches);
			await unfold(
				page,
				page
					.locator('summary', {
						hasText: de ? 'Als abgeschlossen markieren' : 'Mark as completed'
					})
					.first()
			);
			await unfold(
				page,
				page.locator('summary', { hasText: de ? 'Vermittlung beenden' : 'End this match' }).first()
			);
			await visit(page, routes.emre.pool);
			await unfold(
				page,
				page
					.locator('summary', { hasText: de ? 'Aus dem Pool entfernen' : 'Remove from the pool' })
					.first()
			);
		});

		test('folded forms, town: editing a district (refused), sending back (refused)', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			await signInAs(seed.people.katrin.email);
			await visit(page, routes.katrin.town);
			// A seeded district moved to Paris: refused at the field, nothing saved.
			const edit = page
				.locator('details')
				.filter({ has: page.locator('summary', { hasText: de ? /^Bearbeiten: / : /^Edit: / }) })
				.first();
			await unfold(page, edit.locator('summary'));
			await edit
				.getByLabel(de ? 'Breitengrad des Mittelpunkts' : 'Latitude of the centre')
				.fill('48.85');
			const lng = edit.getByLabel(de ? 'Längengrad des Mittelpunkts' : 'Longitude of the centre');
			await lng.fill('2.35');
			await edit
				.getByRole('button', { name: de ? 'Stadtteil speichern' : 'Save district' })
				.click();
			await expect(lng).toHaveAttribute('aria-invalid', 'true');
			await check(page);

			await visit(page, routes.katrin.approvals);
			// Sent back without a reason: refused with a message, nothing decided. (Only while
			// something waits that she may decide; approvals.spec.ts may have decided the seed's.)
			const sendBack = page.locator('summary', {
				hasText: de ? /^(Zurückschicken|Ablehnen)$/ : /^(Send back|Decline)$/
			});
			if ((await sendBack.count()) > 0) {
				const fold = page.locator('details').filter({ has: sendBack }).first();
				await unfold(page, fold.locator('summary'));
				await fold.getByRole('button').click();
				const reasonRequired = de
					? 'Bitte gib eine Begründung an (3 bis 500 Zeichen).'
					: 'Please give a reason (3 to 500 characters).';
				await expect(page.getByRole('alert')).toHaveText(reasonRequired);
				// Said at the field as well, which stays open.
				const reason = fold.getByRole('textbox');
				await expect(reason).toBeVisible();
				await expect(reason).toHaveAttribute('aria-invalid', 'true');
				await expect(reason).toHaveAccessibleDescription(reasonRequired);
				await check(page);
			}
		});

		test('folded forms, admin: inviting the first coordinator (refused)', async ({
			page,
			signInAs
		}) => {
			const de = locale === 'de';
			// A town of its own whose office has nobody coordinating yet (as onboarding.spec.ts).
			const town = `A11y ${locale} ${Date.now().toString(36)}`;
			const office = `Gemeinde ${town}`;
			await signInAs(seed.people.admin.email);
			await visit(page, routes.admin.admin);
			const create = page.getByRole('region', {
				name: de ? 'Neue Kommune anlegen' : 'Create a municipality'
			});
			await create.getByLabel(de ? 'Name der Kommune' : 'Name of the municipality').fill(town);
			await create
				.getByLabel(de ? 'Amtlicher Gemeindeschlüssel (AGS)' : 'Official municipality key (AGS)')
				.fill(`09${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`);
			await create
				.getByLabel(de ? 'Name der kommunalen Stelle' : 'Name of the municipal office')
				.fill(office);
			await create
				.getByLabel(
					de
						? 'E-Mail-Adresse der ersten Koordinator*in'
						: 'E-mail address of the first coordinator'
				)
				.fill(uniqueEmail('a11y-first'));
			await create
				.getByRole('button', { name: de ? 'Kommune anlegen und einladen' : 'Create and invite' })
				.click();
			await expect(page.getByRole('status')).toContainText(town);
			const fold = page.locator('details').filter({
				has: page.locator('summary', {
					hasText: de
						? `Erste Koordinator*in für ${office} einladen`
						: `Invite the first coordinator of ${office}`
				})
			});
			await unfold(page, fold.locator('summary'));
			// An address without a dot in its domain: refused at the field, nothing sent.
			const email = fold.getByLabel(de ? 'E-Mail-Adresse' : 'E-mail address', { exact: true });
			await email.fill('jemand@lindenau');
			await fold.getByRole('button', { name: de ? 'Einladen' : 'Invite', exact: true }).click();
			await expect(email).toHaveAttribute('aria-invalid', 'true');
			await check(page);
		});

		test('helper: matches, a need, filters, pools, my data', async ({ page, signInAs }) => {
			const de = locale === 'de';
			await signInAs(seed.people.mara.email);
			await visit(page, routes.mara.matches);
			await visit(page, routes.mara.needs);
			await visit(page, routes.mara.need);
			await visit(page, routes.mara.unknownNeed);
			await visit(page, routes.mara.pools);
			await visit(page, routes.mara.noCoordination);
			await visit(page, routes.mara.data);
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
