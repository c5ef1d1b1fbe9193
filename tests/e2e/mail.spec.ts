// Mails as people get them: the Bürgerbüro Birkenhain proposes Georg L. for its shopping ride
// (need 31); the proposal is in the development outbox for him, in German, and its link leads
// him to the page where he answers. The mail's unsubscribe link turns proposals off without
// signing in (the profile then shows it); a forged link gets a clear message. Desktop only: the
// seed has this one free pairing in Birkenhain, and the phone project would propose it twice.
import type { BrowserContext } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './support.ts';

const NEED = '00000000-0005-4000-8000-000000000031';
const NEED_TITLE = 'Fahrt zum Einkaufen in den Nachbarort';
const GEORG = { email: 'georg.lechner@birkenhain.example', name: 'Georg L.' };

/** The newest mail to the address with the subject, as the development outbox shows it. */
async function mailTo(context: BrowserContext, email: string, subject: string): Promise<string> {
	const outbox = await context.newPage();
	try {
		await outbox.goto('/dev/outbox');
		const mail = outbox.getByRole('article', { name: subject }).filter({ hasText: email }).first();
		await expect(mail).toBeVisible();
		return (await mail.locator('pre').textContent()) ?? '';
	} finally {
		await outbox.close();
	}
}

test('a proposal reaches the helper by mail with its link; the unsubscribe link turns proposals off', async ({
	page,
	browser,
	signInAs
}) => {
	test.skip(test.info().project.name !== 'desktop', 'one free pairing in the seed: desktop only');
	// Three people and five pages on a machine that also builds: more than the default time.
	test.setTimeout(180_000);
	await signInAs(seed.people.sabine.email);
	await page.goto(`/coordinator/${seed.organisations.buergerbuero.id}/needs/${NEED}`);
	await page.getByRole('button', { name: `${GEORG.name} vorschlagen` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Vorschlag verschickt. Die Person wird gefragt.'
	);

	const body = await mailTo(page.context(), GEORG.email, `Vorschlag für dich: ${NEED_TITLE}`);
	expect(body).toContain(
		`${seed.organisations.buergerbuero.name} schlägt dich für „${NEED_TITLE}“ vor.`
	);
	const answer = /Jetzt antworten: (\S+)/.exec(body)?.[1];
	const off = /Solche E-Mails abbestellen: (\S+)/.exec(body)?.[1];
	expect(answer).toMatch(/\/matches$/);
	expect(off).toMatch(/\/unsubscribe\?t=/);

	// Georg follows the link: the proposal with its answers.
	const georg = await browser.newContext({ baseURL: test.info().project.use.baseURL });
	const georgPage = await georg.newPage();
	try {
		await signIn(georgPage, GEORG.email, '/matches');
		await georgPage.goto(answer!);
		const proposal = georgPage.getByRole('listitem').filter({ hasText: NEED_TITLE });
		await expect(proposal.getByRole('button', { name: 'Zusagen' })).toBeVisible();
		await expect(proposal.getByRole('button', { name: 'Absagen' })).toBeVisible();

		// The unsubscribe link, opened without a session: it asks first, then turns proposals off.
		const anonymous = await browser.newContext({ baseURL: test.info().project.use.baseURL });
		const unsubscribe = await anonymous.newPage();
		await unsubscribe.goto(off!);
		await expect(unsubscribe.getByRole('heading', { level: 1 })).toHaveText('E-Mails abbestellen');
		await expect(unsubscribe.getByText('keine E-Mails mehr zu: Vorschläge für dich')).toBeVisible();
		await expectAccessible(unsubscribe);
		await expectNoHorizontalScroll(unsubscribe);
		await unsubscribe.getByRole('button', { name: 'Abbestellen' }).click();
		await expect(unsubscribe.getByRole('status')).toContainText(
			'Erledigt: Du bekommst keine E-Mails mehr zu: Vorschläge für dich.'
		);
		await expectAccessible(unsubscribe);

		// A forged link: a clear message, nothing changed.
		await unsubscribe.goto(off!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
		await expect(unsubscribe.getByRole('alert')).toHaveText(/Dieser Abbestell-Link ist ungültig/);
		await expect(unsubscribe.getByRole('button', { name: 'Abbestellen' })).toHaveCount(0);
		await expectAccessible(unsubscribe);
		await anonymous.close();

		// His profile shows proposals off, the rest on; he turns them on again.
		await georgPage.goto('/profile#mail');
		const proposals = georgPage.getByRole('group', { name: 'Vorschläge für dich' });
		await expect(proposals.getByRole('checkbox', { name: 'E-Mails bekommen' })).not.toBeChecked();
		await expect(
			georgPage
				.getByRole('group', { name: 'Match beendet' })
				.getByRole('checkbox', { name: 'E-Mails bekommen' })
		).toBeChecked();
		// (axe checks the profile with its e-mail settings in a11y.spec.ts)
		await expectNoHorizontalScroll(georgPage);
		await proposals.getByRole('checkbox', { name: 'E-Mails bekommen' }).check();
		await georgPage.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }).click();
		await expect(georgPage.getByText('Deine E-Mail-Einstellungen sind gespeichert.')).toBeVisible();
		await georgPage.reload();
		await expect(
			georgPage
				.getByRole('group', { name: 'Vorschläge für dich' })
				.getByRole('checkbox', { name: 'E-Mails bekommen' })
		).toBeChecked();
	} finally {
		await georg.close();
	}
});

test('a coordinator writes to the pool: refused without a subject, then sent to each helper alone', async ({
	page,
	signInAs
}) => {
	test.skip(test.info().project.name !== 'desktop', 'one pool message per run: desktop only');
	test.setTimeout(120_000);
	await signInAs(seed.people.sabine.email);
	await page.goto(`/coordinator/${seed.organisations.helferkreis.id}/pool`);
	await page.getByRole('link', { name: 'An Helfende schreiben' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('An Helfende schreiben');
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	await page.getByLabel('Betreff').fill('x');
	await page.getByLabel('Nachricht', { exact: true }).fill('Am Samstag ist Sommerfest im Park.');
	await page.getByRole('button', { name: 'Nachricht senden' }).click();
	await expect(page.getByText('Bitte schreib einen Betreff mit 3 bis 120 Zeichen.')).toBeVisible();
	await page.getByLabel('Betreff').fill('Sommerfest');
	await page.getByRole('button', { name: 'Nachricht senden' }).click();
	await expect(page.getByRole('status')).toHaveText(/Die Nachricht geht an \d+ Personen\./);
	const body = await mailTo(
		page.context(),
		'ines.seitz@birkenhain.example',
		'Helferkreis Birkenhain e. V.: Sommerfest'
	);
	expect(body).toContain('Am Samstag ist Sommerfest im Park.');
	expect(body).not.toContain('@birkenhain.example');
});
