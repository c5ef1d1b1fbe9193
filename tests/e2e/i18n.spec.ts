import { expect, test } from './support.ts';

test('the language switch turns the page English and back, keeping the place', async ({ page }) => {
	await page.goto('/sign-in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/sign-in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.getByLabel('E-mail address')).toBeVisible();

	// The choice is remembered on the next page.
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Give your town a few hours a month'
	);

	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Schenk deiner Stadt ein paar Stunden im Monat'
	);
});
