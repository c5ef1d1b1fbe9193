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
		// src/lib/pwa/ServiceWorker.svelte registers it with workbox-window (to offer updates), and
		// src/lib/pwa/page-script.ts on the pages without SvelteKit's client.
		serviceWorker: { register: false },
		// Root-relative asset paths: the worker's offline page is served at any depth (/a/b/c).
		paths: { relative: false },
		// Content-Security-Policy (README, security): Kit puts a fresh nonce on its own inline
		// scripts and styles of each rendered page ('auto': hashes on prerendered ones). Style
		// attributes (app.html's wrapper, Svelte's style: directives) need style-src-attr.
		// src/lib/server/http/headers.ts adds the other security headers.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'form-action': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
