// Built-in sign-in with a six-digit e-mail code. Codes and sessions (sessions.ts) are stored
// hashed in Postgres (private schema), as are the rate limits, so any number of app instances agree.
//
// A code is bound to the browser that asked for it (the signed pre-sign-in cookie, see
// pre-sign-in.ts): it verifies only there, a new request replaces only that browser's code, and
// the sending and wrong-code caps count per address AND client (IPv4 address or IPv6 /64, stored
// as a keyed hash), so a stranger elsewhere spends only their own allowance; higher caps over all
// clients are the backstop against guessing from many clients and flooding an inbox. A browser
// that has signed in as the address before (a live known-browser mark, known-browser.ts) is exempt
// from those backstops, so strangers with many clients cannot lock the person out of their own
// browser; a mark spares only what one client may spend, counted over all clients that use it.
// The caps throttle sending, never checking a code someone already has. Wrong codes make that browser wait longer
// each time; a client with too many wrong codes for an address in a day gets no new code for it
// that day, and a browser that has entered a wrong code gets no further try then (a browser that
// has not still can use its code).
import type pg from 'pg';
import type { Cookies } from '@sveltejs/kit';
import { asSystem, type Tx } from '../db/person.ts';
import type { AuthPort, CodeVerifyResult, RequestContext, SignedInPerson } from './port.ts';
import { hashCode, newCode, sameHash } from './tokens.ts';
import {
	DEFAULT_LIMITS,
	DEFAULT_SESSIONS,
	waitAfter,
	type SessionTimeouts,
	type SignInLimits
} from './config.ts';
import {
	bindingHash,
	newNonce,
	PRE_SIGN_IN_MINUTES,
	preSignInCookieName,
	readPreSignIn,
	signPreSignIn
} from './pre-sign-in.ts';
import { sessionStore } from './sessions.ts';
import {
	KNOWN_BROWSER_DAYS,
	knownBrowserCookieName,
	knownBrowserHash,
	knownBrowserIdOf,
	liveKnownBrowser,
	newKnownBrowserId,
	readKnownBrowser,
	revokeKnownBrowser,
	signKnownBrowser,
	storeKnownBrowser
} from './known-browser.ts';
import { clientHash } from './client-key.ts';
import { sendingRefusal } from './sending-caps.ts';

const CODE_TTL_MINUTES = 10;
const MAX_ATTEMPTS = 5;
/** Code requests per client (IPv4 address or IPv6 /64) and hour (SIGN_IN_PER_IP_PER_HOUR). */
export const PER_IP = { window: '1 hour', max: 30 } as const;

export interface EmailCodeOptions {
	pool: pg.Pool;
	secret: string;
	secureCookies: boolean;
	composeMail(code: string, locale: 'de' | 'en'): { subject: string; text: string };
	/** Code requests per client address and hour; default PER_IP.max. */
	perIpMax?: number;
	limits?: SignInLimits;
	sessions?: SessionTimeouts;
	/** Sends the code's outbox row at once (the mail sender); without it the next run sends it. */
	deliver?(outboxId: number): Promise<unknown>;
	/** The clock of the session cache (tests). */
	now?: () => number;
}

