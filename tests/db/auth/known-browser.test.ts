// Strangers on many clients cannot lock a person out of their own browser (issue #11: "a stranger
// never replaces or blocks a person's own code"). A sign-in leaves a signed known-browser mark for
// its address; a browser carrying a genuine mark for the address asking is spared the caps over
// all clients (sending, and wrong codes per day), and keeps its own per-browser and per-client
// caps. Unknown browsers, forged marks and another address's mark stay capped.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import type { SignInLimits } from '../../../src/lib/server/auth/config.ts';
import {
	KNOWN_BROWSER_DAYS,
	knownBrowserCookieName,
	signKnownBrowser
} from '../../../src/lib/server/auth/known-browser.ts';
import { readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { cookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';
import { at, TEST_SECRET, testEmailAuth } from './email-auth.ts';

const SECRET = TEST_SECRET;
const KNOWN = knownBrowserCookieName(true);
const PERSON_IP = '198.51.100.1';
/**
 * Small caps, so three strangers' clients use them up: per client 2 codes and 2 wrong codes; over
 * all clients 7 codes (the person's sign-in and the strangers' six) and 6 wrong codes.
 */
const SMALL: Partial<SignInLimits> = {
	perAddress: { minutes: 60, max: 2 },
	perAddressAllClients: { minutes: 60, max: 7 },
	wrongPerAddressPerDay: 2,
	wrongPerAddressAllClientsPerDay: 6
};
const LARGE_SENDING = { perAddressAllClients: { minutes: 60, max: 1000 } };
const LARGE_WRONG = { wrongPerAddressAllClientsPerDay: 1000 };

describe.each(backends)('the known browser on %s', (backend) => {
	let db: Database;
	let n = 0;
	let email: string;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());
	beforeEach(() => {
		n += 1;
		email = `known${n}@example.org`;
	});

	const makeAuth = (limits: Partial<SignInLimits> = {}): AuthPort =>
		testEmailAuth(db.pool, limits, 1000);
	/** The code of the newest mail to `to`. */
	const lastCode = async (to = email) => {
		const mail = (await readOutbox(db.pool, 500)).find((m) => m.recipient === to);
		return /Code: (\d{6})/.exec(mail!.body)![1]!;
	};
	const pastTheWait = () =>
		db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '1 day' where email = $1 and last_failed_at is not null`,
			[email]
		);
	/** Signs in as `to` in a fresh browser at `ip`: the browser now carries the mark. */
	async function signedInBrowser(auth: AuthPort, to = email, ip = PERSON_IP) {
		const jar = cookieJar();
		expect(await auth.requestCode(to, at(jar, ip))).toEqual({ ok: true });
		expect(await auth.verifyCode(to, await lastCode(to), at(jar, ip))).toMatchObject({ ok: true });
		return jar;
	}
	/** A stranger's fresh browser at `ip`: `codes` codes, each with `wrong` wrong codes entered. */
	async function stranger(auth: AuthPort, ip: string, codes: number, wrong: number) {
		for (let c = 0; c < codes; c++) {
			const jar = cookieJar();
			expect(await auth.requestCode(email, at(jar, ip))).toEqual({ ok: true });
			for (let i = 0; i < wrong; i++) {
				await pastTheWait();
				// (A right guess would be one in a million: the test counts the attempts.)
				await auth.verifyCode(email, '000000', at(jar, ip));
			}
		}
	}
	/** Strangers on three clients: two codes each, one wrong code on each code. */
	const useUpBothBackstops = async (auth: AuthPort) => {
		for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await stranger(auth, ip, 2, 1);
		const { rows } = await db.pool.query<{ sent: number; wrong: number }>(
			`select count(*)::int as sent, sum(attempts)::int as wrong
			 from private.sign_in_codes where email = $1`,
			[email]
		);
		// The person's own sign-in and the strangers' six: both backstops are reached.
		expect(rows[0]).toEqual({ sent: 7, wrong: 6 });
	};

	it('a sign-in marks the browser: long-lived, httpOnly, __Host-, the address not in clear', async () => {
		const jar = await signedInBrowser(makeAuth());
		const value = jar.get(KNOWN)!;
		expect(value).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
		expect(value).not.toContain(email.split('@')[0]);
		expect(jar.options.get(KNOWN)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			maxAge: KNOWN_BROWSER_DAYS * 24 * 60 * 60
		});
		// No code, nor a failed request, marks a browser.
		const asked = cookieJar();
		await makeAuth().requestCode(email, at(asked, PERSON_IP));
		await makeAuth().verifyCode(email, '000000', at(asked, PERSON_IP));
		expect(asked.get(KNOWN)).toBeUndefined();
	});

	it("strangers on many clients use up both backstops: the person's known browser still gets a code and signs in, an unknown one does not", async () => {
		const auth = makeAuth(SMALL);
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		// A fresh browser, even at the person's own client, is refused …
		expect(await auth.requestCode(email, at(cookieJar(), PERSON_IP))).toMatchObject({
			ok: false
		});
		// … the person's known browser gets a code and signs in with it, typo and all.
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({ ok: true });
		const code = await lastCode();
		expect(await auth.verifyCode(email, '000000', at(person, PERSON_IP))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		expect(await auth.verifyCode(email, code, at(person, PERSON_IP))).toMatchObject({
			ok: true,
			person: { email }
		});
	});

	it('the sending backstop alone: the known browser is spared, an unknown one is rate-limited', async () => {
		const auth = makeAuth({ ...SMALL, ...LARGE_WRONG });
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		expect(await auth.requestCode(email, at(cookieJar(), PERSON_IP))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({ ok: true });
	});

	it('the wrong-code backstop alone: the known browser is spared, an unknown one gets the daily limit', async () => {
		const auth = makeAuth({ ...SMALL, ...LARGE_SENDING });
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		expect(await auth.requestCode(email, at(cookieJar(), PERSON_IP))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({ ok: true });
		// After a typo, an unknown browser's code is stopped by the backstop; the known one's is not.
		const code = await lastCode();
		await auth.verifyCode(email, '000000', at(person, PERSON_IP));
		await pastTheWait();
		expect(await auth.verifyCode(email, code, at(person, PERSON_IP))).toMatchObject({ ok: true });
	});

	it("a forged mark, an expired one and another address's mark give no exemption", async () => {
		const auth = makeAuth(SMALL);
		const other = await signedInBrowser(auth, `someone-else-${n}@example.org`);
		await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const far = Math.floor(Date.now() / 1000) + 3600;
		const marks = [
			other.get(KNOWN)!,
			signKnownBrowser('not-our-key', email, far),
			signKnownBrowser(SECRET, email, Math.floor(Date.now() / 1000) - 1),
			// A genuine mark's signature with its expiry moved: the MAC covers both.
			`${far + 1}.${signKnownBrowser(SECRET, email, far).split('.')[1]}`,
			`${far}.${'A'.repeat(43)}`,
			'garbage'
		];
		for (const mark of marks)
			expect(await auth.requestCode(email, at(cookieJar({ [KNOWN]: mark }), PERSON_IP))).toEqual({
				ok: false,
				reason: 'rate_limited'
			});
		// The same mark made with our key for this address is one (the list above is not refused
		// for some other reason).
		const genuine = cookieJar({ [KNOWN]: signKnownBrowser(SECRET, email, far) });
		expect(await auth.requestCode(email, at(genuine, PERSON_IP))).toEqual({ ok: true });
	});

	it("the known browser keeps its own client's caps: a stranger at the person's client shares them", async () => {
		const auth = makeAuth({ ...SMALL, perAddress: { minutes: 60, max: 3 } });
		const person = await signedInBrowser(auth);
		// Two wrong codes from the person's own client (the per-client cap of this test).
		await stranger(auth, PERSON_IP, 1, 2);
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
		// Elsewhere the known browser gets its code.
		expect(await auth.requestCode(email, at(person, '203.0.113.77'))).toEqual({ ok: true });
	});
});
