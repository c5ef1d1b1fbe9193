import { seed } from '../support/seed-ids.ts';
import { expect, test } from './support.ts';

const { lernpaten, nachbarschaftshilfe } = seed.organisations;

test.beforeEach(async ({ signInAs }) => {
	await signInAs(seed.people.emre.email);
});

test('a coordinator of one organisation goes straight to it and sees its needs', async ({
	page
}) => {
	await page.goto('/profile');
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Koordination' })
		.click();
	await expect(page).toHaveURL(`/coordinator/${lernpaten.id}`);
	await expect(page.getByRole('heading', { level: 1, name: lernpaten.name })).toBeVisible();
	const needs = page.getByRole('region', { name: 'Bedarfe' });
	await expect(needs.getByText(seed.needs.lernpatenschaftDeutsch.title)).toBeVisible();
	await expect(
		needs.getByText('Hausaufgabenhilfe in der Mittagsbetreuung Kirchberg')
	).toBeVisible();
});

test("another organisation's page answers as an unknown one does, in German", async ({ page }) => {
	const response = await page.goto(`/coordinator/${nachbarschaftshilfe.id}`);
	expect(response?.status()).toBe(404);
	const unknown = await page.goto('/coordinator/00000000-0000-4000-8000-00000000dead');
	expect(unknown?.status()).toBe(404);
	await page.goto(`/coordinator/${nachbarschaftshilfe.id}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
	await expect(page.getByText('Diese Seite gibt es nicht (mehr).')).toBeVisible();
	await expect(page.getByText('Nachbarschaftshilfe Lindenau')).toHaveCount(0);
});

for (const [label, id] of [
	['an unknown organisation', crypto.randomUUID()],
	['a malformed id', 'not-a-uuid']
] as const) {
	test(`${label} is not found`, async ({ page }) => {
		const response = await page.goto(`/coordinator/${id}`);
		expect(response?.status()).toBe(404);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Zur Startseite' })).toBeVisible();
	});
}
