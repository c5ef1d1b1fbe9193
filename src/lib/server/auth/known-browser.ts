// The known-browser mark: set when a sign-in succeeds, it says "this browser has signed in as this
// address before". Such a browser is exempt from the sign-in caps counted over all clients (the
// backstops that strangers on many clients could otherwise spend to lock the person out); it keeps
// its own per-browser and per-client caps and its growing waits (email-code.ts).
//
// Value: `<mark id>.<expires, unix seconds>.<HMAC-SHA256 over the address, the id and the expiry,
// base64url>`, keyed with a key derived from AUTH_SECRET for this purpose only. The MAC is the
// keyed hash that names the address: the cookie never holds the address in clear, and a mark for
// one address (or a forged one) is no mark for another. The id is random and the database keeps
// its hash (private.known_browser_marks), so a mark counts only while its row lives: signing out
// of the browser, "sign out everywhere" and deleting the account revoke it, and what a mark spares
// is counted per mark across all clients, so a copied mark spares at most what one browser needs.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { Tx } from '../db/person.ts';

/** How long a browser stays known after its last sign-in (browsers keep a cookie ≤ 400 days). */
export const KNOWN_BROWSER_DAYS = 180;

const ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const VALUE_SHAPE = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** `__Host-` where cookies are Secure (production: no Domain, Path=/), a plain name on http. */
export function knownBrowserCookieName(secure: boolean): string {
	return secure ? '__Host-zs_known_browser' : 'zs_known_browser';
}

function mac(secret: string, email: string, id: string, expires: number): string {
	const key = createHmac('sha256', secret).update('zeitspende known-browser mark').digest();
	return createHmac('sha256', key).update(`${email}\n${id}\n${expires}`).digest('base64url');
}

/** 128 random bits: a mark's id. */
export function newKnownBrowserId(): string {
	return randomBytes(16).toString('base64url');
}

export function signKnownBrowser(secret: string, email: string, id: string, expires: number) {
	return `${id}.${expires}.${mac(secret, email, id, expires)}`;
}

/**
 * The id of a genuine, unexpired mark of exactly this address; null for anything else. Whether
 * the mark still counts (not revoked) only the database says: `liveKnownBrowser`.
 */
export function readKnownBrowser(
	secret: string,
	email: string,
	value: string | undefined,
	nowSeconds = Math.floor(Date.now() / 1000)
): string | null {
	const match = value && value.length <= 100 ? VALUE_SHAPE.exec(value) : null;
	if (!match) return null;
	const [, id, expiresText, signature] = match as unknown as [string, string, string, string];
	const expires = Number(expiresText);
	const expected = Buffer.from(mac(secret, email, id, expires));
	const given = Buffer.from(signature);
	return expected.length === given.length &&
		timingSafeEqual(expected, given) &&
		expires > nowSeconds
		? id
		: null;
}

/** The id in a well-formed value, unchecked: enough to revoke the mark the browser holds. */
export function knownBrowserIdOf(value: string | undefined): string | null {
	const id = value?.split('.')[0];
	return id && ID_SHAPE.test(id) ? id : null;
}

/** What the database stores: never the id itself, so a leaked table marks no browser. */
export function knownBrowserHash(id: string): string {
	return createHash('sha256').update(`known-browser.${id}`).digest('hex');
}

/**
 * Whether the mark is stored, unexpired and for the person with this address (not revoked by a
 * sign-out, "sign out everywhere" or the account's deletion); its last use moves to now.
 */
export async function liveKnownBrowser(tx: Tx, hash: string, email: string): Promise<boolean> {
	const { rows } = await tx.query(
		`update private.known_browser_marks k set last_used_at = now()
		 from auth.users u
		 where k.id_hash = $1 and k.expires_at > now() and u.id = k.user_id and u.email = $2
		 returning k.id_hash`,
		[hash, email]
	);
	return rows.length > 0;
}

/**
 * Inside the sign-in's transaction: the browser's new mark for the person, replacing the one it
 * held before (for whichever address: a browser holds one mark).
 */
export async function storeKnownBrowser(
	tx: Tx,
	userId: string,
	id: string,
	expires: number,
	previous: string | null
): Promise<void> {
	if (previous)
		await tx.query('delete from private.known_browser_marks where id_hash = $1', [
			knownBrowserHash(previous)
		]);
	await tx.query(
		`insert into private.known_browser_marks (id_hash, user_id, expires_at)
		 values ($1, $2, to_timestamp($3))`,
		[knownBrowserHash(id), userId, expires]
	);
}

/** Revokes the mark this browser holds (signing out of it). */
export async function revokeKnownBrowser(pool: pg.Pool, id: string): Promise<void> {
	await pool.query('delete from private.known_browser_marks where id_hash = $1', [
		knownBrowserHash(id)
	]);
}
