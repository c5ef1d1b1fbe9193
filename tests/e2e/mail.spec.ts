// Mails as people get them: a coordinator proposes a helper for a need; the proposal is in the
// development outbox for the helper, in German, and its link leads to the page where they answer.
// The app's sender marks it sent within a minute (the outbox shows each mail's state). The mail's
// unsubscribe link turns proposals off without signing in (the profile then shows it);
// a forged, an expired or an unknown-kind link gets a clear message and changes nothing.
//
// Both projects run against one database at once, so each proposes its own free pairing (a need
// that wants one helper can be proposed once):
//   desktop: the Bürgerbüro Birkenhain proposes Georg L. for its shopping ride (need 31)
//   phone:   the Helferkreis Birkenhain proposes Ines S. for its games afternoon (need 32)
import type { Browser, BrowserContext, TestInfo } from '@playwright/test';
import type { MailKind } from '../../src/lib/domain/mail/kinds.ts';
import { unsubscribeToken } from '../../src/lib/server/mail/unsubscribe.ts';
import { seed } from '../support/seed-ids.ts';
import { E2E_AUTH_SECRET } from './auth-secret.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './support.ts';

const plan = {
	desktop: {
		organisation: seed.organisations.buergerbuero,
		need: {
			id: '00000000-0005-4000-8000-000000000031',
			title: 'Fahrt zum Einkaufen in den Nachbarort'
		},
		helper: {
			id: '00000000-0004-4000-8000-000000000201',
			email: 'georg.lechner@birkenhain.example',
			name: 'Georg L.'
		}
	},
	phone: {
		organisation: seed.organisations.helferkreis,
		need: {
			id: '00000000-0005-4000-8000-000000000032',
			title: 'Spielenachmittag im Seniorenheim Birkenfeld'
		},
		helper: {
			id: '00000000-0004-4000-8000-000000000202',
			email: 'ines.seitz@birkenhain.example',
			name: 'Ines S.'
		}
	}
} as const;

/** A new browser context like the project's own: its address, screen and language. */
function projectContext(browser: Browser, info: TestInfo): Promise<BrowserContext> {
	const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale } =
		info.project.use;
	return browser.newContext({
		baseURL,
		viewport,
		userAgent,
		deviceScaleFactor,
		isMobile,
		hasTouch,
		locale
	});
}

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

/** The dev outbox shows the mail's state: the app's sender marks it sent within a minute. */
async function expectSentWithinAMinute(context: BrowserContext, email: string, subject: string) {
	const outbox = await context.newPage();
	try {
		await expect(async () => {
			await outbox.goto('/dev/outbox');
			const mail = outbox
				.getByRole('article', { name: subject })
				.filter({ hasText: email })
				.first();
			await expect(mail).toContainText('Status: gesendet · Versuche: 1', { timeout: 1_000 });
		}).toPass({ timeout: 60_000, intervals: [5_000] });
	} finally {
		await outbox.close();
	}
}

