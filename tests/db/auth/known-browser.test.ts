// Strangers on many clients cannot lock a person out of their own browser (issue #11: "a stranger
// never replaces or blocks a person's own code"). A sign-in leaves a signed known-browser mark for
// its address, kept by the server; a browser carrying a live mark for the address asking is spared
// the caps over all clients (sending, and wrong codes per day), and keeps its own per-browser and
// per-client caps. Unknown browsers, forged marks, another address's mark and marks the server no
// longer keeps (signed out, signed out everywhere, expired, never issued) stay capped; a mark
// copied to many clients spares, over all of them together, what one client may spend.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import type { SignInLimits } from '../../../src/lib/server/auth/config.ts';
import {
	KNOWN_BROWSER_DAYS,
	knownBrowserCookieName,
	knownBrowserHash,
	newKnownBrowserId,
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
	/** The address's person's marks the server keeps: the hash of each id and its expiry. */
	const marksOf = async (to = email) =>
		(
			await db.pool.query<{ id_hash: string; expires: number }>(
				`select k.id_hash, extract(epoch from k.expires_at)::float8 as expires
				 from private.known_browser_marks k join auth.users u on u.id = k.user_id
				 where u.email = $1 order by k.created_at`,
				[to]
			)
		).rows;
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
	const useUpBothBackstops = async (auth: AuthPort, codesBefore = 1) => {
		for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await stranger(auth, ip, 2, 1);
		const { rows } = await db.pool.query<{ sent: number; wrong: number }>(
			`select count(*)::int as sent, sum(attempts)::int as wrong
			 from private.sign_in_codes where email = $1`,
			[email]
		);
		// The codes asked for before (the person's sign-in) and the strangers' six: both backstops
		// are reached.
		expect(rows[0]).toEqual({ sent: codesBefore + 6, wrong: 6 });
	};

	it('a sign-in marks the browser: long-lived, httpOnly, __Host-, the address not in clear, the server keeps only a hash of its id', async () => {
		const jar = await signedInBrowser(makeAuth());
		const value = jar.get(KNOWN)!;
		expect(value).toMatch(/^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/);
		expect(value).not.toContain(email.split('@')[0]);
		const [id, expires] = value.split('.') as [string, string];
		expect(await marksOf()).toEqual([{ id_hash: knownBrowserHash(id), expires: Number(expires) }]);
		const { rows: stored } = await db.pool.query(
			`select 1 from private.known_browser_marks where id_hash like '%' || $1 || '%'`,
			[id]
		);
		expect(stored).toEqual([]);
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
		expect(await marksOf()).toHaveLength(1);
		// Signing in again in the browser replaces its mark: one row, the new id.
		const again = makeAuth();
		expect(await again.requestCode(email, at(jar, PERSON_IP))).toEqual({ ok: true });
		expect(await again.verifyCode(email, await lastCode(), at(jar, PERSON_IP))).toMatchObject({
			ok: true
		});
		const renewed = jar.get(KNOWN)!;
		expect(renewed).not.toBe(value);
		expect((await marksOf()).map((m) => m.id_hash)).toEqual([
			knownBrowserHash(renewed.split('.')[0]!)
		]);
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

	it("a forged mark, an expired one, one the server never issued and another address's mark give no exemption", async () => {
		const auth = makeAuth(SMALL);
		const other = await signedInBrowser(auth, `someone-else-${n}@example.org`);
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const far = Math.floor(Date.now() / 1000) + 3600;
		const [id, expires, signature] = person.get(KNOWN)!.split('.') as [string, string, string];
		const marks = [
			other.get(KNOWN)!,
			// The person's mark's id, signed with another key or for an expiry that has passed.
			signKnownBrowser('not-our-key', email, id, Number(expires)),
			signKnownBrowser(SECRET, email, id, Math.floor(Date.now() / 1000) - 1),
			// The person's mark's signature with its expiry or its id changed: the MAC covers both.
			`${id}.${far}.${signature}`,
			`${newKnownBrowserId()}.${expires}.${signature}`,
			`${id}.${expires}.${'A'.repeat(43)}`,
			// Signed with our key for this address, but never issued: the server has no such mark.
			signKnownBrowser(SECRET, email, newKnownBrowserId(), far),
			// The old shape (a mark from before the server kept them).
			`${far}.${signature}`,
			'garbage'
		];
		for (const mark of marks)
			expect(await auth.requestCode(email, at(cookieJar({ [KNOWN]: mark }), PERSON_IP))).toEqual({
				ok: false,
				reason: 'rate_limited'
			});
		// The person's own mark, copied as it is, is one (the list above is not refused for some
		// other reason).
		const copy = cookieJar({ [KNOWN]: person.get(KNOWN)! });
		expect(await auth.requestCode(email, at(copy, PERSON_IP))).toEqual({ ok: true });
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

	/** Ten clients, each an IPv6 /64 of its own. */
	const manyClients = Array.from({ length: 10 }, (_, i) => `2001:db8:${i + 1}::1`);
	/** A fresh browser carrying a copy of `mark`, at `ip`: what its code request answers. */
	const copiedMarkAsks = (auth: AuthPort, mark: string, ip: string) => {
		const jar = cookieJar({ [KNOWN]: mark });
		return auth.requestCode(email, at(jar, ip)).then((answer) => ({ jar, answer }));
	};

	it('a mark copied to many clients spares, over all of them, one wrong-code allowance: then the backstop holds', async () => {
		// Per client and per mark 2 wrong codes a day; sending caps out of the way.
		const auth = makeAuth({ ...SMALL, ...LARGE_SENDING, perAddress: { minutes: 60, max: 100 } });
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const mark = person.get(KNOWN)!;
		const answers = [];
		for (const ip of manyClients) {
			const { jar, answer } = await copiedMarkAsks(auth, mark, ip);
			answers.push(answer.ok ? 'code' : answer.reason);
			if (answer.ok) await auth.verifyCode(email, '000000', at(jar, ip));
		}
		// Each client alone is far below its own cap of 2: the mark's allowance stops the third.
		expect(answers).toEqual(['code', 'code', ...Array(8).fill('daily_limit')]);
		// The person's own browser shares its mark's allowance: it too is capped now, as unknown.
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
	});

	it('a mark copied to many clients spares, over all of them, one sending allowance: then the backstop holds', async () => {
		// Per client and per mark 2 codes an hour; wrong-code caps out of the way.
		const auth = makeAuth({ ...SMALL, ...LARGE_WRONG, wrongPerAddressPerDay: 100 });
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const mark = person.get(KNOWN)!;
		const answers = [];
		for (const ip of manyClients) {
			const { answer } = await copiedMarkAsks(auth, mark, ip);
			answers.push(answer.ok ? 'code' : answer.reason);
		}
		expect(answers).toEqual(['code', 'code', ...Array(8).fill('rate_limited')]);
	});

	it("a code asked under a copied mark loses the exemption once the mark's wrong codes from other clients reach the cap", async () => {
		const auth = makeAuth({ ...SMALL, ...LARGE_SENDING, perAddress: { minutes: 60, max: 100 } });
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const mark = person.get(KNOWN)!;
		// Two clients ask for a code under the copied mark while it is within its allowance.
		const [a, b] = [manyClients[0]!, manyClients[1]!];
		const first = await copiedMarkAsks(auth, mark, a);
		const second = await copiedMarkAsks(auth, mark, b);
		expect([first.answer, second.answer]).toEqual([{ ok: true }, { ok: true }]);
		// The first spends the mark's two wrong codes (its own client's cap too).
		for (let i = 0; i < 2; i++) {
			await pastTheWait();
			expect(await auth.verifyCode(email, '000000', at(first.jar, a))).toEqual({
				ok: false,
				reason: 'wrong_code'
			});
		}
		// The second, elsewhere, keeps the one try every browser has, and no more.
		expect(await auth.verifyCode(email, '000000', at(second.jar, b))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		await pastTheWait();
		expect(await auth.verifyCode(email, '000000', at(second.jar, b))).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
	});

	it('a copied mark put into a browser after it asked for its code spares that code nothing', async () => {
		const auth = makeAuth({ ...SMALL, ...LARGE_SENDING });
		const person = await signedInBrowser(auth);
		// A stranger asks without a mark while the backstops are open.
		const stranger = cookieJar();
		const ip = manyClients[0]!;
		expect(await auth.requestCode(email, at(stranger, ip))).toEqual({ ok: true });
		await useUpBothBackstops(auth, 2);
		// With the person's mark copied in, the open code has its one free try, and no more.
		stranger.set(KNOWN, person.get(KNOWN)!, { path: '/' });
		expect(await auth.verifyCode(email, '000000', at(stranger, ip))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		await pastTheWait();
		expect(await auth.verifyCode(email, '000000', at(stranger, ip))).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
	});

	it('signing out of the browser revokes its mark: a copy of it gives no exemption', async () => {
		const auth = makeAuth(SMALL);
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		const mark = person.get(KNOWN)!;
		// Before: a copy is spared (from clients with their own caps unspent).
		expect((await copiedMarkAsks(auth, mark, '203.0.113.50')).answer).toEqual({ ok: true });
		await auth.signOut(person);
		expect(person.get(KNOWN)).toBeUndefined();
		expect(await marksOf()).toEqual([]);
		expect((await copiedMarkAsks(auth, mark, '203.0.113.51')).answer).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
	});

	it('a mark the server holds as expired gives no exemption, though its cookie has not run out', async () => {
		const auth = makeAuth(SMALL);
		const person = await signedInBrowser(auth);
		await useUpBothBackstops(auth);
		await db.pool.query(
			`update private.known_browser_marks set expires_at = now() - interval '1 second'
			 where id_hash = $1`,
			[knownBrowserHash(person.get(KNOWN)!.split('.')[0]!)]
		);
		expect(await auth.requestCode(email, at(person, PERSON_IP))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
	});

	it('"sign out everywhere" revokes every mark of the person, on every device, and only theirs', async () => {
		// The sending backstop one higher: the person signs in twice.
		const auth = makeAuth({ ...SMALL, perAddressAllClients: { minutes: 60, max: 8 } });
		const phone = await signedInBrowser(auth);
		const laptop = await signedInBrowser(auth, email, '203.0.113.9');
		await signedInBrowser(auth, `bystander-${n}@example.org`);
		await useUpBothBackstops(auth, 2);
		const laptopMark = laptop.get(KNOWN)!;
		expect(await marksOf()).toHaveLength(2);
		await auth.signOutEverywhere(phone);
		expect(phone.get(KNOWN)).toBeUndefined();
		expect(await marksOf()).toEqual([]);
		expect(await marksOf(`bystander-${n}@example.org`)).toHaveLength(1);
		// The laptop still carries its cookie, and is capped as any unknown browser.
		expect(await auth.requestCode(email, at(laptop, '203.0.113.9'))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		expect((await copiedMarkAsks(auth, laptopMark, '203.0.113.52')).answer).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
	});
});
