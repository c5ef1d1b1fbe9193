import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Forms post from our own origin only: src/lib/server/csrf.ts (in hooks.server.ts) checks it
		// like Kit does, except for the one-click unsubscribe that mail programs post (RFC 8058).
		csrf: { trustedOrigins: ['*'] },
		// src/lib/pwa/ServiceWorker.svelte registers it with workbox-window (to offer updates).
		serviceWorker: { register: false },
		// Root-relative asset paths: the worker's offline page is served at any depth (/a/b/c).
		paths: { relative: false }
	}
};

export default config;
