/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker, from workbox modules: the build precached, pages from the network with an
// offline page, the helper's matches and month readable offline. Registered by
// src/lib/pwa/ServiceWorker.svelte (workbox-window) and, on the pages without SvelteKit's client,
// by src/lib/pwa/page-script.ts; both offer a new version when one waits.
import { build, files, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import {
	addPlugins,
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute
} from 'workbox-precaching';
import { registerRoute, Route } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import {
	isFresh,
	isOfflineReadable,
	isSessionChange,
	isSessionEnd,
	OFFLINE_PAGE,
	PAGE_CACHE,
	stamped
} from '$lib/pwa/offline.ts';
import { clear as clearOutbox, sendAll, SYNC_TAG } from '$lib/pwa/outbox.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

// A new version waits until the person chooses "reload" (the page sends SKIP_WAITING);
// the very first one takes over the open page at once, so it works offline from the first visit.
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});
clientsClaim();

// ---- Precache: the app's built files (hashed, so no revision, except the page script's fixed
// name: vite.config.ts), static files and the offline page.
// Fetched without cookies: nothing personal may end up in the precache (the offline page is
// rendered for nobody, in German with the English text beside it).
addPlugins([
	{ requestWillFetch: async ({ request }) => new Request(request, { credentials: 'omit' }) }
]);
precacheAndRoute([
	...build.map((url) => ({ url, revision: url.includes('/immutable/') ? null : version })),
	...files.map((url) => ({ url, revision: version })),
	{ url: OFFLINE_PAGE, revision: version }
]);
cleanupOutdatedCaches();

// ---- Personal pages: only a clean 200 answer of our own is kept, stamped with when; a redirect
// (signed out, session expired) means the person is no longer signed in here, so their kept pages
// go; a copy older than the server's session idle time-out is neither shown nor kept.
const personalPages: WorkboxPlugin = {
	cacheWillUpdate: async ({ response }) =>
		response.status === 200 && response.type === 'basic' && !response.redirected
			? stamped(response, Date.now())
			: null,
	cachedResponseWillBeUsed: async ({ cachedResponse, request }) => {
		if (!cachedResponse || isFresh(cachedResponse, Date.now())) return cachedResponse ?? null;
		await (await caches.open(PAGE_CACHE)).delete(request);
		return null;
	},
	fetchDidSucceed: async ({ response }) => {
		if (response.type === 'opaqueredirect' || response.redirected) await caches.delete(PAGE_CACHE);
		return response;
	}
};

/**
 * Sign-out, deleting the account and sign-in: the personal pages are gone before the request
 * leaves; on sign-out and deletion the actions still waiting to be sent too (src/lib/pwa/outbox.ts).
 * Not on sign-in: a queue kept while the session had expired is sent once the person is back.
 * The server's answer to sign-out and deletion also says Clear-Site-Data, for a browser whose page
 * no worker controls.
 */
registerRoute(
	({ url }) => url.origin === sw.location.origin && isSessionChange(url),
	async ({ request, url }) => {
		await caches.delete(PAGE_CACHE);
		if (isSessionEnd(url)) await clearOutbox().catch(() => undefined);
		return fetch(request);
	},
	'POST'
);

// ---- Actions done offline (src/lib/pwa/outbox.ts): the browser's background sync sends them
// when the connection is back, even with the page closed. The server refuses another person's
// entry and answers a repeat (the page may send the same at once) with its first answer.
interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}
sw.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag !== SYNC_TAG) return;
	sync.waitUntil(
		sendAll(sw.location.origin, null).then(async ({ sent, keys, stopped }) => {
			if (sent > 0)
				for (const client of await sw.clients.matchAll({ type: 'window' }))
					client.postMessage({ type: 'OUTBOX_SENT', keys });
			// Offline still: a failed sync is tried again by the browser later.
			if (stopped === 'offline' || stopped === 'later') throw new Error('outbox not sent yet');
		})
	);
});

const offlinePage = async () => (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();

/**
 * My matches and my month: network first, the copy from the last visit when offline (or after five
 * seconds of a patchy network). Also what the page's CACHE_URLS message fetches after a visit that
 * SvelteKit made without loading the page itself.
 */
const readableOffline = new Route(
	({ url }) => url.origin === sw.location.origin && isOfflineReadable(url.pathname),
	new NetworkFirst({
		cacheName: PAGE_CACHE,
		networkTimeoutSeconds: 5,
		plugins: [personalPages]
	})
);
readableOffline.setCatchHandler(offlinePage);
registerRoute(readableOffline);

/** Every other page: the network, or the offline page. */
const otherPages = new Route(({ request }) => request.mode === 'navigate', new NetworkOnly());
otherPages.setCatchHandler(offlinePage);
registerRoute(otherPages);
