// The coordinator's whole story, each person through their own pages: a nonprofit in Lindenau
// posts a youth need; the town approves it (Lindenau approves nonprofit needs); the nonprofit
// invites a new address to its pool, who signs in for the first time, joins and offers hours; the
// town's Jugendamt records the §72a inspection (Lindenau inspects town-wide, so the town is the
// responsible body); the nonprofit proposes the helper; the helper says yes; the town approves
// the match (Lindenau approves matches with young people); hours are logged and confirmed; the
// nonprofit completes the match with feedback, and the helper gives theirs. axe and 320 px on
// every page and state on the way.
//
// Both projects run at once against one database, each on rows of its own: its own need, its own
// new helper, and its own nonprofit (desktop: the Lernpaten, phone: the Nachbarschaftshilfe).
// Four eyes: the one who posts never approves; the town's two offices take turns.
import type { Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	signIn,
	test,
	uniqueEmail,
	waitingForHydration
} from './support.ts';

const { lernpaten, nachbarschaftshilfe, freiwilligenagentur, jugendamt } = seed.organisations;
const { emre, helga, katrin, tobias } = seed.people;

const plan = {
	desktop: {
		organisation: lernpaten,
		coordinator: emre,
		needApprover: { person: katrin, office: freiwilligenagentur },
		matchApprover: { person: tobias, office: jugendamt }
	},
	phone: {
		organisation: nachbarschaftshilfe,
		coordinator: helga,
		needApprover: { person: tobias, office: jugendamt },
		matchApprover: { person: katrin, office: freiwilligenagentur }
	}
} as const;

/** A calendar date `days` from today (Europe/Berlin), as the date fields take it. */
const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', {
		timeZone: 'Europe/Berlin'
	});

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

/** A card of a list, found by its heading. */
const card = (page: Page, title: string) =>
	page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });

// Eight people's turns, a first sign-in and some thirty axe checks: about two minutes on an idle
// machine, over four beside the whole suite on two shared cores.
test.describe.configure({ timeout: 420_000 });

