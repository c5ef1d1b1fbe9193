// The pre-sign-in cookie: set when a sign-in code is requested, it names that request's browser.
// The code is stored with a keyed hash of the cookie's nonce and verifies only where the cookie
// is, so a code guessed (or intercepted) elsewhere is worthless, and a stranger asking for a code
// for someone's address gets a code bound to the stranger's own browser.
//
// Value: `<nonce>.<expires, unix seconds>.<HMAC-SHA256 over both, base64url>`, keyed with a key
// derived from AUTH_SECRET for this purpose only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a browser may finish a sign-in after asking for its last code (codes live 10 minutes). */
export const PRE_SIGN_IN_MINUTES = 30;

const NONCE_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** `__Host-` where cookies are Secure (production: no Domain, Path=/), a plain name on http. */
export function preSignInCookieName(secure: boolean): string {
	return secure ? '__Host-zs_pre_sign_in' : 'zs_pre_sign_in';
}

function key(secret: string): Buffer {
	return createHmac('sha256', secret).update('zeitspende pre-sign-in cookie').digest();
}

function mac(secret: string, nonce: string, expires: number): string {
	return createHmac('sha256', key(secret)).update(`${nonce}.${expires}`).digest('base64url');
}

/** 128 random bits. */
export function newNonce(): string {
	return randomBytes(16).toString('base64url');
}

export function signPreSignIn(secret: string, nonce: string, expires: number): string {
	return `${nonce}.${expires}.${mac(secret, nonce, expires)}`;
}

/** The nonce of a genuine, unexpired cookie value; null for anything else. */
export function readPreSignIn(
	secret: string,
	value: string | undefined,
	nowSeconds = Math.floor(Date.now() / 1000)
): string | null {
	// Cheap refusals before the MAC; what they let through, the checks after them refuse as well
	// (no genuine value is that long, an empty nonce fails its shape, a malformed expiry its MAC).
	// Stryker disable next-line ConditionalExpression,EqualityOperator: see above
	if (!value || value.length > 200) return null;
	const [nonce, expiresText, signature, ...rest] = value.split('.');
	// Stryker disable next-line ConditionalExpression,LogicalOperator: see above
	if (rest.length || !nonce || !expiresText || !signature) return null;
	// Stryker disable next-line ConditionalExpression,LogicalOperator,Regex: see above
	if (!NONCE_SHAPE.test(nonce) || !/^\d{1,12}$/.test(expiresText)) return null;
	const expires = Number(expiresText);
	const expected = Buffer.from(mac(secret, nonce, expires));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	return expires > nowSeconds ? nonce : null;
}

/** What the database stores: never the nonce itself, so a leaked table binds to no browser. */
export function bindingHash(secret: string, nonce: string): string {
	return createHmac('sha256', key(secret)).update(`binding.${nonce}`).digest('hex');
}
