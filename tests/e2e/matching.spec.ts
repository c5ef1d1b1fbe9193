// Matching as people use it: a helper answers a proposal and offers help, a coordinator
// proposes the best-fitting helper, and batch proposals are computed, reviewed and sent.
//
// Both projects run against the same server and database at the same time, so each project
// works on its own people and needs (see `plan`); nothing one test writes is read by another:
//   helper       desktop: Mara declines the seed's proposal (match 06), offers help for need 12
//                phone:   the Nachbarschaftshilfe proposes Heinz for need 07, he accepts and
//                         offers help for need 18
//   coordinator  desktop: Nachbarschaftshilfe, need 06   phone: Lernpaten, need 20
//   batch        desktop: Freiwilligenagentur            phone: Jugendamt
// (Batch and "I can help" may meet on need 18: requests hold no place and no hours, so neither
// can make the other fail; the tests count what the page offers instead of fixed numbers.)
import type { Locator, Page } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import {
	expect,
	expectAccessible,
	expectNoHorizontalScroll,
	outboxEntries,
	test
} from './support.ts';

type Project = 'phone' | 'desktop';

const plan = {
	desktop: {
		helper: {
			email: seed.people.mara.email,
			// Seeded: proposed by the Jugendamt, waiting for Mara. Accepting would use the hours
			// the English tutoring needs, so she declines, and that need still fits her.
			proposal: 'Mathe-Hausaufgabenhilfe für die 7. Klasse (online)',
			proposedBy: undefined,
			answer: 'Absagen',
			answered: 'Abgesagt.',
			statusAfter: undefined,
			fitting: 'Englisch-Nachhilfe für die 9. Klasse (online)'
		},
		coordinator: {
			email: seed.people.helga.email,
			organisation: seed.organisations.nachbarschaftshilfe.name,
			need: 'Wöchentlicher Einkauf im Kirchberg'
		},
		batch: {
			email: seed.people.katrin.email,
			organisationId: seed.organisations.freiwilligenagentur.id,
			untick: /^Begleitung zum Wochenmarkt am Samstag → Jonas W\./,
			// Always in the plan and sent: the only candidate for its need.
			sentNeed: 'Smartphone-Grundkurs in der Stadtbücherei',
			sentHelper: 'Lukas F.',
			untickedNeed: 'Begleitung zum Wochenmarkt am Samstag',
			untickedHelper: 'Jonas W.'
		}
	},
	phone: {
		helper: {
			email: seed.people.heinz.email,
			// Made in the test: the Nachbarschaftshilfe proposes Heinz (an adult need, so his
			// yes makes the match active at once; he keeps enough hours for need 18).
			proposal: 'Begleitung zu einem Facharzttermin',
			proposedBy: {
				email: seed.people.helga.email,
				button: `${seed.people.heinz.displayName} vorschlagen`
			},
			answer: 'Zusagen',
			answered: 'Zugesagt – es kann losgehen.',
			statusAfter: 'aktiv',
			fitting: 'Einkauf nach einem Krankenhausaufenthalt'
		},
		coordinator: {
			email: seed.people.emre.email,
			organisation: seed.organisations.lernpaten.name,
			need: 'Hausaufgabenhilfe in der Mittagsbetreuung Kirchberg'
		},
		batch: {
			email: seed.people.tobias.email,
			organisationId: seed.organisations.jugendamt.id,
			untick: /^Freizeitbegleitung im Kinder- und Jugendtreff → Lea W\./,
			sentNeed: 'Bewerbungstraining für Jugendliche',
			sentHelper: 'Karim H.',
			untickedNeed: 'Freizeitbegleitung im Kinder- und Jugendtreff',
			untickedHelper: 'Lea W.'
		}
	}
} as const;

const project = () => test.info().project.name as Project;

/** axe and the 320 px check on the page as it is now. */
async function check(page: Page) {
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
}

/** The cards of a list (not the reason lists inside them): each card has a heading of its own. */
const cards = (list: Locator, page: Page) =>
	list.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });

/** "3 Vorschläge verschickt." – one is "Ein Vorschlag". */
const sentMessage = (count: number) =>
	count === 1 ? 'Ein Vorschlag verschickt.' : `${count} Vorschläge verschickt.`;

