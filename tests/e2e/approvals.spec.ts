// The town's approval queue as its coordinators use it. Both projects run against one database
// at once, so each works on its own seeded need (nothing one writes is read by the other):
//   desktop (JavaScript on): Katrin (Freiwilligenagentur) approves need 14 of the Lernpaten; the
//            Lernpaten propose Olena K. for it, she says yes, and Katrin approves the match with
//            the "several at once" form.
//   phone (JavaScript off): Tobias (Jugendamt) sends need 10 of the Nachbarschaftshilfe back —
//            first refused without a reason — and Helga reads why on her organisation's page
//            and on the need's page.
// (Other specs' seeded matches may wait in the same queue: tests pick their own items by name.)
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const { freiwilligenagentur, jugendamt, lernpaten, nachbarschaftshilfe, buergerbuero } =
	seed.organisations;
const NEED_14 = {
	id: '00000000-0005-4000-8000-000000000014',
	title: 'Lernbegleitung für Jugendliche aus der Ukraine'
};
const NEED_10 = {
	id: '00000000-0005-4000-8000-000000000010',
	title: 'Spaziergangspartner*in am Seeufer'
};
const OLENA = { email: 'olena.kovalenko@lindenau.example', name: 'Olena K.' };

const project = () => test.info().project.name;

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

/**
 * axe and 320 px on a page as a JavaScript-less context sees it: axe runs in the page, so a
 * second context with JavaScript and the same session opens the same address.
 */
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

/** A card of the queue, found by its heading. */
const card = (page: Page, title: string) =>
	page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });

test.describe.configure({ timeout: 120_000 });

