// The helper's journey by keyboard alone (issue 11, item 5): Tab, Shift+Tab, Enter, Space, arrow
// keys and typing into the focused field — nothing is clicked or filled through a locator (those
// only read where the focus is). A new address signs in, fills in the offer, reaches the needs
// list, opens a need and says "Ich kann helfen", answers a proposal, logs hours and opens the
// profile. At every stop the focused element shows a focus indicator and is on screen.
//
// Its own data, so other specs are untouched and it can run again: a new helper, and two remote
// needs of the Helferkreis Birkenhain (Birkenhain approves nothing, so they are open at once)
// that Sabine H. posts and proposes through her pages by mouse, being no part of the journey.
import type { Locator, Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, readCode, test, uniqueEmail } from './support.ts';

const ORG = seed.organisations.helferkreis;
const COORDINATOR = seed.people.sabine;
const place = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name });

test.skip(
	({ isMobile }) => isMobile,
	'a keyboard is a desktop thing; the phone has helper-journey'
);
// Two people's turns on a small shared machine, with hundreds of key presses.
test.describe.configure({ timeout: 240_000 });

/** The focused element shows an outline or a box shadow, and is on screen. */
async function expectFocusVisible(page: Page): Promise<void> {
	const focus = await page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { what: 'nothing', ring: false, onScreen: false };
		const style = getComputedStyle(el);
		const ring =
			(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) ||
			style.boxShadow !== 'none';
		const box = el.getBoundingClientRect();
		const onScreen =
			box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
		const name = el.getAttribute('aria-label') || el.id || el.textContent?.trim().slice(0, 40);
		return { what: `<${el.tagName.toLowerCase()}> ${name}`, ring, onScreen };
	});
	expect(focus.ring, `a focus indicator on ${focus.what}`).toBe(true);
	expect(focus.onScreen, `${focus.what} on screen when focused`).toBe(true);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking the focus indicator at every
 * stop on the way; fails when it is not reached in `most` presses.
 */
