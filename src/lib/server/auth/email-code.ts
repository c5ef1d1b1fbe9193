// Built-in sign-in with a six-digit e-mail code. Codes and sessions are stored hashed in
// Postgres (private schema), as are the rate limits, so any number of app instances agree.
import type pg from 'pg';
import type { Cookies } from '@sveltejs/kit';
import { asSystem, type Tx } from '../db/person.ts';
import type { AuthPort, CodeVerifyResult, RequestContext, SignedInPerson } from './port.ts';
import {
	hashCode,
	hashSessionToken,
	newCode,
	newSessionToken,
	sameHash,
	SESSION_TOKEN_SHAPE
} from './tokens.ts';

export const SESSION_COOKIE = 'zs_session';
const CODE_TTL_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const SESSION_DAYS = 30;
export const LIMITS = {
	perAddress: { window: '15 minutes', max: 5 },
	perIp: { window: '1 hour', max: 30 }
} as const;

export interface EmailCodeOptions {
	pool: pg.Pool;
	secret: string;
	secureCookies: boolean;
	composeMail(code: string, locale: 'de' | 'en'): { subject: string; text: string };
	/** Code requests per client address and hour; default LIMITS.perIp.max. */
	perIpMax?: number;
	/** Sends the code's outbox row at once (the mail sender); without it the next run sends it. */
	deliver?(outboxId: number): Promise<unknown>;
}

export function emailCodeAuth(options: EmailCodeOptions): AuthPort {
	const { pool, secret } = options;

	async function withinLimit(bucket: string, limit: { window: string; max: number }) {
		const { rows } = await pool.query<{ ok: boolean }>(
			'select private.hit_rate_limit($1, $2::interval, $3) as ok',
			[bucket, limit.window, limit.max]
		);
		return rows[0]?.ok === true;
	}

	function setSessionCookie(cookies: Cookies, token: string) {
		cookies.set(SESSION_COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: options.secureCookies,
			maxAge: SESSION_DAYS * 24 * 60 * 60
		});
	}

	/** Inside the verifying transaction: PGlite has one connection, and the code and session go together. */
	async function startSession(tx: Tx, userId: string): Promise<string> {
		const token = newSessionToken();
		await tx.query(
			`insert into private.sessions (token_hash, user_id, expires_at)
			 values ($1, $2, now() + make_interval(days => $3))`,
			[hashSessionToken(token), userId, SESSION_DAYS]
		);
		return token;
	}

	return {
		async requestCode(email: string, ctx: RequestContext) {
			// Both buckets count every request, so probing many addresses from one IP is limited too.
			const addressOk = await withinLimit(`code:address:${email}`, LIMITS.perAddress);
			const ipOk = await withinLimit(`code:ip:${ctx.ip}`, {
				...LIMITS.perIp,
				max: options.perIpMax ?? LIMITS.perIp.max
			});
			if (!addressOk || !ipOk) return { ok: false, reason: 'rate_limited' };
			const code = newCode();
			const mail = options.composeMail(code, ctx.locale);
			// The code and its mail are written together: no code without its mail, no mail for a
			// code that was not stored. The mail then goes out at once.
			const outboxId = await asSystem(pool, async (tx) => {
				// A new code replaces the ones before it.
				await tx.query(
					'update private.sign_in_codes set consumed_at = now() where email = $1 and consumed_at is null',
					[email]
				);
				await tx.query(
					`insert into private.sign_in_codes (email, code_hash, expires_at)
					 values ($1, $2, now() + make_interval(mins => $3))`,
					[email, hashCode(secret, email, code), CODE_TTL_MINUTES]
				);
				const { rows } = await tx.query<{ id: number }>(
					`insert into private.outbox (recipient, kind, locale, subject, body)
					 values ($1, 'sign_in_code', $2, $3, $4) returning id`,
					[email, ctx.locale, mail.subject, mail.text]
				);
				return rows[0]?.id;
			});
			if (outboxId !== undefined) await options.deliver?.(Number(outboxId));
			return { ok: true };
		},

		async verifyCode(email: string, code: string, ctx: RequestContext): Promise<CodeVerifyResult> {
			const { result, token } = await asSystem(pool, async (tx) => {
				const { rows } = await tx.query<{
					id: string;
					code_hash: string;
					attempts: number;
					expired: boolean;
				}>(
					`select id, code_hash, attempts, expires_at <= now() as expired
					 from private.sign_in_codes
					 where email = $1 and consumed_at is null
					 order by created_at desc limit 1
					 for update`,
					[email]
				);
				const row = rows[0];
				if (!row) return { result: { ok: false, reason: 'wrong_code' } as const, token: null };
				if (row.expired) return { result: { ok: false, reason: 'expired' } as const, token: null };
				if (row.attempts >= MAX_ATTEMPTS)
					return { result: { ok: false, reason: 'too_many_attempts' } as const, token: null };
				if (!sameHash(row.code_hash, hashCode(secret, email, code))) {
					await tx.query('update private.sign_in_codes set attempts = attempts + 1 where id = $1', [
						row.id
					]);
					const reason = row.attempts + 1 >= MAX_ATTEMPTS ? 'too_many_attempts' : 'wrong_code';
					return { result: { ok: false, reason } as const, token: null };
				}
				await tx.query('update private.sign_in_codes set consumed_at = now() where id = $1', [
					row.id
				]);
				const person = await findOrCreateUser(tx, email);
				return { result: { ok: true, person } as const, token: await startSession(tx, person.id) };
			});
			// The cookie only once the session is committed.
			if (token) setSessionCookie(ctx.cookies, token);
			return result;
		},

		async resolve(cookies: Cookies): Promise<SignedInPerson | null> {
			const token = cookies.get(SESSION_COOKIE);
			if (!token) return null;
			if (!SESSION_TOKEN_SHAPE.test(token)) {
				cookies.delete(SESSION_COOKIE, { path: '/' });
				return null;
			}
			const { rows } = await pool.query<SignedInPerson>(
				`select u.id, u.email from private.sessions s join auth.users u on u.id = s.user_id
				 where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()`,
				[hashSessionToken(token)]
			);
			if (!rows[0]) cookies.delete(SESSION_COOKIE, { path: '/' });
			return rows[0] ?? null;
		},

		async signOut(cookies: Cookies) {
			const token = cookies.get(SESSION_COOKIE);
			if (token) {
				await pool.query('update private.sessions set revoked_at = now() where token_hash = $1', [
					hashSessionToken(token)
				]);
			}
			cookies.delete(SESSION_COOKIE, { path: '/' });
		}
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
