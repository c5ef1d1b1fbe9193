// A coordinator runs the organisation's pool. On the desktop Emre (Lernpaten) invites an address
// that has no account yet; its first sign-in finds the invitation on /pools. On the phone Helga
// (Nachbarschaftshilfe) marks Stefan H. — seeded unverified, in no other spec — verified and writes
// a private note on him. Each project runs its own test on its own people.
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	signIn,
	test,
	uniqueEmail
} from './support.ts';

const LERNPATEN = seed.organisations.lernpaten;
const NACHBARSCHAFT = seed.organisations.nachbarschaftshilfe;
const STEFAN = 'Stefan H.';

test('a coordinator invites a new address, which finds the invitation after its first sign-in', async ({
	page,
	signInAs,
	browser,
	baseURL,
	isMobile
}) => {
	test.skip(isMobile, 'the desktop project invites; the phone project verifies and writes a note');
	// Two sign-ins and two axe checks on a small shared machine.
	test.setTimeout(120_000);
	const address = uniqueEmail('pool-invite');
	await signInAs(seed.people.emre.email);
	await page.goto(`/coordinator/${LERNPATEN.id}`);
	await page.getByRole('link', { name: 'Helferpool verwalten' }).click();
	await expect(page).toHaveURL(`/coordinator/${LERNPATEN.id}/pool`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Helferpool');

	await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(address);
	await page.getByLabel('Sprache der Einladung').selectOption('de');
	await page.getByRole('button', { name: 'Einladen', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(`Einladung an ${address} verschickt.`);
	const pending = page.getByRole('region', { name: 'Offene Einladungen' });
	await expect(pending.getByRole('listitem').filter({ hasText: address })).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);

	// The same address again: refused on the field, still one invitation.
	await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(address.toUpperCase());
	await page.getByRole('button', { name: 'Einladen', exact: true }).click();
	await expect(page.getByLabel('E-Mail-Adresse', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByText('An diese Adresse ging schon eine Einladung')).toBeVisible();
	await expect(pending.getByRole('listitem').filter({ hasText: address })).toHaveCount(1);

	// The invitation mail, in the outbox.
	const outbox = await page.context().newPage();
	await outbox.goto('/dev/outbox');
	await expect(
		outbox
			.getByRole('article')
			.filter({ hasText: address })
			.filter({ hasText: `Einladung in den Pool von ${LERNPATEN.name}` })
	).toContainText('/pools');
	await outbox.close();

	// The person signs in for the first time, in a browser of their own.
	const theirs = await browser.newContext({ baseURL });
	const them = await theirs.newPage();
	await signIn(them, address, '/pools');
	const invitations = them.getByRole('region', { name: 'Einladungen' });
	await expect(invitations.getByRole('listitem').filter({ hasText: LERNPATEN.name })).toBeVisible();
	await invitations.getByRole('button', { name: `Beitreten: ${LERNPATEN.name}` }).click();
	await expect(them.getByRole('status')).toHaveText('Du bist jetzt im Pool.');
	await theirs.close();

	// Answered: no longer open, and the person is in the pool.
	await page.reload();
	await expect(pending.getByRole('listitem').filter({ hasText: address })).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: /^Im Pool/ }).getByRole('heading', {
			name: address.split('@')[0]
		})
	).toBeVisible();
});

test('a coordinator marks a pool member verified and writes a private note, on the phone', async ({
	page,
	signInAs,
	isMobile
}) => {
	test.skip(!isMobile, 'the phone project verifies and writes a note; the desktop project invites');
	test.setTimeout(90_000);
	const note = `Kann gut mit Senior*innen, bevorzugt Wochenende (${Date.now().toString(36)})`;
	await signInAs(seed.people.helga.email);
	await page.goto(`/coordinator/${NACHBARSCHAFT.id}/pool`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Helferpool');
	const stefan = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: STEFAN, exact: true }) });
	await expect(stefan).toContainText('nicht geprüft');
	await expect(stefan).toContainText('Angebot: 4 Std. im Monat');
	await expect(stefan.getByText('Zusagen diesen Monat')).toBeVisible();
	await expect(stefan.getByText('Noch frei diesen Monat')).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);

	await stefan.getByRole('button', { name: `Als geprüft markieren: ${STEFAN}` }).click();
	await expect(page.getByRole('status')).toHaveText('Als geprüft markiert.');
	await expect(stefan.locator('.meta').first()).toContainText('geprüft');
	await expect(stefan.locator('.meta').first()).not.toContainText('nicht geprüft');

	await stefan.getByLabel('Notiz (nur für Koordinator*innen)').fill(note);
	await stefan.getByRole('button', { name: `Notiz speichern: ${STEFAN}` }).click();
	await expect(page.getByRole('status')).toHaveText('Notiz gespeichert.');
	await page.reload();
	await expect(stefan.getByLabel('Notiz (nur für Koordinator*innen)')).toHaveValue(note);
	await expect(stefan).toContainText('Zuletzt geändert am');
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a coordinator invites, is refused a resend right away, and withdraws the invitation', async ({
		page,
		signInAs,
		isMobile
	}) => {
		test.skip(isMobile, 'the desktop project; the phone project verifies and writes a note');
		test.setTimeout(90_000);
		const address = uniqueEmail('pool-nojs');
		await signInAs(seed.people.emre.email);
		await page.goto(`/coordinator/${LERNPATEN.id}/pool`);
		await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(address);
		await page.getByRole('button', { name: 'Einladen', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(`Einladung an ${address} verschickt.`);
		const pending = page.getByRole('region', { name: 'Offene Einladungen' });

		await pending.getByRole('button', { name: `Erneut senden: ${address}` }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Diese Einladung wurde gerade erst verschickt. Bitte warte ein paar Minuten.'
		);

		await pending.getByRole('button', { name: `Zurückziehen: ${address}` }).click();
		await expect(page.getByRole('status')).toHaveText('Einladung zurückgezogen.');
		await expect(pending.getByRole('listitem').filter({ hasText: address })).toHaveCount(0);
	});
});
