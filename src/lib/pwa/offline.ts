// What the service worker keeps for offline use, shared by the worker and the page.

/** The helper's own pages that stay readable offline once visited: my matches and my month. */
export const OFFLINE_READABLE: readonly string[] = ['/matches', '/hours'];

/** The cache of those pages: personal, so it is emptied on sign-out and on sign-in. */
export const PAGE_CACHE = 'zs-pages';

/** The page shown for any other page when the network is gone (precached). */
export const OFFLINE_PAGE = '/offline';

export const isOfflineReadable = (pathname: string): boolean => OFFLINE_READABLE.includes(pathname);

/** Posting to these changes who is signed in, so the personal page cache goes first. */
export const isSessionChange = (pathname: string): boolean =>
	pathname === '/sign-out' || pathname === '/sign-in';
