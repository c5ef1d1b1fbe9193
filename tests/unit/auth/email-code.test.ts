// The e-mail code adapter's own logic against a scripted pool: rate-limit answers, the session
// cookie it sets and deletes, and which statements it sends. The SQL itself is tested on PGlite
// in tests/db/auth; these cases pin what those tests cannot see (found by mutation testing).
import type pg from 'pg';
import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import { hashCode, hashSessionToken } from '../../../src/lib/server/auth/tokens.ts';
import {
	bindingHash,
	newNonce,
	preSignInCookieName,
	readPreSignIn,
	signPreSignIn
} from '../../../src/lib/server/auth/pre-sign-in.ts';
import {
	knownBrowserHash,
	newKnownBrowserId,
	readKnownBrowser,
	signKnownBrowser
} from '../../../src/lib/server/auth/known-browser.ts';

const SECRET = 'test-secret';
const EMAIL = 'mara@example.org';
const PERSON = { id: '5b1f7f0e-6f55-4a39-9a43-0c6b1c7f2a11', email: EMAIL };
const TOKEN = 'A'.repeat(43);
const SESSION_COOKIE = sessionCookieName(true);
const PRE_COOKIE = preSignInCookieName(true);
const KNOWN_COOKIE = '__Host-zs_known_browser';
/** A genuine pre-sign-in cookie for this browser, and the binding the database knows it by. */
function browser() {
	const nonce = newNonce();
	const value = signPreSignIn(SECRET, nonce, Math.floor(Date.now() / 1000) + 600);
	return { cookie: { [PRE_COOKIE]: value }, binding: bindingHash(SECRET, nonce) };
}

type Answer = (sql: string, params: unknown[]) => unknown[] | undefined;

/**
 * A pool (and its one client) that logs every statement and answers with `answer`'s rows. A
 * transaction's opening comes with its first statement as one text (person.ts'
 * transactionHandle): that text is logged as its two statements and answered with a list, as
 * the server answers a text of several statements.
 */
function scriptedPool(answer: Answer = () => []) {
	const log: { sql: string; params: unknown[] }[] = [];
	const query = async (sql: string, params: unknown[] = []) => {
		const carried = /^begin; ([\s\S]+)$/.exec(sql);
		if (carried) {
			log.push({ sql: 'begin', params: [] }, { sql: carried[1]!, params });
			return [{ rows: [] }, { rows: answer(carried[1]!, params) ?? [] }];
		}
		log.push({ sql, params });
		return { rows: answer(sql, params) ?? [] };
	};
	const pool = { query, connect: async () => ({ query, release: () => undefined }) };
	return { pool: pool as unknown as pg.Pool, log };
}

/** Cookies that record set and delete calls with their options. */
function spyCookies(initial: Record<string, string> = {}) {
	const values = new Map(Object.entries(initial));
	const calls: { op: 'set' | 'delete'; name: string; opts: unknown }[] = [];
	const cookies = {
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string, opts: unknown) => {
			values.set(name, value);
			calls.push({ op: 'set', name, opts });
		},
		delete: (name: string, opts: unknown) => {
			values.delete(name);
			calls.push({ op: 'delete', name, opts });
		},
		serialize: () => ''
	};
	return { cookies: cookies as unknown as Cookies, calls, values };
}

function adapter(pool: pg.Pool, sent: number[] = []) {
	return emailCodeAuth({
		pool,
		deliver: async (id) => void sent.push(id),
		secret: SECRET,
		secureCookies: true,
		composeMail: (code) => ({ subject: 'Code', text: code })
	});
}

const ctx = (cookies: Cookies) => ({ ip: '192.0.2.1', locale: 'de' as const, cookies });

/**
 * A cookie is deleted with the attributes it was set with: a __Host- cookie set Secure is only
 * replaced by a Secure one (on http://localhost, where Kit would leave Secure out, it stayed).
 */
const AS_SET = expect.objectContaining({
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: true
});