/** From the organisation page to one of its needs. */
async function openNeed(page: Page, need: string) {
	await page.getByRole('region', { name: 'Bedarfe' }).getByRole('link', { name: need }).click();
	await expect(page.getByRole('heading', { level: 1, name: need })).toBeVisible();
}

// axe takes a few seconds a page on a small machine, and these tests check several states.
test.describe.configure({ timeout: 90_000 });

test('a helper answers a proposal, sees why needs fit and offers help once', async ({
	page,
	context,
	signInAs
}) => {
	const p = plan[project()].helper;

	if (p.proposedBy) {
		// The coordinator's side, as the coordinator: propose this helper for the need.
		await signInAs(p.proposedBy.email);
		await page.goto('/coordinator');
		await openNeed(page, p.proposal);
		await page.getByRole('button', { name: p.proposedBy.button }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Vorschlag verschickt. Die Person wird gefragt.'
		);
		await context.clearCookies();
	}

	await signInAs(p.email);
	await page.goto('/profile');
	const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await nav.getByRole('link', { name: 'Passende Bedarfe' }).click();
	await expect(page).toHaveURL('/needs');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bedarfe, die zu dir passen' })
	).toBeVisible();
	// The proposal is announced here and answered on "Meine Vermittlungen".
	await expect(page.getByText('Eine Anfrage wartet auf deine Antwort.')).toBeVisible();

	// A fitting need, with its reasons.
	const fitting = page.getByRole('region', { name: 'Passt zu deinem Angebot' });
	const need = cards(fitting, page).filter({ has: page.getByRole('heading', { name: p.fitting }) });
	await expect(need).toBeVisible();
	const reasons = need.getByRole('list', { name: 'Warum das passt:' });
	await expect(reasons.getByRole('listitem').first()).toBeVisible();
	expect(await reasons.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
	await expect(need.getByRole('button', { name: 'Ich kann helfen' })).toBeVisible();
	await check(page);

	// The proposal waits under "Anfragen an dich".
	await nav.getByRole('link', { name: 'Meine Vermittlungen' }).click();
	await expect(page).toHaveURL('/matches');
	const requests = page.getByRole('region', { name: 'Anfragen an dich' });
	const proposal = requests.getByRole('listitem').filter({ hasText: p.proposal });
	await expect(proposal.getByRole('button', { name: 'Zusagen' })).toBeVisible();
	await expect(proposal.getByRole('button', { name: 'Absagen' })).toBeVisible();
	await check(page);

	// Answer the proposal.
	await proposal.getByRole('button', { name: p.answer }).click();
	await expect(page.getByRole('status')).toHaveText(p.answered);
	await expect(requests).toHaveCount(0);
	if (p.statusAfter) {
		// Active at once: the organisation's coordinator is there to reach.
		const ongoing = page.getByRole('region', { name: 'Laufend' });
		const active = ongoing.getByRole('listitem').filter({ hasText: p.proposal }).first();
		await expect(active.getByRole('heading', { name: 'Ansprechpersonen' })).toBeVisible();
		await expect(active.getByRole('link', { name: p.proposedBy!.email })).toBeVisible();
		await check(page);
	} else {
		// A declined proposal is closed.
		await expect(
			page.getByRole('region', { name: 'Abgeschlossen' }).getByText(p.proposal)
		).toBeVisible();
	}

	// A second tab, opened before helping: a double submission from it must not count twice.
	await page.goto('/needs');
	const stale = await context.newPage();
	await stale.goto('/needs');
	await expect(stale.getByRole('button', { name: 'Ich kann helfen' }).first()).toBeVisible();

	const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('?/help'));
	await need.getByRole('button', { name: 'Ich kann helfen' }).click();
	await expect(page.getByRole('status')).toHaveText('Danke! Die Organisation meldet sich bei dir.');
	// The plain form wrote its post down before it left; the answer names it, so nothing stays
	// on the device to be sent again (src/lib/pwa/outbox-view.ts).
	const clientKey = new URLSearchParams((await posted).postData() ?? '').get('clientKey');
	expect(clientKey).toMatch(/^[0-9a-f-]{36}$/);
	await expect(page.locator('[data-outbox]')).toHaveAttribute('data-answered', clientKey!);
	await expect.poll(() => outboxEntries(page)).toEqual([]);
	await check(page);

	// Again for the same need, from the tab that still offers it: refused, in German.
	const staleNeed = cards(
		stale.getByRole('region', { name: 'Passt zu deinem Angebot' }),
		stale
	).filter({
		has: stale.getByRole('heading', { name: p.fitting })
	});
	await staleNeed.getByRole('button', { name: 'Ich kann helfen' }).click();
	await expect(stale.getByRole('alert')).toHaveText(
		'Für dieses Paar gibt es schon eine Vermittlung oder eine Absage.'
	);
	// A refusal is an answer too: nothing waits to be sent again.
	await expect(stale.locator('[data-outbox]')).toHaveAttribute('data-answered', /^[0-9a-f-]{36}$/);
	await expect.poll(() => outboxEntries(stale)).toEqual([]);
	await stale.close();

	// After a reload the need no longer asks for help, and there is exactly one match for it.
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bedarfe, die zu dir passen' })
	).toBeVisible();
	await expect(fitting.getByRole('heading', { name: p.fitting })).toHaveCount(0);
	await page.goto('/matches');
	const requested = page
		.getByRole('region', { name: 'Wartet noch' })
		.getByRole('listitem')
		.filter({ hasText: p.fitting });
	await expect(requested).toHaveCount(1);
	await expect(requested).toContainText('angefragt');
});