export function emailCodeAuth(options: EmailCodeOptions): AuthPort {
	const { pool, secret } = options;
	const limits = options.limits ?? DEFAULT_LIMITS;
	const sessions = sessionStore({
		pool,
		secureCookies: options.secureCookies,
		timeouts: options.sessions ?? DEFAULT_SESSIONS,
		now: options.now
	});
	const PRE_COOKIE = preSignInCookieName(options.secureCookies);
	const KNOWN_COOKIE = knownBrowserCookieName(options.secureCookies);
	const cookieBase = {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: options.secureCookies
	} as const;

	async function withinIpLimit(ip: string) {
		// The bucket names the client by the same keyed hash as the codes do, never its address.
		const { rows } = await pool.query<{ ok: boolean }>(
			'select private.hit_rate_limit($1, $2::interval, $3) as ok',
			[`code:ip:${clientHash(secret, ip)}`, PER_IP.window, options.perIpMax ?? PER_IP.max]
		);
		return rows[0]?.ok === true;
	}

	/** The nonce of this browser's genuine pre-sign-in cookie, or null. */
	const browserOf = (cookies: Cookies) => readPreSignIn(secret, cookies.get(PRE_COOKIE));
	/**
	 * The hash of this browser's signed mark for `email`, or null; whether it still counts (not
	 * revoked, and within its own allowance) the transaction checks.
	 */
	const markOf = (email: string, cookies: Cookies) => {
		const id = readKnownBrowser(secret, email, cookies.get(KNOWN_COOKIE));
		return id ? knownBrowserHash(id) : null;
	};

	return {
		async requestCode(email: string, ctx: RequestContext) {
			// Every request from one client address counts, so probing many addresses is limited too.
			if (!(await withinIpLimit(ctx.ip))) return { ok: false, reason: 'rate_limited' };
			const nonce = browserOf(ctx.cookies) ?? newNonce();
			const binding = bindingHash(secret, nonce);
			const client = clientHash(secret, ctx.ip);
			const signedMark = markOf(email, ctx.cookies);
			const code = newCode();
			const mail = options.composeMail(code, ctx.locale);
			// The code and its mail are written together: no code without its mail, no mail for a
			// code that was not stored. The mail then goes out at once.
			const outcome = await asSystem(pool, async (tx) => {
				// One request per address at a time, so parallel requests cannot overrun the limits.
				await tx.query(`select pg_advisory_xact_lock(hashtext('sign-in:' || $1))`, [email]);
				// A revoked, expired or unknown mark is no mark.
				const mark =
					signedMark && (await liveKnownBrowser(tx, signedMark, email)) ? signedMark : null;
				const refused = await sendingRefusal(tx, limits, { email, binding, client, mark });
				if (refused) return { ok: false, reason: refused } as const;
				// A new code replaces this browser's earlier ones, never another browser's.
				await tx.query(
					`update private.sign_in_codes set consumed_at = now()
					 where email = $1 and binding_hash = $2 and consumed_at is null`,
					[email, binding]
				);
				// The code records the live mark it was asked under, so the mark's codes count over all
				// its clients (also once its allowance is spent).
				await tx.query(
					`insert into private.sign_in_codes
					   (email, code_hash, binding_hash, client_hash, known_browser_hash, expires_at)
					 values ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
					[email, hashCode(secret, email, code), binding, client, mark, CODE_TTL_MINUTES]
				);
				const { rows } = await tx.query<{ id: number }>(
					`insert into private.outbox (recipient, kind, locale, subject, body)
					 values ($1, 'sign_in_code', $2, $3, $4) returning id`,
					[email, ctx.locale, mail.subject, mail.text]
				);
				return { ok: true, outboxId: rows[0]?.id } as const;
			});
			if (!outcome.ok) return outcome;
			// The browser keeps its binding for a resend; the cookie lives a little past the code.
			const expires = Math.floor(Date.now() / 1000) + PRE_SIGN_IN_MINUTES * 60;
			ctx.cookies.set(PRE_COOKIE, signPreSignIn(secret, nonce, expires), {
				...cookieBase,
				maxAge: PRE_SIGN_IN_MINUTES * 60
			});
			if (outcome.outboxId !== undefined) await options.deliver?.(Number(outcome.outboxId));
			return { ok: true };
		},

		async verifyCode(email: string, code: string, ctx: RequestContext): Promise<CodeVerifyResult> {
			const nonce = browserOf(ctx.cookies);
			// Without the cookie of the browser that asked, no code can verify: nothing to check.
			if (!nonce) return { ok: false, reason: 'no_code' };
			const binding = bindingHash(secret, nonce);
			const signedMark = markOf(email, ctx.cookies);
			const earlierMark = knownBrowserIdOf(ctx.cookies.get(KNOWN_COOKIE));
			const markId = newKnownBrowserId();
			const markExpires = Math.floor(Date.now() / 1000) + KNOWN_BROWSER_DAYS * 24 * 60 * 60;
			const { result, token } = await asSystem(pool, async (tx) => {
				const refuse = (r: Exclude<CodeVerifyResult, { ok: true }>) => ({
					result: r,
					token: null
				});
				const { rows } = await tx.query<{
					id: string;
					code_hash: string;
					client_hash: string | null;
					known_browser_hash: string | null;
					attempts: number;
					expired: boolean;
				}>(
					`select id, code_hash, client_hash, known_browser_hash, attempts,
					        expires_at <= now() as expired
					 from private.sign_in_codes
					 where email = $1 and binding_hash = $2 and consumed_at is null
					 order by created_at desc limit 1
					 for update`,
					[email, binding]
				);
				const row = rows[0];
				if (!row) return refuse({ ok: false, reason: 'no_code' });
				if (row.expired) return refuse({ ok: false, reason: 'expired' });
				if (row.attempts >= MAX_ATTEMPTS) return refuse({ ok: false, reason: 'too_many_attempts' });
				// This browser's wrong codes of the last day; those on the codes the client that asked
				// for this one asked for; the address's from every client; and the mark's this code was
				// asked under, from every client.
				const { rows: history } = await tx.query<{
					failures: number;
					since_last: number | null;
					client_wrong: number;
					address_wrong: number;
					mark_wrong: number;
				}>(
					`select coalesce(sum(attempts) filter (where binding_hash = $2), 0)::int as failures,
					        extract(epoch from now() - max(last_failed_at) filter (where binding_hash = $2))::float8 as since_last,
					        coalesce(sum(attempts) filter (where client_hash = $3), 0)::int as client_wrong,
					        coalesce(sum(attempts), 0)::int as address_wrong,
					        coalesce(sum(attempts) filter (where known_browser_hash = $4), 0)::int as mark_wrong
					 from private.sign_in_codes
					 where email = $1 and created_at > now() - interval '1 day'`,
					[email, binding, row.client_hash, row.known_browser_hash]
				);
				const h = history[0]!;
				// Only a code asked under the mark this browser still holds is spared, while the mark
				// is live and its wrong codes from every client stay within one client's cap.
				const spared = async () =>
					row.known_browser_hash !== null &&
					row.known_browser_hash === signedMark &&
					h.mark_wrong < limits.wrongPerAddressPerDay &&
					(await liveKnownBrowser(tx, signedMark, email));
				// The daily caps stop browsers that have guessed wrong; one that has not keeps its try,
				// and a known browser is spared the backstop over all clients.
				if (
					h.failures > 0 &&
					(h.client_wrong >= limits.wrongPerAddressPerDay ||
						(h.address_wrong >= limits.wrongPerAddressAllClientsPerDay && !(await spared())))
				)
					return refuse({ ok: false, reason: 'too_many_attempts' });
				const wait = waitAfter(h.failures, limits.maxWaitSeconds) - (h.since_last ?? Infinity);
				if (wait > 0) return refuse({ ok: false, reason: 'wait', seconds: Math.ceil(wait) });
				if (!sameHash(row.code_hash, hashCode(secret, email, code))) {
					await tx.query(
						`update private.sign_in_codes set attempts = attempts + 1, last_failed_at = now()
						 where id = $1`,
						[row.id]
					);
					const reason = row.attempts + 1 >= MAX_ATTEMPTS ? 'too_many_attempts' : 'wrong_code';
					return refuse({ ok: false, reason });
				}
				await tx.query('update private.sign_in_codes set consumed_at = now() where id = $1', [
					row.id
				]);
				const person = await findOrCreateUser(tx, email);
				// The browser is now known for this address (one mark per browser: the last sign-in's).
				await storeKnownBrowser(tx, person.id, markId, markExpires, earlierMark);
				return {
					result: { ok: true, person } as const,
					token: await sessions.start(tx, person.id, ctx.cookies)
				};
			});
			// The cookies only once the session is committed; the pre-sign-in cookie has done its work.
			if (token) {
				sessions.started(ctx.cookies, token);
				ctx.cookies.delete(PRE_COOKIE, cookieBase);
				ctx.cookies.set(KNOWN_COOKIE, signKnownBrowser(secret, email, markId, markExpires), {
					...cookieBase,
					maxAge: KNOWN_BROWSER_DAYS * 24 * 60 * 60
				});
			}
			return result;
		},

		resolve: sessions.resolve,

		/** Signing out of a browser also ends its mark: a signed-out browser is no longer known. */
		async signOut(cookies: Cookies) {
			// The session first: a failed mark deletion must not leave the browser signed in.
			const mark = knownBrowserIdOf(cookies.get(KNOWN_COOKIE));
			await sessions.signOut(cookies);
			cookies.delete(KNOWN_COOKIE, cookieBase);
			if (mark) await revokeKnownBrowser(pool, mark);
		},

		/** Ends every session and every mark of the person (sessions.ts, one statement). */
		async signOutEverywhere(cookies: Cookies) {
			cookies.delete(KNOWN_COOKIE, cookieBase);
			await sessions.signOutEverywhere(cookies);
		},

		forgetSessionsOf: sessions.forgetSessionsOf
	};
}

async function findOrCreateUser(tx: Tx, email: string): Promise<SignedInPerson> {
	const { rows } = await tx.query<SignedInPerson>(
		`insert into auth.users (email, last_sign_in_at) values ($1, now())
		 on conflict (email) do update set last_sign_in_at = now()
		 returning id, email`,
		[email]
	);
	return rows[0]!;
}
