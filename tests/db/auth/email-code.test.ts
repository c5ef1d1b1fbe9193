import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import { readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { cookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';

const SESSION_COOKIE = sessionCookieName(true);

describe.each(backends)('built-in e-mail-code sign-in on %s', (backend) => {
	let db: Database;
	let auth: AuthPort;
	let n = 0;
	let email: string;
	let ip: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		auth = emailCodeAuth({
			pool: db.pool,
			secret: 'test-secret',
			secureCookies: true,
			composeMail: (code, locale) => ({ subject: `[${locale}] code`, text: `Code: ${code}` })
		});
	});
	afterAll(() => db.close());
	beforeEach(() => {
		n += 1;
		email = `person${n}@example.org`;
		ip = `10.0.0.${n}`;
	});

	const ctx = (jar = cookieJar()) => ({ cookies: jar, ip, locale: 'de' as const });

	async function lastCode(to: string): Promise<string> {
		const mail = (await readOutbox(db.pool)).find((m) => m.recipient === to);
		return /Code: (\d{6})/.exec(mail!.body)![1]!;
	}

	it('mails a six-digit code and stores only its hash, bound to the browser', async () => {
		expect(await auth.requestCode(email, ctx())).toEqual({ ok: true });
		const code = await lastCode(email);
		const { rows } = await db.pool.query(
			'select code_hash, binding_hash from private.sign_in_codes where email = $1',
			[email]
		);
		expect(rows).toHaveLength(1);
		expect(rows[0].code_hash).not.toContain(code);
		expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(rows[0].binding_hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('signs in with the right code: a hashed session and an httpOnly, Secure, SameSite=Lax cookie', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		const result = await auth.verifyCode(email, await lastCode(email), ctx(jar));
		expect(result.ok).toBe(true);
		const token = jar.get(SESSION_COOKIE)!;
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(jar.options.get(SESSION_COOKIE)).toMatchObject({
			httpOnly: true,
			secure: true,
			sameSite: 'lax',
			path: '/'
		});
		const { rows } = await db.pool.query(
			'select token_hash from private.sessions where token_hash = $1',
			[token]
		);
		expect(rows).toHaveLength(0); // never the raw token
		expect(await auth.resolve(jar)).toMatchObject({ email });
	});

	it('creates the account with a profile on first sign-in, and reuses it after', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		const first = await auth.verifyCode(email, await lastCode(email), ctx(jar));
		await auth.requestCode(email, ctx(jar));
		const second = await auth.verifyCode(email, await lastCode(email), ctx(jar));
		expect(first.ok && second.ok && first.person.id === second.person.id).toBe(true);
		const { rows } = await db.pool.query(
			'select 1 from profiles p join auth.users u on u.id = p.id where u.email = $1',
			[email]
		);
		expect(rows).toHaveLength(1);
	});

	it('refuses a wrong code and gives no session', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		const code = await lastCode(email);
		const wrong = code === '000000' ? '000001' : '000000';
		expect(await auth.verifyCode(email, wrong, ctx(jar))).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
		expect(jar.get(SESSION_COOKIE)).toBeUndefined();
	});

	it('allows at most five attempts per code, then not even the right code works', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		const code = await lastCode(email);
		const wrong = code === '111111' ? '222222' : '111111';
		const reasons = [];
		for (let i = 0; i < 5; i++) {
			// Past the growing wait (tested in browser-binding.test.ts).
			await db.pool.query(
				`update private.sign_in_codes set last_failed_at = now() - interval '1 hour' where email = $1`,
				[email]
			);
			reasons.push((await auth.verifyCode(email, wrong, ctx(jar))) as { reason: string });
		}
		expect(reasons.map((r) => r.reason)).toEqual([
			'wrong_code',
			'wrong_code',
			'wrong_code',
			'wrong_code',
			'too_many_attempts'
		]);
		expect(await auth.verifyCode(email, code, ctx(jar))).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
	});

	it('refuses an expired code', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		await db.pool.query(
			`update private.sign_in_codes set expires_at = now() - interval '1 second' where email = $1`,
			[email]
		);
		expect(await auth.verifyCode(email, await lastCode(email), ctx(jar))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('a new code replaces the one before it in the same browser', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		const old = await lastCode(email);
		await auth.requestCode(email, ctx(jar));
		const fresh = await lastCode(email);
		if (old !== fresh)
			expect(await auth.verifyCode(email, old, ctx(jar))).toMatchObject({ ok: false });
		expect((await auth.verifyCode(email, fresh, ctx(jar))).ok).toBe(true);
	});

	it('limits code requests per address and browser (5 per 15 minutes), held in Postgres', async () => {
		const jar = cookieJar();
		const results = [];
		for (let i = 0; i < 6; i++)
			results.push(await auth.requestCode(email, { ...ctx(jar), ip: `10.1.${n}.${i}` }));
		expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
		expect(results[5]).toEqual({ ok: false, reason: 'rate_limited' });
		const mails = (await readOutbox(db.pool, 500)).filter((m) => m.recipient === email);
		expect(mails).toHaveLength(5);
	});

	it('limits code requests per IP address across addresses (30 per hour)', async () => {
		const results = [];
		for (let i = 0; i < 31; i++)
			results.push(await auth.requestCode(`probe${n}-${i}@example.org`, ctx()));
		expect(results.filter((r) => r.ok)).toHaveLength(30);
		expect(results[30]).toEqual({ ok: false, reason: 'rate_limited' });
	});

	it('treats a tampered, unknown or expired session cookie as signed out and removes it', async () => {
		for (const token of ['not-a-token', 'x'.repeat(43), `${'A'.repeat(42)}'`]) {
			const jar = cookieJar({ [SESSION_COOKIE]: token });
			expect(await auth.resolve(jar)).toBeNull();
			expect(jar.get(SESSION_COOKIE)).toBeUndefined();
		}
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		await auth.verifyCode(email, await lastCode(email), ctx(jar));
		await db.pool.query(`update private.sessions set expires_at = now() - interval '1 second'`);
		expect(await auth.resolve(jar)).toBeNull();
	});

	it('sign-out revokes the session in the database, not only the cookie', async () => {
		const jar = cookieJar();
		await auth.requestCode(email, ctx(jar));
		await auth.verifyCode(email, await lastCode(email), ctx(jar));
		const token = jar.get(SESSION_COOKIE)!;
		await auth.signOut(jar);
		expect(jar.get(SESSION_COOKIE)).toBeUndefined();
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: token }))).toBeNull();
	});
});
