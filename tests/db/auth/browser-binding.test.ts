// Sign-in codes bound to the browser that asked (issue #11, item 6): a code verifies only there,
// a stranger asking for the same address neither replaces the person's code nor spends the
// person's limit, wrong codes make that browser wait longer each time, and a client's daily cap
// on wrong codes for an address stops the guessers but not the person's own code. Also the session time-outs,
// rotation at sign-in and "sign out everywhere".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import type { SignInLimits } from '../../../src/lib/server/auth/config.ts';
import {
	newNonce,
	preSignInCookieName,
	signPreSignIn
} from '../../../src/lib/server/auth/pre-sign-in.ts';
import { readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { cookieJar, type CookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';
import { testEmailAuth } from './email-auth.ts';

const SESSION_COOKIE = sessionCookieName(true);
const PRE_COOKIE = preSignInCookieName(true);

describe.each(backends)('sign-in codes bound to the browser on %s', (backend) => {
	let db: Database;
	let n = 0;
	let email: string;
	let ipCount = 0;

	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());
	beforeEach(() => {
		n += 1;
		email = `bound${n}@example.org`;
	});

	const makeAuth = (limits: Partial<SignInLimits> = {}): AuthPort => testEmailAuth(db.pool, limits);
	// A different client address each time unless given: these tests are about the address and
	// the browser (the caps per client: sign-in-caps-per-client.test.ts).
	const ctx = (jar: CookieJar, ip = `10.7.${n}.${++ipCount % 250}`) => ({
		cookies: jar,
		ip,
		locale: 'de' as const
	});
	/** One client's address, shared by the strangers of a test. */
	const STRANGER_IP = '192.0.2.50';

	/** Asks for a code in `jar`'s browser and returns the code the mail carries. */
	async function ask(auth: AuthPort, jar: CookieJar, to = email, ip?: string): Promise<string> {
		expect(await auth.requestCode(to, ctx(jar, ip))).toEqual({ ok: true });
		const mail = (await readOutbox(db.pool)).find((m) => m.recipient === to);
		return /Code: (\d{6})/.exec(mail!.body)![1]!;
	}
	const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
	/** Moves this address's growing waits into the past. */
	const pastTheWait = () =>
		db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '1 day' where email = $1 and last_failed_at is not null`,
			[email]
		);

	it('sets a short-lived, httpOnly, SameSite=Lax, __Host- pre-sign-in cookie', async () => {
		const jar = cookieJar();
		await ask(makeAuth(), jar);
		expect(jar.get(PRE_COOKIE)).toMatch(/^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/);
		expect(jar.options.get(PRE_COOKIE)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			maxAge: 30 * 60
		});
	});

	it('the right code from another browser is worthless; the asking browser still signs in', async () => {
		const auth = makeAuth();
		const person = cookieJar();
		const code = await ask(auth, person);
		// No pre-sign-in cookie, a forged one, and another browser's genuine one.
		const forged = cookieJar({ [PRE_COOKIE]: signPreSignIn('not-our-key', newNonce(), 2e9) });
		const other = cookieJar();
		await ask(auth, other, `someone-else-${n}@example.org`);
		for (const jar of [cookieJar(), forged, other]) {
			expect(await auth.verifyCode(email, code, ctx(jar))).toEqual({
				ok: false,
				reason: 'no_code'
			});
			expect(jar.get(SESSION_COOKIE)).toBeUndefined();
		}
		// Nothing was counted against the person's code.
		const { rows } = await db.pool.query(
			'select attempts from private.sign_in_codes where email = $1',
			[email]
		);
		expect(rows).toEqual([{ attempts: 0 }]);
		expect((await auth.verifyCode(email, code, ctx(person))).ok).toBe(true);
		expect(person.get(PRE_COOKIE)).toBeUndefined();
	});

	it("a stranger's requests neither replace the person's code nor spend the person's limit", async () => {
		const auth = makeAuth();
		const person = cookieJar();
		const code = await ask(auth, person);
		// The stranger asks until the stranger's own limit (5 per browser and 15 minutes) is spent.
		const stranger = cookieJar();
		for (let i = 0; i < 5; i++) await ask(auth, stranger);
		expect(await auth.requestCode(email, ctx(stranger))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		// The person can still ask (4 more of their own), and so can the person's other device …
		let newest = code;
		for (let i = 0; i < 4; i++) newest = await ask(auth, person);
		await ask(auth, cookieJar());
		// … one open code per browser: the person's, the stranger's, the other device's …
		const { rows } = await db.pool.query<{ open: number }>(
			`select count(*)::int as open from private.sign_in_codes where email = $1 and consumed_at is null`,
			[email]
		);
		expect(rows[0]!.open).toBe(3);
		expect((await readOutbox(db.pool, 500)).filter((m) => m.recipient === email)).toHaveLength(11);
		// … and the person's newest code signs in.
		expect((await auth.verifyCode(email, newest, ctx(person))).ok).toBe(true);
	});

	it("the person's outstanding code verifies after strangers asked for codes", async () => {
		const auth = makeAuth();
		const person = cookieJar();
		const code = await ask(auth, person);
		for (let i = 0; i < 3; i++) await ask(auth, cookieJar());
		const result = await auth.verifyCode(email, code, ctx(person));
		expect(result).toMatchObject({ ok: true, person: { email } });
	});

	it('the per-address cap of a client throttles its sending, never verifying an outstanding code', async () => {
		const auth = makeAuth({ perAddress: { minutes: 60, max: 3 } });
		const person = cookieJar();
		const code = await ask(auth, person, email, STRANGER_IP);
		await ask(auth, cookieJar(), email, STRANGER_IP);
		await ask(auth, cookieJar(), email, STRANGER_IP);
		// The address has had its three codes this hour from this client: no browser there gets a
		// fourth mail.
		for (const jar of [cookieJar(), person])
			expect(await auth.requestCode(email, ctx(jar, STRANGER_IP))).toEqual({
				ok: false,
				reason: 'rate_limited'
			});
		const mails = (await readOutbox(db.pool, 500)).filter((m) => m.recipient === email);
		expect(mails).toHaveLength(3);
		// The refused request left the person's code alone.
		expect((await auth.verifyCode(email, code, ctx(person))).ok).toBe(true);
	});

	it('wrong codes make that browser wait longer each time; the wait is no attempt', async () => {
		const auth = makeAuth();
		const jar = cookieJar();
		const code = await ask(auth, jar);
		const wrong = wrongFor(code);
		// The first wrong code (a typo) costs no wait.
		expect(await auth.verifyCode(email, wrong, ctx(jar))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		expect(await auth.verifyCode(email, wrong, ctx(jar))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		// After the second: 2 s. Even the right code waits, and waiting counts no attempt.
		const waited = await auth.verifyCode(email, code, ctx(jar));
		expect(waited).toMatchObject({ ok: false, reason: 'wait' });
		expect((waited as { seconds: number }).seconds).toBeGreaterThanOrEqual(1);
		expect((waited as { seconds: number }).seconds).toBeLessThanOrEqual(2);
		const { rows } = await db.pool.query(
			'select attempts from private.sign_in_codes where email = $1',
			[email]
		);
		expect(rows).toEqual([{ attempts: 2 }]);
		// Two seconds later the next try is allowed; after that wrong one, 4 s.
		await db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '2.1 seconds' where email = $1`,
			[email]
		);
		expect(await auth.verifyCode(email, wrong, ctx(jar))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		await db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '2.1 seconds' where email = $1`,
			[email]
		);
		const again = await auth.verifyCode(email, code, ctx(jar));
		expect(again).toMatchObject({ ok: false, reason: 'wait' });
		expect((again as { seconds: number }).seconds).toBe(2); // 4 s after the third, 2.1 s gone
		await db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '4.1 seconds' where email = $1`,
			[email]
		);
		expect((await auth.verifyCode(email, code, ctx(jar))).ok).toBe(true);
	});

	it("the wait grows per browser: a stranger's wrong codes make the person wait for nothing", async () => {
		const auth = makeAuth();
		const person = cookieJar();
		const code = await ask(auth, person);
		const stranger = cookieJar();
		const own = await ask(auth, stranger);
		for (let i = 0; i < 3; i++) {
			await pastTheWait();
			await auth.verifyCode(email, wrongFor(own), ctx(stranger));
		}
		expect(await auth.verifyCode(email, wrongFor(own), ctx(stranger))).toMatchObject({
			reason: 'wait'
		});
		expect((await auth.verifyCode(email, code, ctx(person))).ok).toBe(true);
	});

	it("a client's daily cap stops its new codes and the guessers' tries, never the person's own code", async () => {
		const auth = makeAuth({ wrongPerAddressPerDay: 6 });
		const person = cookieJar();
		const code = await ask(auth, person);
		// Two strangers of one client guess: five wrong codes on one browser's code, one on the other's.
		const s1 = cookieJar();
		const c1 = await ask(auth, s1, email, STRANGER_IP);
		const s2 = cookieJar();
		const c2 = await ask(auth, s2, email, STRANGER_IP);
		for (let i = 0; i < 5; i++) {
			await pastTheWait();
			await auth.verifyCode(email, wrongFor(c1), ctx(s1));
		}
		await auth.verifyCode(email, wrongFor(c2), ctx(s2));
		// Six wrong codes today from that client: none of its browsers gets a new code for this
		// address (a browser elsewhere still does: sign-in-caps-per-client.test.ts) …
		for (const jar of [cookieJar(), s1])
			expect(await auth.requestCode(email, ctx(jar, STRANGER_IP))).toEqual({
				ok: false,
				reason: 'daily_limit'
			});
		// … a browser that has guessed wrong gets no further try, even with the right code …
		await pastTheWait();
		expect(await auth.verifyCode(email, c2, ctx(s2))).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
		// … and the person, who guessed nothing wrong, signs in with the code they have.
		expect((await auth.verifyCode(email, code, ctx(person))).ok).toBe(true);
	});

	it('a second sign-in in the same browser rotates the session', async () => {
		const auth = makeAuth();
		const jar = cookieJar();
		await auth.verifyCode(email, await ask(auth, jar), ctx(jar));
		const first = jar.get(SESSION_COOKIE)!;
		await auth.verifyCode(email, await ask(auth, jar), ctx(jar));
		const second = jar.get(SESSION_COOKIE)!;
		expect(second).not.toBe(first);
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: first }))).toBeNull();
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: second }))).toMatchObject({ email });
		const { rows } = await db.pool.query(
			'select 1 from private.sessions s join auth.users u on u.id = s.user_id where u.email = $1',
			[email]
		);
		expect(rows).toHaveLength(1);
	});

	async function signedIn(auth: AuthPort, to = email): Promise<string> {
		const jar = cookieJar();
		await auth.verifyCode(to, await ask(auth, jar, to), ctx(jar));
		return jar.get(SESSION_COOKIE)!;
	}

	it('a session ends after the idle time-out, and use moves it forward (at most once a minute)', async () => {
		const auth = makeAuth(); // idle 24 hours here
		const token = await signedIn(auth);
		const jar = () => cookieJar({ [SESSION_COOKIE]: token });
		const seen = async () =>
			(
				await db.pool.query<{ ago: number }>(
					`select extract(epoch from now() - s.last_seen_at)::float8 as ago from private.sessions s
					 join auth.users u on u.id = s.user_id where u.email = $1`,
					[email]
				)
			).rows[0]!.ago;
		const setSeen = (ago: string) =>
			db.pool.query(
				`update private.sessions s set last_seen_at = now() - $2::interval
				 from auth.users u where u.id = s.user_id and u.email = $1`,
				[email, ago]
			);
		// Used 30 seconds ago: still on, and no write.
		await setSeen('30 seconds');
		expect(await auth.resolve(jar())).toMatchObject({ email });
		expect(await seen()).toBeGreaterThanOrEqual(29);
		// Used 23 hours ago: on, and moved to now.
		await setSeen('23 hours');
		expect(await auth.resolve(jar())).toMatchObject({ email });
		expect(await seen()).toBeLessThan(5);
		// Unused for 25 hours: over.
		await setSeen('25 hours');
		expect(await auth.resolve(jar())).toBeNull();
	});

	it('a session ends at the absolute time-out even while it is used', async () => {
		const auth = makeAuth(); // 30 days here
		const token = await signedIn(auth);
		await db.pool.query(
			`update private.sessions s set created_at = now() - interval '31 days'
			 from auth.users u where u.id = s.user_id and u.email = $1`,
			[email]
		);
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: token }))).toBeNull();
	});

	it("sign out everywhere deletes all the person's sessions and no one else's", async () => {
		const auth = makeAuth();
		const phone = await signedIn(auth);
		const laptop = await signedIn(auth);
		const other = await signedIn(auth, `other${n}@example.org`);
		const jar = cookieJar({ [SESSION_COOKIE]: phone });
		await auth.signOutEverywhere(jar);
		expect(jar.get(SESSION_COOKIE)).toBeUndefined();
		for (const token of [phone, laptop])
			expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: token }))).toBeNull();
		const { rows } = await db.pool.query(
			'select 1 from private.sessions s join auth.users u on u.id = s.user_id where u.email = $1',
			[email]
		);
		expect(rows).toHaveLength(0);
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: other }))).toMatchObject({
			email: `other${n}@example.org`
		});
		// A revoked session's token ends nothing.
		const again = await signedIn(auth);
		await auth.signOut(cookieJar({ [SESSION_COOKIE]: again }));
		const fresh = await signedIn(auth);
		await auth.signOutEverywhere(cookieJar({ [SESSION_COOKIE]: again }));
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: fresh }))).toMatchObject({ email });
	});
});
