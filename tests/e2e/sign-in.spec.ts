import { seed } from '../support/seed-ids.ts';
import { expect, readCode, requestCode, signIn, test, uniqueEmail } from './support.ts';

const MARA = seed.people.mara.email;

test('a helper signs in with an e-mail code, edits the profile and signs out', async ({ page }) => {
	await signIn(page, MARA);
	await expect(page.getByRole('heading', { level: 1, name: 'Mein Profil' })).toBeVisible();
	await expect(page.getByText(`Angemeldet als ${MARA}`)).toBeVisible();

	const name = `Mara S. ${test.info().project.name}`;
	await page.getByLabel('Angezeigter Name').fill(name);
	await page.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');
	await page.reload();
	await expect(page.getByLabel('Angezeigter Name')).toHaveValue(name);

	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL('/?signed_out=1');
	await expect(page.getByRole('status')).toHaveText('Du bist abgemeldet.');
	await page.goto('/profile');
	await expect(page).toHaveURL('/sign-in?next=%2Fprofile');
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
});

test('a malformed address gets a German message and no mail', async ({ page }) => {
	// The browser lets "name@host" through; the server wants a real domain.
	const email = uniqueEmail('malformed').replace('.example', '');
	await page.goto('/sign-in');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByRole('button', { name: 'Code anfordern' }).click();
	const field = page.getByLabel('E-Mail-Adresse');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription(
		'Bitte gib eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.'
	);
	await expect(field).toHaveValue(email);

	await page.goto('/dev/outbox');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Postausgang (Entwicklung)' })
	).toBeVisible();
	await expect(page.getByText(`An ${email}`)).toHaveCount(0);
});

test('a wrong code is refused in German', async ({ page }) => {
	const email = uniqueEmail('wrong');
	await page.goto('/sign-in');
	await requestCode(page, email);
	const code = await readCode(page.context(), email);
	const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

	const field = page.getByLabel('Sechsstelliger Code');
	await field.fill(wrong);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(field).toHaveAccessibleDescription(/^Der Code stimmt nicht\./);
	await expect(field).toHaveAttribute('aria-invalid', 'true');

	// Still the same code: the right one now works.
	await field.fill(code);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	// A new person lands on the offer stepper ("after the first sign-in, a short stepper").
	await expect(page).toHaveURL('/offer');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dein Angebot in einer Minute');
	await page.goto('/profile');
	await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();
});

test('five wrong codes end the code: the person starts over', async ({ page }) => {
	const email = uniqueEmail('attempts');
	await page.goto('/sign-in');
	await requestCode(page, email);
	const code = await readCode(page.context(), email);
	const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

	const tryCode = async (value: string) => {
		await page.getByLabel('Sechsstelliger Code').fill(value);
		const answered = page.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/sign-in')
		);
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await answered;
	};
	for (let attempt = 1; attempt <= 4; attempt++) {
		await tryCode(wrong);
		await expect(page.getByLabel('Sechsstelliger Code')).toHaveAccessibleDescription(
			/^Der Code stimmt nicht\./
		);
	}
	await tryCode(wrong);
	await expect(page.getByRole('alert')).toHaveText(/^Zu viele Versuche mit diesem Code\./);
	// Back at the first step, with the address kept: even the right code no longer helps.
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
	await expect(page.getByLabel('Sechsstelliger Code')).toHaveCount(0);
});

test('a tampered session cookie counts as signed out, never as an error', async ({
	page,
	context,
	baseURL
}) => {
	const serverErrors: string[] = [];
	page.on('response', (response) => {
		if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
	});
	for (const value of ['garbage', 'A'.repeat(43)]) {
		await context.addCookies([{ name: 'zs_session', value, url: baseURL! }]);
		const response = await page.goto('/profile');
		expect(response?.status()).toBe(200);
		await expect(page).toHaveURL('/sign-in?next=%2Fprofile');
		await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'Anmelden', exact: true })).toBeVisible();
	}
	expect(serverErrors).toEqual([]);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('sign-in, profile and sign-out work as plain forms', async ({ page }) => {
		// A new address: the first sign-in creates the person.
		const email = uniqueEmail('nojs');
		await signIn(page, email, '/profile');
		await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();

		await page.getByLabel('Angezeigter Name').fill('Ohne Skript');
		await page.getByRole('button', { name: 'Speichern', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText('Gespeichert.');
		await expect(page.getByLabel('Angezeigter Name')).toHaveValue('Ohne Skript');

		await page.getByRole('button', { name: 'Abmelden' }).click();
		await expect(page.getByRole('status')).toHaveText('Du bist abgemeldet.');
		await page.goto('/profile');
		await expect(page).toHaveURL('/sign-in?next=%2Fprofile');
	});
});
