// The auth port: how a person proves who they are. Two adapters: built-in e-mail codes
// (default; self-hosting) and Supabase Auth (when a Supabase project is configured).
import type { Cookies } from '@sveltejs/kit';

export interface SignedInPerson {
	id: string;
	email: string;
}

export type CodeRequestResult =
	| { ok: true }
	/** daily_limit: too many wrong codes for this address in 24 hours (built-in sign-in). */
	| { ok: false; reason: 'rate_limited' | 'daily_limit' | 'unavailable' };

export type CodeVerifyResult =
	| { ok: true; person: SignedInPerson }
	| { ok: false; reason: 'wrong_code' | 'expired' | 'too_many_attempts' | 'unavailable' }
	/** No open code for this address in this browser (codes are bound to the browser that asked). */
	| { ok: false; reason: 'no_code' }
	/** A growing wait after wrong codes: try again in `seconds`. Not counted as an attempt. */
	| { ok: false; reason: 'wait'; seconds: number };

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
	/** Ends every session of the person behind the cookies, on every device, this one included. */
	signOutEverywhere(cookies: Cookies): Promise<void>;
	/**
	 * Drops what this server keeps of the person's sessions, once the database has ended them
	 * (their account deleted): no request of theirs is answered from memory after it.
	 */
	forgetSessionsOf(personId: string): void;
}
