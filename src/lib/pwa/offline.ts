// What the service worker keeps for offline use, shared by the worker and the page.

/** The helper's own pages that stay readable offline once visited: my matches and my month. */
export const OFFLINE_READABLE: readonly string[] = ['/matches', '/hours'];

/**
 * The cache of those pages: personal, so it is emptied on sign-out, on sign-in and when the
 * account is deleted.
 */
export const PAGE_CACHE = 'zs-pages';

/** The page shown for any other page when the network is gone (precached). */
export const OFFLINE_PAGE = '/offline';

export const isOfflineReadable = (pathname: string): boolean => OFFLINE_READABLE.includes(pathname);

/** Sent by the server with those pages: its session idle time-out, in seconds. */
export const KEEP_SECONDS_HEADER = 'x-zs-keep-seconds';
/** Added by the worker to the copy it keeps: when, by the device's clock (ms since 1970). */
export const KEPT_AT_HEADER = 'x-zs-kept-at';

/** The copy to keep, stamped with when it was kept. */
export function stamped(response: Response, now: number): Response {
	const headers = new Headers(response.headers);
	headers.set(KEPT_AT_HEADER, String(now));
	const { status, statusText } = response;
	return new Response(response.body, { status, statusText, headers });
}

/**
 * A kept page is shown no longer than the session that fetched it would last unused: older, that
 * session has ended (signed out elsewhere, or expired), and so has the copy. Without both headers,
 * or with the clock turned back, it is not shown either.
 */
export function isFresh(kept: Response, now: number): boolean {
	const keep = Number(kept.headers.get(KEEP_SECONDS_HEADER));
	const at = Number(kept.headers.get(KEPT_AT_HEADER));
	return keep > 0 && at > 0 && now >= at && now - at <= keep * 1000;
}

/** The form post that deletes the person's account (src/routes/(signed-in)/profile/data). */
export const DELETE_ACCOUNT = '/profile/data?/delete';

/**
 * Posting to these ends the person's time on this device (sign-out, this device or everywhere;
 * deleting the account): their kept pages and the actions still waiting to be sent go.
 */
export const isSessionEnd = (url: URL): boolean =>
	url.pathname === '/sign-out' || url.pathname + url.search === DELETE_ACCOUNT;

/** Posting to these changes who is signed in, so the personal page cache goes first. */
export const isSessionChange = (url: URL): boolean =>
	isSessionEnd(url) || url.pathname === '/sign-in';
