// The known-browser mark: set when a sign-in succeeds, it says "this browser has signed in as this
// address before". Such a browser is exempt from the sign-in caps counted over all clients (the
// backstops that strangers on many clients could otherwise spend to lock the person out); it keeps
// its own per-browser and per-client caps and its growing waits (email-code.ts).
//
// Value: `<expires, unix seconds>.<HMAC-SHA256 over the address and the expiry, base64url>`,
// keyed with a key derived from AUTH_SECRET for this purpose only. The MAC is the keyed hash that
// names the address: the cookie never holds the address in clear, and a mark for one address (or
// a forged one) is no mark for another.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a browser stays known after its last sign-in (browsers keep a cookie ≤ 400 days). */
export const KNOWN_BROWSER_DAYS = 180;

/** `__Host-` where cookies are Secure (production: no Domain, Path=/), a plain name on http. */
export function knownBrowserCookieName(secure: boolean): string {
	return secure ? '__Host-zs_known_browser' : 'zs_known_browser';
}

function mac(secret: string, email: string, expires: number): string {
	const key = createHmac('sha256', secret).update('zeitspende known-browser mark').digest();
	return createHmac('sha256', key).update(`${email}\n${expires}`).digest('base64url');
}

export function signKnownBrowser(secret: string, email: string, expires: number): string {
	return `${expires}.${mac(secret, email, expires)}`;
}

/** True for a genuine, unexpired mark of exactly this address; false for anything else. */
export function isKnownBrowser(
	secret: string,
	email: string,
	value: string | undefined,
	nowSeconds = Math.floor(Date.now() / 1000)
): boolean {
	const match =
		value && value.length <= 100 ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
	if (!match) return false;
	const expires = Number(match[1]);
	const expected = Buffer.from(mac(secret, email, expires));
	const given = Buffer.from(match[2]!);
	return (
		expected.length === given.length && timingSafeEqual(expected, given) && expires > nowSeconds
	);
}
