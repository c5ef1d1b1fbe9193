// Shared steps for the e2e specs: sign in like a person (code from /dev/outbox), check a page
// with axe, and sessions reused across the run so the sign-in rate limits are never reached.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test as base,
	type BrowserContext,
	type Cookie,
	type Page,
	type Response
} from '@playwright/test';

/**
 * A fresh address for tests that spend sign-in codes: an address gets at most 20 codes an hour
 * (5 per browser in 15 minutes), and 30 wrong codes a day stop new ones. (All tests come from
 * 127.0.0.1, which the e2e server allows 1000 requests an hour.)
 */
export function uniqueEmail(label: string): string {
	return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@lindenau.example`;
}

/** The newest code mailed to the address, read in a second page from the development outbox. */
export async function readCode(context: BrowserContext, email: string): Promise<string> {
	const outbox = await context.newPage();
	try {
		await outbox.goto('/dev/outbox');
		// Newest first; each mail is an article named by its subject "Dein Zeitspende-Code: 123456".
		// Only code mails: a seeded person's address also gets the town's notices (a need waiting
		// for approval, sent by another spec meanwhile), which once came newest and had no code.
		const mail = outbox
			.getByRole('article')
			.filter({ hasText: email })
			.filter({ has: outbox.getByRole('heading', { name: /\b\d{6}\b/ }) })
			.first();
		await expect(mail).toBeVisible();
		const subject = (await mail.getByRole('heading').textContent()) ?? '';
		const code = /\b(\d{6})\b/.exec(subject)?.[1];
		if (!code) throw new Error(`No code in the mail subject "${subject}"`);
		return code;
	} finally {
		await outbox.close();
	}
}

/** Step one of sign-in: ask for a code; the page then asks for it. */
export async function requestCode(page: Page, email: string): Promise<void> {
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByRole('button', { name: 'Code anfordern' }).click();
	await expect(page.getByRole('status')).toHaveText(`Wir haben einen Code an ${email} geschickt.`);
}

/** The whole sign-in in German, from /sign-in to the page it leads to (the profile unless `next`). */
export async function signIn(page: Page, email: string, next?: string): Promise<void> {
	await oneSignInAt(email, () => signInSteps(page, email, next));
}

async function signInSteps(page: Page, email: string, next?: string): Promise<void> {
	await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
	await requestCode(page, email);
	const code = await readCode(page.context(), email);
	await page.getByLabel('Sechsstelliger Code').fill(code);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	// Without a destination a new person lands on the offer stepper, anyone else on the profile.
	await expect(page).toHaveURL(next ?? /\/(profile|offer)$/);
}

// This run's shared folder: sessions and sign-in locks, beside the run's database.
const runFolder = () => `${process.env.ZS_E2E_DATA_DIR ?? tmpdir()}-sessions`;

/**
 * One sign-in per address at a time, across workers and projects: readCode reads the newest code
 * mailed to the address, and a code only works in the browser that asked for it, so two parallel
 * sign-ins of the same person would read each other's code.
 */
async function oneSignInAt<T>(email: string, work: () => Promise<T>): Promise<T> {
	const lock = join(runFolder(), 'locks', email);
	await mkdir(dirname(lock), { recursive: true });
	for (;;) {
		try {
			await mkdir(lock); // atomic: exactly one worker creates it
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			// A lock older than a test's time limit was left by a worker that died: take it over.
			const age = await stat(lock).then(
				(s) => Date.now() - s.mtimeMs,
				() => 0
			);
			if (age > 60_000) await rm(lock, { recursive: true, force: true });
			else await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	try {
		return await work();
	} finally {
		await rm(lock, { recursive: true, force: true });
	}
}

/** Fails with a readable list of every WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const report = results.violations
		.map((v) =>
			[
				`• ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.helpUrl}`,
				...v.nodes.map(
					(n) =>
						`    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`
				)
			].join('\n')
		)
		.join('\n');
	expect(results.violations.length, `axe on ${page.url()}:\n${report}`).toBe(0);
}

/** Nothing may scroll sideways at the narrowest phone width we support. */
export async function expectNoHorizontalScroll(page: Page, width = 320): Promise<void> {
	const before = page.viewportSize();
	await page.setViewportSize({ width, height: before?.height ?? 640 });
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	expect(scrollWidth, `${page.url()} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
	if (before) await page.setViewportSize(before);
}

/** Signs the context in as `email`, reusing the session an earlier test of this run got. */
export type SignInAs = (email: string) => Promise<void>;

// Kept in a file beside this run's database, so every worker and both projects share it.
const sessionFile = (email: string) => join(runFolder(), `${email}.json`);
const readSession = (email: string): Promise<Cookie[] | undefined> =>
	readFile(sessionFile(email), 'utf8').then(JSON.parse, () => undefined);

/**
 * Waits until the page's scripts run (the root layout marks <html data-hydrated>). On a busy
 * machine `goto` can return before hydration, and typing into a field that hydration then
 * touches loses or doubles keystrokes. Pages without scripts, files and bare errors never mark.
 */
async function untilHydrated(page: Page, response: Response | null): Promise<void> {
	if (!response?.headers()['content-type']?.startsWith('text/html')) return;
	await page
		.locator('html[data-hydrated]')
		.waitFor({ state: 'attached', timeout: 15_000 })
		.catch(() => undefined);
}

/** The page, whose goto and reload now wait for hydration (the test's own page does already). */
export function waitingForHydration(page: Page): Page {
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		await untilHydrated(page, response);
		return response;
	};
	page.reload = async (options) => {
		const response = await reload(options);
		await untilHydrated(page, response);
		return response;
	};
	return page;
}

export const test = base.extend<{ signInAs: SignInAs }>({
	page: async ({ page, javaScriptEnabled }, use) => {
		await use(javaScriptEnabled !== false ? waitingForHydration(page) : page);
	},
	signInAs: async ({ browser, context }, use) => {
		await use(async (email) => {
			const file = sessionFile(email);
			let cookies = await readSession(email);
			if (!cookies) {
				// Own context, so the test's page history starts clean (and JavaScript is on for
				// the sign-in even where the test turns it off).
				const own = await browser.newContext({ baseURL: test.info().project.use.baseURL });
				// Signed in once per run: the second worker to ask waits, then finds the session.
				cookies = await oneSignInAt(email, async () => {
					const saved = await readSession(email);
					if (saved) return saved;
					await signInSteps(await own.newPage(), email);
					// `__Host-zs_session` from a production build, `zs_session` on plain http.
					const fresh = (await own.cookies()).filter((c) => c.name.endsWith('zs_session'));
					await mkdir(dirname(file), { recursive: true });
					// Written whole and renamed, so a parallel worker never reads half a file.
					await writeFile(`${file}.${process.pid}`, JSON.stringify(fresh));
					await rename(`${file}.${process.pid}`, file);
					return fresh;
				}).finally(() => own.close());
			}
			await context.addCookies(cookies);
		});
	}
});

/** What the page's outbox holds (IndexedDB, src/lib/pwa/outbox.ts). */
export const outboxEntries = <Entry = { key: string; inflight?: boolean }>(page: Page) =>
	page.evaluate(
		() =>
			new Promise<Entry[]>((resolve, reject) => {
				const open = indexedDB.open('zeitspende-outbox', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('requests', { keyPath: 'key' });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('requests').objectStore('requests').getAll();
					all.onsuccess = () => {
						resolve(all.result as Entry[]);
						open.result.close();
					};
				};
			})
	);

export { expect };