test('a coordinator proposes the best-fitting helper for a need', async ({ page, signInAs }) => {
	const p = plan[project()].coordinator;
	await signInAs(p.email);
	await page.goto('/profile');
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Koordination' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: p.organisation })).toBeVisible();
	await openNeed(page, p.need);

	// Ranked candidates, best first, each with a score and reasons.
	const candidates = cards(page.getByRole('region', { name: 'Passende Helfende' }), page);
	await expect(candidates.first()).toBeVisible();
	const count = await candidates.count();
	expect(count).toBeGreaterThanOrEqual(2);
	const scores: number[] = [];
	for (let i = 0; i < count; i++) {
		const candidate = candidates.nth(i);
		const score = /Passung (\d+) von 100/.exec((await candidate.textContent()) ?? '')?.[1];
		expect(score, `score of candidate ${i + 1}`).toBeDefined();
		scores.push(Number(score));
		await expect(candidate.getByRole('list').getByRole('listitem').first()).toBeVisible();
	}
	expect(scores).toEqual([...scores].sort((a, b) => b - a));
	await check(page);

	// Propose the first.
	const first = candidates.first();
	const name = ((await first.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
	expect(name).not.toBe('');
	await first.getByRole('button', { name: `${name} vorschlagen` }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Vorschlag verschickt. Die Person wird gefragt.'
	);

	// Now under "Vermittlungen" as proposed, and no longer a candidate.
	const match = page
		.getByRole('region', { name: 'Vermittlungen' })
		.getByRole('listitem')
		.filter({ hasText: name });
	await expect(match).toHaveCount(1);
	await expect(match).toContainText('vorgeschlagen');
	await expect(candidates.getByRole('heading', { name, exact: true })).toHaveCount(0);
	await check(page);
});

test.describe('batch proposals', () => {
	/** From the organisation page to the batch page; computes a plan and returns its checkboxes. */
	async function computePlan(page: Page, organisationId: string, axe: boolean) {
		await page.goto(`/coordinator/${organisationId}`);
		await page.getByRole('link', { name: 'Vorschläge für alle offenen Bedarfe' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Vorschläge für alle offenen Bedarfe' })
		).toBeVisible();
		if (axe) await expectAccessible(page);

		await page.getByRole('button', { name: 'Vorschläge berechnen' }).click();
		const review = page.getByRole('region', { name: 'Vorschläge zur Prüfung' });
		const quality = review.getByText(/offene Bedarfe\. Das Ergebnis erreicht mindestens/);
		await expect(quality).toBeVisible();
		const group = review.getByRole('group', { name: 'Abwählen, was nicht verschickt werden soll' });
		const boxes = group.getByRole('checkbox');
		const count = await boxes.count();
		expect(count).toBeGreaterThanOrEqual(1);
		// "3 Vorschläge für 4 offene Bedarfe. Das Ergebnis erreicht mindestens 100 % des bestmöglichen …"
		await expect(quality).toHaveText(
			new RegExp(
				`^${count === 1 ? 'Ein Vorschlag' : `${count} Vorschläge`} für (einen offenen Bedarf|\\d+ offene Bedarfe)\\. ` +
					`Das Ergebnis erreicht mindestens \\d+(,\\d)? % des bestmöglichen und ist \\d+(,\\d)? % besser als „der Reihe nach“\\.$`
			)
		);
		for (let i = 0; i < count; i++) await expect(boxes.nth(i)).toBeChecked();
		return { group, count };
	}

	test('computed, reviewed and sent', async ({ page, signInAs }) => {
		const p = plan[project()].batch;
		await signInAs(p.email);
		const { group, count } = await computePlan(page, p.organisationId, true);
		expect(count).toBeGreaterThanOrEqual(2);
		await check(page);

		// Untick one; the rest are sent.
		const untick = page.getByRole('checkbox', { name: p.untick });
		await untick.uncheck();
		await expect(untick).not.toBeChecked();
		await expect(group.getByRole('checkbox', { checked: true })).toHaveCount(count - 1);
		await page.getByRole('button', { name: 'Ausgewählte Vorschläge verschicken' }).click();
		await expect(page.getByRole('status')).toHaveText(sentMessage(count - 1));
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expectAccessible(page);

		// Sent ones wait for the helper; the unticked one was not sent.
		await page.getByRole('link', { name: /^← / }).click();
		await openNeed(page, p.sentNeed);
		await expect(
			page
				.getByRole('region', { name: 'Vermittlungen' })
				.getByRole('listitem')
				.filter({ hasText: p.sentHelper })
		).toContainText('vorgeschlagen');
		await page.getByRole('link', { name: /^← / }).click();
		await openNeed(page, p.untickedNeed);
		await expect(
			page.getByRole('listitem').filter({ hasText: `${p.untickedHelper} vorgeschlagen` })
		).toHaveCount(0);
		await expect(
			page.getByRole('button', { name: `${p.untickedHelper} vorschlagen` })
		).toBeVisible();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('computed and sent as plain forms', async ({ page, signInAs }) => {
			const p = plan[project()].batch;
			await signInAs(p.email);
			// After the test above only the unticked proposal is left; run alone, all of them.
			const { count } = await computePlan(page, p.organisationId, false);
			await page.getByRole('button', { name: 'Ausgewählte Vorschläge verschicken' }).click();
			await expect(page.getByRole('status')).toHaveText(sentMessage(count));
			await expect(page.getByRole('alert')).toHaveCount(0);
		});
	});
});

test('a coordinator accepts a helper who offered help; the town still approves (child, nonprofit)', async ({
	page,
	signInAs
}) => {
	// The seed holds one such request (match 07: need 11 of the Lernpaten); answering it twice
	// would fail, so only one project answers it.
	test.skip(project() === 'phone', 'one seeded request exists; the desktop project answers it');
	await signInAs(seed.people.emre.email);
	const need = seed.needs.lernpatenschaftDeutsch;
	await page.goto(`/coordinator/${need.organisation}/needs/${need.id}`);
	const requests = page
		.getByRole('region', { name: 'Vermittlungen' })
		.getByRole('listitem')
		.filter({ hasText: 'angefragt' });
	await expect(requests).toHaveCount(1);
	await check(page);
	await requests.getByRole('button', { name: /annehmen$/ }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Angenommen – die Kommune gibt die Vermittlung noch frei.'
	);
	await expect(
		page
			.getByRole('region', { name: 'Vermittlungen' })
			.getByRole('listitem')
			.filter({ hasText: 'wartet auf Freigabe der Kommune' })
	).toHaveCount(1);
	await check(page);
});