test('a proposal reaches the helper by mail with its link; the unsubscribe link turns proposals off', async ({
	page,
	browser,
	signInAs
}, info) => {
	const { organisation, need, helper } = plan[info.project.name as keyof typeof plan];
	// Three people, some ten pages and a wait for the sender: under two minutes alone, three on
	// the phone beside other runs on two busy cores.
	test.setTimeout(300_000);
	await signInAs(seed.people.sabine.email);
	await page.goto(`/coordinator/${organisation.id}/needs/${need.id}`);
	await page.getByRole('button', { name: `${helper.name} vorschlagen` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Vorschlag verschickt. Die Person wird gefragt.'
	);

	const body = await mailTo(page.context(), helper.email, `Vorschlag für dich: ${need.title}`);
	expect(body).toContain(`${organisation.name} schlägt dich für „${need.title}“ vor.`);
	const answer = /Jetzt antworten: (\S+)/.exec(body)?.[1];
	const off = /Solche E-Mails abbestellen: (\S+)/.exec(body)?.[1];
	expect(answer).toMatch(/\/matches$/);
	expect(off).toMatch(/\/unsubscribe\?t=/);
	// Written in the proposal's transaction, waiting or already sent, with its state shown.
	await expectSentWithinAMinute(page.context(), helper.email, `Vorschlag für dich: ${need.title}`);

	// The helper follows the link, in a context of this project: the proposal with its answers.
	const helperContext = await projectContext(browser, info);
	const helperPage = await helperContext.newPage();
	try {
		await signIn(helperPage, helper.email, '/matches');
		await helperPage.goto(answer!);
		const proposal = helperPage.getByRole('listitem').filter({ hasText: need.title });
		await expect(proposal.getByRole('button', { name: 'Zusagen' })).toBeVisible();
		await expect(proposal.getByRole('button', { name: 'Absagen' })).toBeVisible();

		// Links that do nothing, opened without a session: forged, expired, and signed for a kind
		// nobody can turn off. Each a clear message and no button; posted as a mail program's
		// one-click unsubscribe would, refused; the helper's settings unchanged.
		const anonymous = await projectContext(browser, info);
		const unsubscribe = await anonymous.newPage();
		const link = (token: string) =>
			`${new URL(off!).origin}/unsubscribe?t=${encodeURIComponent(token)}`;
		const bad: [string, RegExp][] = [
			[off!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), /Dieser Abbestell-Link ist ungültig/],
			[
				link(
					unsubscribeToken(
						E2E_AUTH_SECRET,
						helper.id,
						['proposal'],
						new Date(Date.now() - 200 * 86_400_000)
					)
				),
				/Dieser Abbestell-Link ist abgelaufen/
			],
			[
				link(unsubscribeToken(E2E_AUTH_SECRET, helper.id, ['sign_in_code' as MailKind])),
				/Dieser Abbestell-Link ist ungültig/
			]
		];
		for (const [url, message] of bad) {
			await unsubscribe.goto(url);
			await expect(unsubscribe.getByRole('alert')).toHaveText(message);
			await expect(unsubscribe.getByRole('button', { name: 'Abbestellen' })).toHaveCount(0);
			await expectAccessible(unsubscribe);
			const posted = await anonymous.request.post(url, {
				form: { 'List-Unsubscribe': 'One-Click' },
				headers: { accept: 'text/html' }
			});
			expect(posted.status()).toBe(400);
		}
		await helperPage.goto('/profile#mail');
		await expect(
			helperPage
				.getByRole('group', { name: 'Vorschläge für dich' })
				.getByRole('checkbox', { name: 'E-Mails bekommen' })
		).toBeChecked();

		// The link from the mail: it asks first, then turns proposals off.
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
		await anonymous.close();

		// The profile, loaded again, shows proposals off, the rest on; they turn them on again.
		await helperPage.reload();
		const proposals = helperPage.getByRole('group', { name: 'Vorschläge für dich' });
		await expect(proposals.getByRole('checkbox', { name: 'E-Mails bekommen' })).not.toBeChecked();
		await expect(
			helperPage
				.getByRole('group', { name: 'Match beendet' })
				.getByRole('checkbox', { name: 'E-Mails bekommen' })
		).toBeChecked();
		// (axe checks the profile with its e-mail settings in a11y.spec.ts)
		await expectNoHorizontalScroll(helperPage);
		await proposals.getByRole('checkbox', { name: 'E-Mails bekommen' }).check();
		await helperPage.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }).click();
		await expect(
			helperPage.getByText('Deine E-Mail-Einstellungen sind gespeichert.')
		).toBeVisible();
		await helperPage.reload();
		await expect(
			helperPage
				.getByRole('group', { name: 'Vorschläge für dich' })
				.getByRole('checkbox', { name: 'E-Mails bekommen' })
		).toBeChecked();
	} finally {
		await helperContext.close();
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
