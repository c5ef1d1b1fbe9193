// The built-in sign-in's sessions: a random token in an httpOnly cookie (`__Host-` in
// production), only its hash in private.sessions, ended by the idle and absolute time-outs,
// sign-out, sign-out everywhere and a new sign-in in the browser. A server keeps the sessions it
// has looked up for a few seconds (session-cache.ts); whatever ends a session here writes the
// database first and then forgets it. "Sign out everywhere" also ends the person's known-browser
// marks.
import type pg from 'pg';
import type { Cookies } from '@sveltejs/kit';
import type { Tx } from '../db/person.ts';
import type { SignedInPerson } from './port.ts';
import { hashSessionToken, newSessionToken, SESSION_TOKEN_SHAPE } from './tokens.ts';
import type { SessionTimeouts } from './config.ts';
import { sessionCache } from './session-cache.ts';

/** `__Host-` where cookies are Secure (production: no Domain, Path=/), a plain name on http. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-zs_session' : 'zs_session';
}

export interface SessionStoreOptions {
	pool: pg.Pool;
	secureCookies: boolean;
	timeouts: SessionTimeouts;
	/** The clock of the session cache (tests). */
	now?: () => number;
}

export function sessionStore({ pool, secureCookies, timeouts, now }: SessionStoreOptions) {
	const live = sessionCache(timeouts.recheckSeconds, { now });
	const COOKIE = sessionCookieName(secureCookies);
	const cookieOptions = {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies,
		maxAge: timeouts.maxDays * 24 * 60 * 60
	} as const;
	const liveToken = (cookies: Cookies) => {
		const token = cookies.get(COOKIE);
		return token && SESSION_TOKEN_SHAPE.test(token) ? token : undefined;
	};

	return {
		/**
		 * Inside the verifying transaction (PGlite has one connection, and the code and the session
		 * go together): the browser's session from before, if any, ends; the new one gets a new token.
		 * Its cookie is set by `started`, once the transaction is committed.
		 */
		async start(tx: Tx, userId: string, cookies: Cookies): Promise<string> {
			const previous = liveToken(cookies);
			if (previous)
				await tx.query('delete from private.sessions where token_hash = $1', [
					hashSessionToken(previous)
				]);
			const token = newSessionToken();
			await tx.query(
				`insert into private.sessions (token_hash, user_id, expires_at)
				 values ($1, $2, now() + make_interval(days => $3))`,
				[hashSessionToken(token), userId, timeouts.maxDays]
			);
			return token;
		},

		/** After `start`'s transaction committed: this server forgets the session it replaced. */
		started(cookies: Cookies, token: string): void {
			const previous = liveToken(cookies);
			if (previous) live.forgetToken(hashSessionToken(previous));
			cookies.set(COOKIE, token, cookieOptions);
		},

		async resolve(cookies: Cookies): Promise<SignedInPerson | null> {
			const token = cookies.get(COOKIE);
			if (!token) return null;
			if (!SESSION_TOKEN_SHAPE.test(token)) {
				cookies.delete(COOKIE, cookieOptions);
				return null;
			}
			const hash = hashSessionToken(token);
			const known = live.get(hash);
			if (known) return known;
			const mark = live.mark();
			// One statement: the live session's person, and its last use moved forward when it is
			// more than a minute old (so a page view writes at most once a minute); a function, so
			// PostgreSQL keeps its plan (private.session_person, in the sign-in migration).
			const { rows } = await pool.query<SignedInPerson>(
				'select id, email from private.session_person($1, $2, $3)',
				[hash, timeouts.maxDays, timeouts.idleHours]
			);
			if (!rows[0]) {
				cookies.delete(COOKIE, cookieOptions);
				return null;
			}
			live.keep(hash, rows[0], mark);
			return rows[0];
		},

		async signOut(cookies: Cookies): Promise<void> {
			const token = cookies.get(COOKIE);
			if (token) {
				const hash = hashSessionToken(token);
				await pool.query('update private.sessions set revoked_at = now() where token_hash = $1', [
					hash
				]);
				live.forgetToken(hash);
			}
			cookies.delete(COOKIE, cookieOptions);
		},

		async signOutEverywhere(cookies: Cookies): Promise<void> {
			const token = liveToken(cookies);
			if (token) {
				const hash = hashSessionToken(token);
				// Only a live session can end the others (a revoked or expired token ends nothing).
				// Its person's known-browser marks end with them, in the same statement: no browser
				// stays spared the sign-in caps over all clients (known-browser.ts).
				const { rows } = await pool.query<{ user_id: string }>(
					`with me as (
					   select user_id from private.sessions
					   where token_hash = $1 and revoked_at is null and expires_at > now()
					 ), marks as (
					   delete from private.known_browser_marks where user_id = (select user_id from me)
					 )
					 delete from private.sessions where user_id = (select user_id from me)
					 returning user_id`,
					[hash]
				);
				live.forgetToken(hash);
				if (rows[0]) live.forgetPerson(rows[0].user_id);
			}
			cookies.delete(COOKIE, cookieOptions);
		},

		forgetSessionsOf(personId: string): void {
			live.forgetPerson(personId);
		}
	};
}
