import { seed } from '../support/seed-ids.ts';
import { E2E_OPERATOR as op } from './operator.ts';
import { expect, test } from './support.ts';

// The pages a German public service needs, without sign-in: the operator's details come from the
// server's configuration (playwright.config.ts), in both languages, reachable from every page.

test('the imprint shows the configured operator, no demo note', async ({ page }) => {
	await page.goto('/imprint');
	const main = page.getByRole('main');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impressum');
	await expect(main).toContainText('§ 5 Digitale-Dienste-Gesetz');
	await expect(main.locator('address')).toContainText(op.OPERATOR_NAME);
	await expect(main.locator('address')).toContainText(op.OPERATOR_ADDRESS);
	await expect(main).toContainText(op.OPERATOR_REPRESENTATIVE);
	await expect(main).toContainText(op.OPERATOR_SUPERVISORY_AUTHORITY);
	await expect(main.getByRole('link', { name: op.OPERATOR_EMAIL })).toHaveAttribute(
		'href',
		`mailto:${op.OPERATOR_EMAIL}`
	);
	await expect(main.getByRole('link', { name: op.OPERATOR_PHONE })).toHaveAttribute(
		'href',
		'tel:+49301234567'
	);
	await expect(page.getByRole('note')).toHaveCount(0);
	await expect(main).not.toContainText('Beispiel');
});

test('the privacy notice names the controller, the officer and the supervisory authority', async ({
	page
}) => {
	await page.goto('/privacy');
	const main = page.getByRole('main');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datenschutzerklärung');
	await expect(main.locator('address')).toContainText(op.OPERATOR_NAME);
	await expect(main).toContainText(op.OPERATOR_DPO_NAME);
	await expect(main.getByRole('link', { name: op.OPERATOR_DPO_EMAIL })).toBeVisible();
	await expect(main.getByRole('link', { name: op.OPERATOR_DATA_AUTHORITY })).toHaveAttribute(
		'href',
		op.OPERATOR_DATA_AUTHORITY_URL
	);
	// What Zeitspende stores, not boilerplate: the §72a facts and the rounded location.
	await expect(main.getByRole('heading', { name: /§ 72a SGB VIII/ })).toBeVisible();
	await expect(main).toContainText('auf etwa 500 Meter gerundet');
	// The log of refused access (src/lib/server/http/refusals.ts) and what the phone keeps.
	await expect(main).toContainText('jeden abgelehnten Zugriff');
	await expect(main).toContainText('Protokoll abgelehnter Zugriffe) zusätzlich auf Art. 32 DSGVO');
	await expect(main).toContainText('wenn Sie sich abmelden oder Ihr Konto löschen');
	await expect(main.getByRole('link', { name: /Meine Daten/ })).toHaveAttribute(
		'href',
		'/profile/data'
	);
});

test('the accessibility statement: feedback to the configured contact, the conciliation body', async ({
	page,
	context,
	baseURL
}) => {
	await page.goto('/accessibility');
	const main = page.getByRole('main');
	await expect(main).toContainText(`Diese Erklärung gilt für Zeitspende unter ${baseURL}`);
	await expect(main).toContainText('am 20. November 2026 erstellt');
	await expect(main.getByRole('link', { name: op.OPERATOR_ACCESSIBILITY_EMAIL })).toHaveAttribute(
		'href',
		`mailto:${op.OPERATOR_ACCESSIBILITY_EMAIL}?subject=Barriere%20in%20Zeitspende`
	);
	// No phone of its own: the operator's.
	await expect(main.getByRole('link', { name: op.OPERATOR_PHONE })).toBeVisible();
	await expect(main.getByRole('link', { name: op.OPERATOR_ENFORCEMENT_NAME })).toHaveAttribute(
		'href',
		op.OPERATOR_ENFORCEMENT_URL
	);

	await context.addCookies([{ name: 'zs_locale', value: 'en', url: baseURL! }]);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
	await expect(main).toContainText('on 20 November 2026');
	await expect(main.getByRole('link', { name: op.OPERATOR_ACCESSIBILITY_EMAIL })).toHaveAttribute(
		'href',
		`mailto:${op.OPERATOR_ACCESSIBILITY_EMAIL}?subject=Barrier%20in%20Zeitspende`
	);
});

test('Easy Read from the start page; the footer reaches every legal page', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Zeitspende in Leichter Sprache' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Zeitspende in Leichter Sprache'
	);
	await expect(page.getByRole('main')).toContainText('Das heißt: Ehren-Amt.');
	const footer = page.getByRole('navigation', { name: 'Rechtliches und Hilfe' });
	await expect(footer.getByRole('link', { name: 'Leichte Sprache' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	for (const [name, heading] of [
		['Impressum', 'Impressum'],
		['Datenschutz', 'Datenschutzerklärung'],
		['Barrierefreiheit', 'Erklärung zur Barrierefreiheit']
	] as const) {
		await footer.getByRole('link', { name }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
	}
});

test('signed in, the footer links sit above the phone bar and can be tapped', async ({
	page,
	signInAs
}) => {
	// A sign-in and three pages on a small shared machine.
	test.setTimeout(90_000);
	await signInAs(seed.people.mara.email);
	await page.goto('/hours');
	// Playwright clicks only what receives the click: a link under the bottom bar fails here.
	await page
		.getByRole('navigation', { name: 'Rechtliches und Hilfe' })
		.getByRole('link', { name: 'Barrierefreiheit' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Erklärung zur Barrierefreiheit'
	);
	// Signed in, Easy Read offers no sign-in.
	await page.goto('/easy-read');
	await expect(page.getByRole('link', { name: 'Jetzt anmelden' })).toHaveCount(0);
});
