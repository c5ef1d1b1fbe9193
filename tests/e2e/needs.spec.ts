// A coordinator's need from posting to its end, like a person: Lernpaten (a nonprofit in
// Lindenau, where the town approves nonprofit needs) posts a need, which waits for the town;
// edits it; cancels it; the need's page keeps the history. A municipal office's need opens at
// once, without JavaScript. Each project posts its own need (titles carry the project's name).
import { seed } from '../support/seed-ids.ts';
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const { lernpaten, freiwilligenagentur } = seed.organisations;

/** A calendar date `days` from today (Europe/Berlin), as the date field takes it. */
const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Berlin'
	});

test.describe.configure({ timeout: 90_000 });

test('a nonprofit posts a need that waits for the town, edits it and cancels it; its history says who did what', async ({
	page,
	signInAs
}, info) => {
	const title = `Lesepatenschaft ${info.project.name} ${Date.now().toString(36)}`;
	await signInAs(seed.people.emre.email);
	await page.goto(`/coordinator/${lernpaten.id}`);
	await page.getByRole('link', { name: 'Neuer Bedarf' }).click();
	await expect(page).toHaveURL(`/coordinator/${lernpaten.id}/needs/new`);
	await expect(page.getByRole('heading', { level: 1, name: 'Neuer Bedarf' })).toBeVisible();
	await expect(page.getByText('gibt die Kommune frei')).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);

	// Bad input first: a clear message at each field, nothing written.
	await page.getByLabel('Titel').fill('ab');
	await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('99');
	await page.getByLabel('Ab', { exact: true }).fill('2021-03-01');
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Bitte gib einen Titel mit 3 bis 120 Zeichen an.');
	await expect(summary).toContainText('Bitte gib die Stunden zwischen 0,5 und 40 an');
	await expect(summary).toContainText('Bitte wähle aus, worum es geht.');
	await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);

	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Beschreibung (ohne Namen und persönliche Angaben)')
		.fill('Gemeinsam lesen, zweite Klasse, in der Stadtbücherei.');
	await page.getByRole('radio', { name: 'Hausaufgabenhilfe' }).check();
	await page.getByRole('radio', { name: 'Kinder' }).check();
	await page.getByRole('radio', { name: 'Jeden Monat, solange der Bedarf läuft' }).check();
	await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('2,5');
	await page.getByLabel('Ab', { exact: true }).fill(inDays(7));
	await page.getByLabel('Bis (bei monatlichen Bedarfen nötig)').fill(inDays(120));
	await page.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag').check();
	await page.getByRole('radio', { name: 'In einem Stadtteil' }).check();
	await page.getByLabel('Stadtteil', { exact: true }).selectOption({ index: 1 });
	await page.getByRole('group', { name: 'Nötige Sprachen' }).getByLabel('Deutsch').check();
	await page.getByLabel('Erweitertes Führungszeugnis nötig (§ 72a SGB VIII)').check();
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(
		'Der Bedarf wartet auf die Freigabe der Kommune.'
	);
	await expect(page.getByText('Status: wartet auf Freigabe')).toBeVisible();
	const history = page.getByRole('region', { name: 'Verlauf' });
	await expect(history.getByText('Bedarf veröffentlicht – Emre A.')).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);

	// Edit: the form holds what was saved.
	await page.getByRole('link', { name: 'Bearbeiten' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedarf bearbeiten' })).toBeVisible();
	await expect(page.getByLabel('Stunden (einmalig bzw. pro Monat)')).toHaveValue('2,5');
	await expect(page.getByRole('radio', { name: 'Kinder' })).toBeChecked();
	await expect(
		page.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag')
	).toBeChecked();
	await expectAccessible(page);
	await page.getByLabel('Titel').fill(`${title} (Klasse 2)`);
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `${title} (Klasse 2)` })).toBeVisible();

	// Cancel: closed for good, and the history says so.
	await page.getByRole('button', { name: 'Bedarf absagen' }).click();
	await expect(page.getByRole('status')).toHaveText('Der Bedarf ist abgesagt.');
	await expect(page.getByText('Status: abgesagt')).toBeVisible();
	await expect(history.getByText('Bedarf abgesagt – Emre A.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Bearbeiten' })).toHaveCount(0);
	await expectAccessible(page);

	// Its edit page now only says it is closed.
	await page.goto(`${new URL(page.url()).pathname}/edit`);
	await expect(page.getByRole('alert')).toHaveText(
		'Dieser Bedarf ist abgeschlossen und kann nicht mehr geändert werden.'
	);
	await expect(page.getByRole('button', { name: 'Änderungen speichern' })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the municipal office posts a remote need, which opens at once', async ({
		page,
		signInAs
	}, info) => {
		const title = `Digitalhilfe am Telefon ${info.project.name} ${Date.now().toString(36)}`;
		await signInAs(seed.people.katrin.email);
		await page.goto(`/coordinator/${freiwilligenagentur.id}/needs/new`);
		await page.getByLabel('Titel').fill(title);
		await page.getByRole('radio', { name: 'Digitalhilfe' }).check();
		await page.getByRole('radio', { name: 'Ältere' }).check();
		await page.getByRole('radio', { name: 'Einmalig' }).check();
		await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('1');
		await page.getByLabel('Ab', { exact: true }).fill(inDays(3));
		await page.getByRole('radio', { name: 'Aus der Ferne (Telefon, Video)' }).check();
		await page.getByRole('button', { name: 'Veröffentlichen' }).click();

		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText(
			'Der Bedarf ist veröffentlicht und wird passenden Helfer*innen angezeigt.'
		);
		await expect(page.getByText('Status: offen')).toBeVisible();
		await expect(
			page.getByRole('region', { name: 'Verlauf' }).getByText('Bedarf veröffentlicht – Katrin B.')
		).toBeVisible();
		await expect(page.getByText('Rolle der Kommune: initiiert')).toBeVisible();

		// Cancelled again, so other tests' helpers are never offered it.
		await page.getByRole('button', { name: 'Bedarf absagen' }).click();
		await expect(page.getByText('Status: abgesagt')).toBeVisible();
	});
});