async function tabTo(page: Page, target: Locator, { back = false, most = 80 } = {}) {
	await expect(target, 'one element to reach').toHaveCount(1);
	for (let i = 0; i < most; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		await expectFocusVisible(page);
		if (await target.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error(`${target} not reached with ${most} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** The page says `text` in a status message (a page may hold several). */
async function expectStatus(page: Page, text: string) {
	await expect(page.getByRole('status').filter({ hasText: text })).toHaveText(text);
}

/** The first Tab on a new page reaches the skip link, and Enter moves into the main content. */
async function skipToContent(page: Page) {
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await expectFocusVisible(page);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();
}

/** Sabine H. posts a one-off remote need for older people's company, by mouse. */
async function postNeed(page: Page, title: string) {
	await page.goto(`/coordinator/${ORG.id}/needs/new`);
	await page.getByLabel('Titel').fill(title);
	await page.getByRole('radio', { name: 'Besuch & Freizeit' }).check();
	await page.getByRole('radio', { name: 'Ältere' }).check();
	await page.getByRole('radio', { name: 'Einmalig' }).check();
	await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('2');
	// Today in Berlin, as the app counts days (between 22:00 and 24:00 UTC it is tomorrow there).
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	await page.getByLabel('Ab', { exact: true }).fill(today);
	await page.getByRole('radio', { name: 'Aus der Ferne (Telefon, Video)' }).check();
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a helper signs in, offers, helps, answers a proposal, logs hours: by keyboard', async ({
	page,
	context,
	signInAs
}) => {
	const run = Date.now().toString(36);
	const email = uniqueEmail('keyboard');
	const name = email.split('@')[0]; // a new person's name until they choose one
	const asked = `Tastatur: Vorlesen am Telefon ${run}`;
	const proposed = `Tastatur: Telefonbesuche ${run}`;

	// Sabine's two needs.
	await signInAs(COORDINATOR.email);
	await postNeed(page, asked);
	await postNeed(page, proposed);
	const proposedUrl = page.url();
	await context.clearCookies();

	// Sign-in: the skip link, the address, Enter; the code from the outbox, Enter.
	await page.goto('/sign-in');
	await skipToContent(page);
	await tabTo(page, page.getByLabel('E-Mail-Adresse'));
	await page.keyboard.type(email);
	await page.keyboard.press('Enter');
	await expectStatus(page, `Wir haben einen Code an ${email} geschickt.`);
	await expect(page.getByLabel('Sechsstelliger Code')).toBeFocused();
	await expectFocusVisible(page);
	await page.keyboard.type(await readCode(context, email));
	await page.keyboard.press('Enter');

	// A new person lands on the offer: company, older people, 6 h, Monday mornings, remote from
	// Birkenhain. Space ticks, arrow keys choose a radio button, typing picks an option.
	await expect(page).toHaveURL('/offer');
	await skipToContent(page);
	const company = page.getByRole('checkbox', { name: 'Besuch & Freizeit' });
	await tabTo(page, company);
	await page.keyboard.press('Space');
	await expect(company).toBeChecked();
	const seniors = page.getByRole('checkbox', { name: 'Ältere' });
	await tabTo(page, seniors);
	await page.keyboard.press('Space');
	await expect(seniors).toBeChecked();
	await tabTo(page, page.getByLabel('Stunden im Monat (1–40)'));
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('6');
	const monday = page.getByRole('group', { name: 'Montag' }).getByLabel('Vormittag');
	await tabTo(page, monday);
	await page.keyboard.press('Space');
	await expect(monday).toBeChecked();
	const town = page.getByLabel('Stadt oder Gemeinde');
	await tabTo(page, town);
	await page.keyboard.type('Birkenhain');
	await expect(town).toHaveValue(seed.municipalities.birkenhain.id);
	// The group's focus starts on its chosen button ("in my district"); arrows move the choice.
	const remote = page.getByRole('radio', { name: 'Nur aus der Ferne (Telefon, Video)' });
	await tabTo(page, page.getByRole('radio', { name: 'In der Nähe meines Stadtteils' }));
	for (let i = 0; i < 3 && !(await remote.isChecked()); i++) {
		await page.keyboard.press('ArrowDown');
		await expectFocusVisible(page);
	}
	await expect(remote).toBeChecked();
	await expect(remote).toBeFocused();
	await tabTo(page, page.getByRole('button', { name: 'Angebot speichern' }));
	await page.keyboard.press('Enter');
	const saved = page.getByRole('status').filter({ hasText: 'Dein Angebot ist gespeichert.' });
	await expect(saved).toBeVisible();

	// A form that succeeded puts the focus back at the start of the page, or of the main content
	// once the skip link was used (SvelteKit's applyAction): a few Tabs reach the saved message's
	// link to the needs. The list has Sabine's need; open it.
	await tabTo(page, saved.getByRole('link', { name: 'Passende Bedarfe ansehen' }), { most: 12 });
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/needs');
	await skipToContent(page);
	await tabTo(page, page.getByRole('link', { name: asked }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(asked);
	await skipToContent(page);
	await tabTo(page, page.getByRole('button', { name: 'Ich kann helfen' }));
	await page.keyboard.press('Enter');
	await expectStatus(page, 'Danke! Die Organisation meldet sich bei dir.');
	// The request is recorded: the page, opened again, says so.
	await page.reload();
	await expect(page.getByText('Deine Vermittlung: angefragt.')).toBeVisible();
	const helper = await context.cookies();

	// Sabine proposes the helper for her other need (by mouse: not the helper's journey).
	await context.clearCookies();
	await signInAs(COORDINATOR.email);
	await page.goto(proposedUrl);
	await page.getByRole('button', { name: `${name} vorschlagen` }).click();
	await expectStatus(page, 'Vorschlag verschickt. Die Person wird gefragt.');
	await context.clearCookies();
	await context.addCookies(helper);

	// The helper answers on "Meine Vermittlungen", reached through the main navigation.
	await page.goto('/needs');
	await tabTo(page, place(page, 'Meine Vermittlungen'));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/matches');
	await expect(page.getByRole('region', { name: 'Wartet noch' })).toContainText(asked);
	await skipToContent(page);
	await tabTo(page, page.getByRole('button', { name: `Zusagen: ${proposed}` }));
	await page.keyboard.press('Enter');
	await expectStatus(page, 'Zugesagt – es kann losgehen.');

	// Hours for the match now running, from its own link.
	const running = page.getByRole('region', { name: 'Laufend' }).getByRole('listitem');
	const match = running.filter({ hasText: proposed });
	await tabTo(page, match.getByRole('link', { name: 'Stunden eintragen' }), { most: 120 });
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/hours');
	await skipToContent(page);
	const form = page.getByRole('region', { name: 'Stunden eintragen' });
	await tabTo(page, form.getByLabel('Vermittlung'));
	await expect(form.getByLabel('Vermittlung')).toHaveValue(/.+/);
	const hours = form.getByLabel('Stunden', { exact: true });
	await tabTo(page, hours);
	await page.keyboard.type('1');
	await tabTo(page, form.getByLabel('Notiz (freiwillig)'));
	const note = `Vorgelesen ${run}`;
	await page.keyboard.type(note);
	await tabTo(page, form.getByRole('button', { name: 'Stunden eintragen' }));
	// A second thought: back to the hours with Shift+Tab, 1 becomes 1,5; then Space sends.
	await tabTo(page, hours, { back: true });
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('1,5');
	await tabTo(page, form.getByRole('button', { name: 'Stunden eintragen' }));
	await page.keyboard.press('Space');
	await expectStatus(page, 'Eingetragen. Die Organisation prüft deine Stunden.');
	// Recorded: there after a reload, for the proposed need, waiting for the organisation.
	await page.reload();
	const logged = page.getByRole('listitem').filter({ hasText: note });
	await expect(logged).toContainText('1,5 Std.');
	await expect(logged).toContainText(proposed);
	await expect(logged).toContainText('noch nicht geprüft');

	// The profile, through the navigation: a name of the helper's own, saved with Enter.
	await tabTo(page, place(page, 'Mein Profil'));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/profile');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Profil');
	await skipToContent(page);
	const nameField = page.getByLabel('Angezeigter Name');
	await tabTo(page, nameField);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(`Tastatur ${run}`);
	await page.keyboard.press('Enter');
	await expectStatus(page, 'Gespeichert.');
	await page.reload();
	await expect(nameField).toHaveValue(`Tastatur ${run}`);
});