test('the town approves a need, then the match with a young person, several at once', async ({
	page,
	context,
	signInAs
}) => {
	test.skip(project() !== 'desktop', 'need 14 is approved once; the phone sends need 10 back');

	// From the office's page, its waiting figure leads to the queue.
	await signInAs(seed.people.katrin.email);
	await page.goto(`/coordinator/${freiwilligenagentur.id}`);
	await page.getByRole('link', { name: /^Warten auf Freigabe der Kommune: \d+/ }).click();
	await expect(page).toHaveURL(`/coordinator/${freiwilligenagentur.id}/approvals`);
	await expect(page.getByRole('heading', { level: 1, name: 'Freigaben' })).toBeVisible();
	const need = card(page, NEED_14.title);
	await expect(need).toContainText('Von Lernpaten Lindenau e. V.');
	await expect(need).toContainText('Neu eingereicht am');
	await expect(need).toContainText('Erweitertes Führungszeugnis (§ 72a) nötig');
	await check(page);

	await need.getByRole('button', { name: `Freigeben: ${NEED_14.title}` }).click();
	await expect(page.getByRole('status')).toHaveText('Freigegeben.');
	await expect(card(page, NEED_14.title)).toHaveCount(0);
	await context.clearCookies();

	// The Lernpaten propose Olena K., and she says yes: now the match waits for the town.
	await signInAs(seed.people.emre.email);
	await page.goto(`/coordinator/${lernpaten.id}/needs/${NEED_14.id}`);
	await page.getByRole('button', { name: `${OLENA.name} vorschlagen` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Vorschlag verschickt. Die Person wird gefragt.'
	);
	await context.clearCookies();
	await signInAs(OLENA.email);
	await page.goto('/matches');
	await page
		.getByRole('region', { name: 'Anfragen an dich' })
		.getByRole('listitem')
		.filter({ hasText: NEED_14.title })
		.getByRole('button', { name: 'Zusagen' })
		.click();
	await expect(page.getByRole('status')).toHaveText(
		'Zugesagt – die Kommune gibt die Vermittlung noch frei.'
	);
	await context.clearCookies();

	// The town sees the helper's name and §72a as a yes, and approves it with the bulk form.
	await signInAs(seed.people.katrin.email);
	await page.goto(`/coordinator/${freiwilligenagentur.id}/approvals`);
	const matches = page.getByRole('region', { name: 'Vermittlungen mit Kindern und Jugendlichen' });
	const mine = matches.getByRole('listitem').filter({ hasText: `Helfende Person: ${OLENA.name}` });
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText(
		'§ 72a: Eine gültige Prüfung liegt für die Dauer des Bedarfs vor.'
	);
	await check(page);
	await mine.getByRole('checkbox', { name: `Auswählen: ${NEED_14.title} – ${OLENA.name}` }).check();
	await page.getByRole('button', { name: 'Ausgewählte freigeben' }).click();
	await expect(page.getByRole('status')).toHaveText('Einer freigegeben.');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(mine).toHaveCount(0);
	await check(page);
	await context.clearCookies();

	// The organisation's need page: Olena is active.
	await signInAs(seed.people.emre.email);
	await page.goto(`/coordinator/${lernpaten.id}/needs/${NEED_14.id}`);
	await expect(
		page
			.getByRole('region', { name: 'Vermittlungen' })
			.getByRole('listitem')
			.filter({ hasText: OLENA.name })
			.first()
	).toContainText('aktiv');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the town sends a need back with a reason, which the organisation reads', async ({
		page,
		context,
		browser,
		signInAs
	}) => {
		test.skip(project() !== 'phone', 'need 10 is sent back once; the desktop approves need 14');
		const reason = 'Bitte ergänzt, wo der Spaziergang beginnt und wie lange er dauert.';

		await signInAs(seed.people.tobias.email);
		await page.goto(`/coordinator/${jugendamt.id}/approvals`);
		await expect(page.getByRole('heading', { level: 1, name: 'Freigaben' })).toBeVisible();
		const need = card(page, NEED_10.title);
		await expect(need).toContainText('Von Nachbarschaftshilfe Lindenau e. V.');

		// Several at once, but without a reason: refused, nothing changes.
		await need.getByRole('checkbox', { name: `Auswählen: ${NEED_10.title}` }).check();
		await page.getByRole('button', { name: 'Ausgewählte zurückweisen' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Bitte gib eine Begründung an (3 bis 500 Zeichen).'
		);
		await expect(card(page, NEED_10.title)).toHaveCount(1);
		await checkWithScript(browser, context, page.url());

		// One by one, with the reason.
		await need.locator('summary', { hasText: 'Zurückschicken' }).click();
		await need
			.getByLabel('Begründung (3 bis 500 Zeichen; die Organisation liest sie)')
			.fill(reason);
		await need.getByRole('button', { name: `Zurückschicken: ${NEED_10.title}` }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Zurückgeschickt; die Organisation sieht die Begründung.'
		);
		await expect(card(page, NEED_10.title)).toHaveCount(0);
		await context.clearCookies();

		// The Nachbarschaftshilfe reads why: on its page and on the need's page.
		await signInAs(seed.people.helga.email);
		await page.goto(`/coordinator/${nachbarschaftshilfe.id}`);
		const listed = page
			.getByRole('region', { name: 'Bedarfe' })
			.getByRole('listitem')
			.filter({ hasText: NEED_10.title });
		await expect(listed).toContainText(`Von der Kommune zurückgeschickt: „${reason}“`);
		await listed.getByRole('link', { name: NEED_10.title }).click();
		const sentBack = page.getByRole('region', { name: 'Von der Kommune zurückgeschickt' });
		await expect(sentBack).toContainText(reason);
		await checkWithScript(browser, context, page.url());
		await checkWithScript(browser, context, `/coordinator/${nachbarschaftshilfe.id}`);
	});
});

test('a nonprofit has no approval queue, nor a town that approves nothing', async ({
	page,
	context,
	signInAs
}) => {
	await signInAs(seed.people.emre.email);
	let response = await page.goto(`/coordinator/${lernpaten.id}/approvals`);
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
	await expect(
		page.getByText('Freigaben erteilt die Kommune: Diese Seite gibt es nur für ihre Ämter')
	).toBeVisible();
	await context.clearCookies();

	await signInAs(seed.people.sabine.email);
	response = await page.goto(`/coordinator/${buergerbuero.id}/approvals`);
	expect(response?.status()).toBe(404);
	await expect(
		page.getByText('Birkenhain gibt nichts frei: Bedarfe und Vermittlungen starten dort')
	).toBeVisible();
});
