// Supabase Auth adapter: used when PUBLIC_SUPABASE_URL and its key are set. One server
// client per request (cookies are per request); the person is taken from getClaims(),
// which verifies the JWT (against the project's JWKS, or with the Auth server), never
// from a bare getSession().
import { createServerClient } from '@supabase/ssr';
import type { Cookies } from '@sveltejs/kit';
import type { AuthPort, CodeRequestResult, CodeVerifyResult, SignedInPerson } from './port.ts';

export interface SupabaseAuthOptions {
	url: string;
	key: string;
	secureCookies: boolean;
	/** Injected in tests, where no Supabase server runs. */
	fetch?: typeof fetch;
}

/**
 * The session cookies' name where cookies are Secure (production): `__Host-` (Secure, Path=/, no
 * Domain), as the built-in sign-in's. On plain http Supabase's own `sb-<project>-auth-token`.
 */
export const SUPABASE_SECURE_COOKIE = '__Host-zs-sb-auth';

export function supabaseAuth(options: SupabaseAuthOptions): AuthPort {
	function clientFor(cookies: Cookies) {
		return createServerClient(options.url, options.key, {
			...(options.secureCookies ? { cookieOptions: { name: SUPABASE_SECURE_COOKIE } } : {}),
			cookies: {
				getAll: () => cookies.getAll(),
				setAll: (list) => {
					for (const { name, value, options: o } of list) {
						cookies.set(name, value, {
							...o,
							path: '/',
							httpOnly: true,
							secure: options.secureCookies,
							sameSite: 'lax'
						});
					}
				}
			},
			global: options.fetch ? { fetch: options.fetch } : undefined
		});
	}

	return {
		async requestCode(email, ctx): Promise<CodeRequestResult> {
			const { error } = await clientFor(ctx.cookies).auth.signInWithOtp({
				email,
				options: { shouldCreateUser: true, data: { locale: ctx.locale } }
			});
			if (!error) return { ok: true };
			return { ok: false, reason: error.status === 429 ? 'rate_limited' : 'unavailable' };
		},

		async verifyCode(email, code, ctx): Promise<CodeVerifyResult> {
			const { data, error } = await clientFor(ctx.cookies).auth.verifyOtp({
				email,
				token: code,
				type: 'email'
			});
			if (error || !data.user) {
				if (error?.status === 429) return { ok: false, reason: 'too_many_attempts' };
				if (error?.code === 'otp_expired') return { ok: false, reason: 'expired' };
				return {
					ok: false,
					reason: error && error.status && error.status >= 500 ? 'unavailable' : 'wrong_code'
				};
			}
			return { ok: true, person: { id: data.user.id, email: data.user.email ?? email } };
		},

		async resolve(cookies): Promise<SignedInPerson | null> {
			const { data, error } = await clientFor(cookies).auth.getClaims();
			const claims = data?.claims;
			if (error || !claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated')
				return null;
			return { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : '' };
		},

		async signOut(cookies) {
			await clientFor(cookies).auth.signOut();
		},

		/** Supabase ends every refresh token of the person (scope global); access tokens run out. */
		async signOutEverywhere(cookies) {
			await clientFor(cookies).auth.signOut({ scope: 'global' });
		},

		/** Nothing kept here: each request checks the access token's signature and expiry. */
		forgetSessionsOf() {}
	};
}
