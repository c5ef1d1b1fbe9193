// The auth port: how a person proves who they are. Two adapters: built-in e-mail codes
// (default; self-hosting) and Supabase Auth (when a Supabase project is configured).
import type { Cookies } from '@sveltejs/kit';

export interface SignedInPerson {
	id: string;
	email: string;
}

export type CodeRequestResult =
	{ ok: true } | { ok: false; reason: 'rate_limited' | 'unavailable' };

export type CodeVerifyResult =
	| { ok: true; person: SignedInPerson }
	| { ok: false; reason: 'wrong_code' | 'expired' | 'too_many_attempts' | 'unavailable' };

export interface RequestContext {
	cookies: Cookies;
	ip: string;
	locale: 'de' | 'en';
}

export interface AuthPort {
	/** Sends a six-digit sign-in code to the address. */
	requestCode(email: string, ctx: RequestContext): Promise<CodeRequestResult>;
	/** Checks the code; on success the session cookie is set. */
	verifyCode(email: string, code: string, ctx: RequestContext): Promise<CodeVerifyResult>;
	/** The verified person behind the request's cookies, or null. Never trusts an unverified token. */
	resolve(cookies: Cookies): Promise<SignedInPerson | null>;
	signOut(cookies: Cookies): Promise<void>;
}