test('a youth need from posting to feedback: approved, pool invitation, §72a, proposal, match approved, hours, completed', async ({
	page,
	context,
	browser,
	baseURL,
	signInAs
}, info) => {
	const p = plan[info.project.name as keyof typeof plan];
	const org = p.organisation;
	const stamp = Date.now().toString(36);
	const title = `Mathe-Nachhilfe ${info.project.name} ${stamp}`;
	const email = uniqueEmail(`journey-${info.project.name}`);
	const name = `Jona ${info.project.name === 'desktop' ? 'D' : 'P'}${stamp.slice(-4)}`;

	// 1. The nonprofit's coordinator posts a youth need with §72a; it waits for the town.
	await signInAs(p.coordinator.email);
	await page.goto(`/coordinator/${org.id}/needs/new`);
	await expect(page.getByRole('heading', { level: 1, name: 'Neuer Bedarf' })).toBeVisible();
	await check(page);
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Beschreibung (ohne Namen und persönliche Angaben)')
		.fill('Mathe für die 8. Klasse, dienstags im Jugendtreff.');
	await page.getByRole('radio', { name: 'Hausaufgabenhilfe' }).check();
	await page.getByRole('radio', { name: 'Jugendliche' }).check();
	await page.getByRole('radio', { name: 'Jeden Monat, solange der Bedarf läuft' }).check();
	await page.getByLabel('Stunden (einmalig bzw. pro Monat)').fill('2');
	await page.getByLabel('Ab', { exact: true }).fill(inDays(0));
	await page.getByLabel('Bis (bei monatlichen Bedarfen nötig)').fill(inDays(90));
	await page.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag').check();
	await page.getByRole('radio', { name: 'In einem Stadtteil' }).check();
	await page.getByLabel('Stadtteil', { exact: true }).selectOption({ label: 'Altstadt' });
	await page.getByLabel('Erweitertes Führungszeugnis nötig (§ 72a SGB VIII)').check();
	await check(page);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(
		'Der Bedarf wartet auf die Freigabe der Kommune.'
	);
	await expect(page.getByText('Status: wartet auf Freigabe')).toBeVisible();
	const needUrl = new URL(page.url()).pathname;
	expect(needUrl).toMatch(new RegExp(`^/coordinator/${org.id}/needs/[0-9a-f-]{36}$`));
	await check(page);
	await context.clearCookies();

	// 2. A coordinator of the town approves the need.
	await signInAs(p.needApprover.person.email);
	await page.goto(`/coordinator/${p.needApprover.office.id}/approvals`);
	await expect(page.getByRole('heading', { level: 1, name: 'Freigaben' })).toBeVisible();
	const waitingNeed = card(page, title);
	await expect(waitingNeed).toContainText(`Von ${org.name}`);
	await expect(waitingNeed).toContainText('Erweitertes Führungszeugnis (§ 72a) nötig');
	await check(page);
	await waitingNeed.getByRole('button', { name: `Freigeben: ${title}` }).click();
	await expect(page.getByRole('status')).toHaveText('Freigegeben.');
	await expect(card(page, title)).toHaveCount(0);
	await check(page);
	await context.clearCookies();

	// 3. The nonprofit invites a new address to its pool.
	await signInAs(p.coordinator.email);
	await page.goto(`/coordinator/${org.id}/pool`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Helferpool');
	await check(page);
	await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
	await page.getByLabel('Sprache der Einladung').selectOption('de');
	await page.getByRole('button', { name: 'Einladen', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(`Einladung an ${email} verschickt.`);
	const pending = page.getByRole('region', { name: 'Offene Einladungen' });
	await expect(pending.getByRole('listitem').filter({ hasText: email })).toBeVisible();
	await check(page);

	// 4. The person, in a browser of their own: first sign-in, joins, offers hours, names themself.
	const theirs = await browser.newContext({ baseURL });
	// A second person's page: its fields are filled only once its scripts run (else a field
	// hydration touches can lose or double what was typed).
	const them = waitingForHydration(await theirs.newPage());
	await signIn(them, email, '/pools');
	const invitations = them.getByRole('region', { name: 'Einladungen' });
	await expect(invitations.getByRole('listitem').filter({ hasText: org.name })).toBeVisible();
	await check(them);
	await invitations.getByRole('button', { name: `Beitreten: ${org.name}` }).click();
	await expect(them.getByRole('status')).toHaveText('Du bist jetzt im Pool.');
	await check(them);

	await them.goto('/offer');
	await expect(them.getByRole('heading', { level: 1 })).toHaveText('Dein Angebot in einer Minute');
	await check(them);
	await them
		.getByRole('group', { name: /Schritt 1 von 6/ })
		.getByLabel('Hausaufgabenhilfe')
		.check();
	await them
		.getByRole('group', { name: /Schritt 2 von 6/ })
		.getByLabel('Jugendliche')
		.check();
	await them.getByLabel('Stunden im Monat (1–40)').fill('4');
	await them.getByRole('group', { name: 'Dienstag' }).getByLabel('Nachmittag').check();
	await them.getByLabel('Stadt oder Gemeinde').selectOption({ label: 'Lindenau am See' });
	await them.getByLabel('In der Nähe meines Stadtteils').check();
	await them.getByLabel('Stadtteil', { exact: true }).selectOption({ label: 'Altstadt' });
	await them.getByLabel('Umkreis in km (0–50)').fill('5');
	await them.getByRole('button', { name: 'Angebot speichern' }).click();
	await expect(
		them.getByRole('status').filter({ hasText: 'Dein Angebot ist gespeichert.' })
	).toBeVisible();
	await check(them);

	await them.goto('/profile');
	await them.getByLabel('Angezeigter Name').fill(name);
	await them.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(them.getByRole('status')).toHaveText('Gespeichert.');
	await check(them);

	// The invitation is answered: the person is in the pool, under their name.
	await page.reload();
	await expect(pending.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: /^Im Pool/ }).getByRole('heading', { name, exact: true })
	).toBeVisible();
	await check(page);
	await context.clearCookies();

	// 5. Lindenau inspects §72a town-wide: its Jugendamt records the inspection.
	await signInAs(tobias.email);
	await page.goto(`/coordinator/${jugendamt.id}/inspections`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('§72a-Einsichtnahmen');
	await check(page);
	const inspection = page.getByRole('region', { name: 'Einsichtnahme eintragen' });
	await inspection.getByLabel('Helfende Person aus eurem Pool').selectOption({ label: name });
	await inspection.getByLabel('Datum des Führungszeugnisses').fill(inDays(-14));
	await inspection
		.getByLabel('Ich habe das erweiterte Führungszeugnis im Original eingesehen.')
		.check();
	await inspection.getByRole('radio', { name: 'Nein' }).check();
	await inspection.getByRole('button', { name: 'Einsichtnahme speichern' }).click();
	await expect(page.getByRole('status')).toContainText(`Gespeichert: Einsichtnahme für ${name}`);
	await expect(
		page.getByRole('region', { name: 'Einträge' }).getByRole('listitem').filter({ hasText: name })
	).toContainText('Keine einschlägige Verurteilung eingetragen');
	await check(page);
	await context.clearCookies();

	// 6. The nonprofit proposes the helper on the need's page.
	await signInAs(p.coordinator.email);
	await page.goto(needUrl);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Status: offen')).toBeVisible();
	await check(page);
	await page.getByRole('button', { name: `${name} vorschlagen` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Vorschlag verschickt. Die Person wird gefragt.'
	);
	const ours = page
		.getByRole('region', { name: 'Vermittlungen' })
		.getByRole('listitem')
		.filter({ hasText: name });
	await expect(ours).toContainText('vorgeschlagen');
	await check(page);
	await context.clearCookies();

	// 7. The helper says yes; a match with a young person waits for the town.
	await them.goto('/matches');
	const request = them
		.getByRole('region', { name: 'Anfragen an dich' })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(request.getByRole('button', { name: 'Zusagen' })).toBeVisible();
	await check(them);
	await request.getByRole('button', { name: 'Zusagen' }).click();
	await expect(them.getByRole('status')).toHaveText(
		'Zugesagt – die Kommune gibt die Vermittlung noch frei.'
	);
	await expect(
		them.getByRole('region', { name: 'Wartet noch' }).getByRole('listitem').filter({
			hasText: title
		})
	).toBeVisible();
	await check(them);

	// 8. The town approves the match, seeing the valid §72a inspection.
	await signInAs(p.matchApprover.person.email);
	await page.goto(`/coordinator/${p.matchApprover.office.id}/approvals`);
	const waitingMatch = page
		.getByRole('region', { name: 'Vermittlungen mit Kindern und Jugendlichen' })
		.getByRole('listitem')
		.filter({ hasText: `Helfende Person: ${name}` });
	await expect(waitingMatch).toHaveCount(1);
	await expect(waitingMatch).toContainText(
		'§ 72a: Eine gültige Prüfung liegt für die Dauer des Bedarfs vor.'
	);
	await check(page);
	await waitingMatch.getByRole('button', { name: `Freigeben: ${title} – ${name}` }).click();
	await expect(page.getByRole('status')).toHaveText('Freigegeben.');
	await expect(waitingMatch).toHaveCount(0);
	await check(page);
	await context.clearCookies();

	// 9. The match is active: the helper logs hours.
	await them.goto('/matches');
	const active = them
		.getByRole('region', { name: 'Laufend' })
		.getByRole('listitem')
		.filter({ hasText: title })
		.first();
	await expect(active.getByRole('link', { name: p.coordinator.email })).toBeVisible();
	await check(them);
	await active.getByRole('link', { name: 'Stunden eintragen' }).click();
	await expect(them).toHaveURL('/hours');
	const hoursForm = them.getByRole('region', { name: 'Stunden eintragen' });
	await hoursForm.getByLabel('Stunden', { exact: true }).fill('1,5');
	await hoursForm.getByLabel('Notiz (freiwillig)').fill('Bruchrechnung geübt');
	await check(them);
	await hoursForm.getByRole('button', { name: 'Stunden eintragen' }).click();
	await expect(them.getByRole('status')).toHaveText(
		'Eingetragen. Die Organisation prüft deine Stunden.'
	);
	await check(them);

	// 10. The nonprofit confirms them.
	await signInAs(p.coordinator.email);
	await page.goto(`/coordinator/${org.id}/hours`);
	const log = page.getByRole('listitem').filter({ hasText: name });
	await expect(log).toContainText('1,5 Std.');
	await expect(log).toContainText('Bruchrechnung geübt');
	await check(page);
	await log.getByRole('button', { name: /^Bestätigen/ }).click();
	await expect(page.getByRole('status')).toHaveText('Bestätigt.');
	await expect(page.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
	await check(page);

	// 11. The nonprofit completes the match and gives its feedback.
	await page.goto(`/coordinator/${org.id}/matches`);
	await expect(page.getByRole('heading', { level: 1, name: 'Vermittlungen' })).toBeVisible();
	const running = page
		.getByRole('region', { name: /^Laufend/ })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(running).toContainText(name);
	await check(page);
	await running.locator('summary', { hasText: 'Als abgeschlossen markieren' }).click();
	await running.getByLabel(/^Anmerkung \(freiwillig/).fill('Das Schuljahr ist geschafft – danke!');
	await check(page);
	await running.getByRole('button', { name: `Als abgeschlossen markieren: ${title}` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Die Vermittlung ist abgeschlossen. Jetzt könnt ihr eine Rückmeldung geben.'
	);
	const completed = page
		.getByRole('region', { name: /^Abgeschlossen/ })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(completed).toContainText(`${name} · abgeschlossen · `);
	await check(page);
	const ourRating = completed
		.locator('form')
		.filter({ has: page.getByRole('group', { name: 'Eure Bewertung' }) });
	await ourRating.getByRole('radio', { name: '5 Sterne' }).check();
	await ourRating.getByLabel('Kommentar (freiwillig)').fill('Zuverlässig und geduldig.');
	await ourRating.getByRole('button', { name: 'Rückmeldung geben' }).click();
	await expect(page.getByRole('status')).toHaveText('Danke für die Rückmeldung!');
	await expect(completed).toContainText('Eure Bewertung: 5 Sterne – „Zuverlässig und geduldig.“');
	await check(page);

	// 12. The helper sees it completed and gives theirs.
	await them.goto('/matches');
	const past = them
		.getByRole('region', { name: 'Abgeschlossen' })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(past).toContainText(`${org.name} · abgeschlossen · `);
	await expect(past).toContainText('Das Schuljahr ist geschafft – danke!');
	await check(them);
	const helperRating = past.getByRole('group', { name: 'Wie war es für dich?' });
	await helperRating.getByRole('radio', { name: '4 Sterne' }).check();
	await helperRating.getByLabel('Kommentar (freiwillig)').fill('Hat Spaß gemacht.');
	await past.getByRole('button', { name: 'Rückmeldung geben' }).click();
	await expect(them.getByRole('status')).toHaveText('Danke für die Rückmeldung!');
	await expect(past.getByRole('button', { name: 'Rückmeldung geben' })).toHaveCount(0);
	await check(them);
	await theirs.close();
});