describe('e-mail code adapter (scripted pool)', () => {
	it('refuses a code request when the rate-limit function returns no row', async () => {
		const { pool, log } = scriptedPool(() => []);
		const sent: number[] = [];
		const r = await adapter(pool, sent).requestCode(EMAIL, ctx(spyCookies().cookies));
		expect(r).toEqual({ ok: false, reason: 'rate_limited' });
		expect(sent).toEqual([]);
		expect(log.every((q) => q.sql.includes('hit_rate_limit'))).toBe(true);
	});

	it("a new code consumes only this browser's earlier open codes before it is stored", async () => {
		const { pool, log } = scriptedPool((sql) =>
			sql.includes('hit_rate_limit')
				? [{ ok: true }]
				: sql.includes('insert into private.outbox')
					? [{ id: 7 }]
					: sql.includes('count(*)')
						? [{ browser_sent: 0, address_sent: 0, wrong_today: 0 }]
						: []
		);
		const sent: number[] = [];
		const own = browser();
		const { cookies, calls } = spyCookies(own.cookie);
		const r = await adapter(pool, sent).requestCode(EMAIL, ctx(cookies));
		expect(r).toEqual({ ok: true });
		const statements = log.map((q) => q.sql.replace(/\s+/g, ' ').trim());
		const consume = statements.findIndex((s) =>
			/^update private\.sign_in_codes set consumed_at = now\(\) where email = \$1 and binding_hash = \$2 and consumed_at is null$/.test(
				s
			)
		);
		const insert = statements.findIndex((s) => s.startsWith('insert into private.sign_in_codes'));
		expect(consume).toBeGreaterThan(-1);
		expect(insert).toBeGreaterThan(consume);
		expect(log[consume]!.params).toEqual([EMAIL, own.binding]);
		expect(log[insert]!.params[2]).toBe(own.binding);
		// The code's mail is written in the same transaction, after the code, and sent at once.
		const mail = statements.findIndex((s) => s.startsWith('insert into private.outbox'));
		expect(mail).toBeGreaterThan(insert);
		expect(log[mail]!.params[3]).toMatch(/^\d{6}$/);
		expect(sent).toEqual([7]);
		// The browser keeps its binding, in a fresh, httpOnly, SameSite=Lax, short-lived cookie.
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ op: 'set', name: PRE_COOKIE });
		expect(calls[0]!.opts).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			maxAge: 30 * 60
		});
		const [nonce] = own.cookie[PRE_COOKIE]!.split('.');
		expect(readPreSignIn(SECRET, cookies.get(PRE_COOKIE))).toBe(nonce);
	});

	it('a browser without the cookie gets a new binding; a refused request sets no cookie', async () => {
		const answer = (full: boolean) => (sql: string) =>
			sql.includes('hit_rate_limit')
				? [{ ok: true }]
				: sql.includes('count(*)')
					? [{ browser_sent: full ? 5 : 0, address_sent: 0, wrong_today: 0 }]
					: sql.includes('insert into private.outbox')
						? [{ id: 1 }]
						: [];
		const fresh = spyCookies();
		expect(
			await adapter(scriptedPool(answer(false)).pool).requestCode(EMAIL, ctx(fresh.cookies))
		).toEqual({ ok: true });
		expect(readPreSignIn(SECRET, fresh.cookies.get(PRE_COOKIE))).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const full = spyCookies();
		expect(
			await adapter(scriptedPool(answer(true)).pool).requestCode(EMAIL, ctx(full.cookies))
		).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		expect(full.calls).toEqual([]);
	});

	it('verifying without the pre-sign-in cookie asks nothing of the database', async () => {
		const { pool, log } = scriptedPool(() => {
			throw new Error('no query expected');
		});
		const forged = spyCookies({ [PRE_COOKIE]: signPreSignIn('other', newNonce(), 2e9) });
		for (const cookies of [spyCookies().cookies, forged.cookies])
			expect(await adapter(pool).verifyCode(EMAIL, '123456', ctx(cookies))).toEqual({
				ok: false,
				reason: 'no_code'
			});
		expect(log).toEqual([]);
	});

	it('a verified code sets a 30-day, http-only __Host- session cookie, ends the pre-sign-in one and marks the browser known', async () => {
		const code = '042917';
		const own = browser();
		const { pool, log } = scriptedPool((sql) => {
			if (sql.includes('sum(attempts)')) return [{ failures: 0, since_last: null, wrong_today: 0 }];
			if (sql.includes('from private.sign_in_codes'))
				return [
					{ id: 'c1', code_hash: hashCode(SECRET, EMAIL, code), attempts: 0, expired: false }
				];
			if (sql.includes('insert into auth.users')) return [PERSON];
			return [];
		});
		const { cookies, calls } = spyCookies({ ...own.cookie, [SESSION_COOKIE]: TOKEN });
		const r = await adapter(pool).verifyCode(EMAIL, code, ctx(cookies));
		expect(r).toEqual({ ok: true, person: PERSON });
		// The transaction's first statement travels with its opening, its values written as literals.
		const locked = log.find((q) => q.sql.includes('for update'))!;
		expect(locked.params).toEqual([]);
		expect(locked.sql).toContain(`email = '${EMAIL}'`);
		expect(locked.sql).toContain(`binding_hash = '${own.binding}'`);
		// Rotation: the browser's earlier session ends, a new token is issued.
		const rotated = log.find((q) => q.sql.startsWith('delete from private.sessions'));
		expect(rotated!.params).toEqual([hashSessionToken(TOKEN)]);
		expect(calls).toHaveLength(3);
		expect(calls[0]).toMatchObject({ op: 'set', name: '__Host-zs_session' });
		expect(cookies.get(SESSION_COOKIE)).not.toBe(TOKEN);
		expect(calls[0]!.opts).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			maxAge: 30 * 24 * 60 * 60
		});
		expect(calls[1]).toEqual({ op: 'delete', name: PRE_COOKIE, opts: AS_SET });
		expect(calls[2]).toMatchObject({ op: 'set', name: KNOWN_COOKIE });
		// The mark's id is in the signed cookie; the server stores its hash for the person.
		const id = readKnownBrowser(SECRET, EMAIL, cookies.get(KNOWN_COOKIE))!;
		expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const stored = log.find((q) => q.sql.includes('insert into private.known_browser_marks'))!;
		expect(stored.params.slice(0, 2)).toEqual([knownBrowserHash(id), PERSON.id]);
		expect(log.some((q) => q.sql.includes('delete from private.known_browser_marks'))).toBe(false);
	});

	it("a sign-in replaces the browser's earlier mark, whichever address it was for", async () => {
		const code = '042917';
		const earlier = newKnownBrowserId();
		const { pool, log } = scriptedPool((sql) => {
			if (sql.includes('sum(attempts)')) return [{ failures: 0, since_last: null }];
			if (sql.includes('from private.sign_in_codes'))
				return [
					{ id: 'c1', code_hash: hashCode(SECRET, EMAIL, code), attempts: 0, expired: false }
				];
			if (sql.includes('insert into auth.users')) return [PERSON];
			return [];
		});
		const { cookies } = spyCookies({
			...browser().cookie,
			[KNOWN_COOKIE]: signKnownBrowser(SECRET, 'someone@example.org', earlier, 2e9)
		});
		expect(await adapter(pool).verifyCode(EMAIL, code, ctx(cookies))).toMatchObject({ ok: true });
		const replaced = log.findIndex((q) =>
			q.sql.includes('delete from private.known_browser_marks')
		);
		const stored = log.findIndex((q) => q.sql.includes('insert into private.known_browser_marks'));
		expect(log[replaced]!.params).toEqual([knownBrowserHash(earlier)]);
		expect(stored).toBeGreaterThan(replaced);
		expect(readKnownBrowser(SECRET, EMAIL, cookies.get(KNOWN_COOKIE))).not.toBe(earlier);
	});

	it('resolve: no cookie is nobody, without asking the database or touching cookies', async () => {
		const { pool, log } = scriptedPool(() => {
			throw new Error('no query expected');
		});
		const { cookies, calls } = spyCookies();
		expect(await adapter(pool).resolve(cookies)).toBeNull();
		expect(log).toEqual([]);
		expect(calls).toEqual([]);
	});

	it('resolve: a malformed cookie is deleted site-wide without a query', async () => {
		const { pool, log } = scriptedPool(() => [PERSON]);
		const { cookies, calls } = spyCookies({ [SESSION_COOKIE]: 'not-a-token' });
		expect(await adapter(pool).resolve(cookies)).toBeNull();
		expect(log).toEqual([]);
		expect(calls).toEqual([{ op: 'delete', name: SESSION_COOKIE, opts: AS_SET }]);
	});

	it('resolve: an unknown session is deleted site-wide; a live one is kept', async () => {
		const unknown = scriptedPool(() => []);
		const gone = spyCookies({ [SESSION_COOKIE]: TOKEN });
		expect(await adapter(unknown.pool).resolve(gone.cookies)).toBeNull();
		expect(unknown.log[0]!.params).toEqual([hashSessionToken(TOKEN), 30, 168]);
		expect(gone.calls).toEqual([{ op: 'delete', name: SESSION_COOKIE, opts: AS_SET }]);

		const live = scriptedPool(() => [PERSON]);
		const kept = spyCookies({ [SESSION_COOKIE]: TOKEN });
		expect(await adapter(live.pool).resolve(kept.cookies)).toEqual(PERSON);
		expect(kept.calls).toEqual([]);
	});

	it("signOut revokes the session and the browser's mark by their hashes and deletes both cookies site-wide", async () => {
		const { pool, log } = scriptedPool();
		const id = newKnownBrowserId();
		const { cookies, calls } = spyCookies({
			[SESSION_COOKIE]: TOKEN,
			[KNOWN_COOKIE]: signKnownBrowser(SECRET, EMAIL, id, 2e9)
		});
		await adapter(pool).signOut(cookies);
		// The session first: a failed mark deletion must not leave the browser signed in.
		expect(log).toHaveLength(2);
		expect(log[0]!.sql).toMatch(/update private\.sessions set revoked_at = now\(\)/);
		expect(log[0]!.params).toEqual([hashSessionToken(TOKEN)]);
		expect(log[1]!.sql).toBe('delete from private.known_browser_marks where id_hash = $1');
		expect(log[1]!.params).toEqual([knownBrowserHash(id)]);
		expect(calls).toEqual([
			{ op: 'delete', name: SESSION_COOKIE, opts: AS_SET },
			{ op: 'delete', name: KNOWN_COOKIE, opts: AS_SET }
		]);
	});

	it('signOut without cookies (or with a malformed mark) sends no query', async () => {
		const { pool, log } = scriptedPool();
		for (const initial of [{}, { [KNOWN_COOKIE]: 'garbage' }] as Record<string, string>[]) {
			const { cookies, calls } = spyCookies(initial);
			await adapter(pool).signOut(cookies);
			expect(calls).toEqual([
				{ op: 'delete', name: SESSION_COOKIE, opts: AS_SET },
				{ op: 'delete', name: KNOWN_COOKIE, opts: AS_SET }
			]);
		}
		expect(log).toEqual([]);
	});

	it("signOutEverywhere deletes every session and every mark of the live session's person", async () => {
		const { pool, log } = scriptedPool();
		const { cookies, calls } = spyCookies({ [SESSION_COOKIE]: TOKEN });
		await adapter(pool).signOutEverywhere(cookies);
		expect(log).toHaveLength(1);
		const sql = log[0]!.sql.replace(/\s+/g, ' ');
		expect(sql).toMatch(
			/^with me as \( select user_id from private\.sessions where token_hash = \$1 and revoked_at is null/
		);
		expect(sql).toContain(
			'delete from private.known_browser_marks where user_id = (select user_id from me)'
		);
		expect(sql).toContain('delete from private.sessions where user_id = (select user_id from me)');
		expect(log[0]!.params).toEqual([hashSessionToken(TOKEN)]);
		expect(calls).toEqual([
			{ op: 'delete', name: KNOWN_COOKIE, opts: AS_SET },
			{ op: 'delete', name: SESSION_COOKIE, opts: AS_SET }
		]);
	});
});
