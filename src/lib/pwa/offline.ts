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
