// The pages served without SvelteKit's client (`export const csr = false`) and their one script.

/**
 * Their route ids. From a page with SvelteKit's client, going to one of these loads it whole
 * (ServiceWorker.svelte): Kit's router would otherwise draw it itself, without its script.
 * tests/unit/pwa/without-client.test.ts holds this list to the routes' own `csr = false`.
 */
export const ROUTES_WITHOUT_CLIENT: ReadonlySet<string> = new Set([
	'/',
	'/sign-in',
	'/(signed-in)/needs',
	'/(signed-in)/coordinator/[organisationId]/needs/[needId]'
]);

/**
 * Their script: its source, served by Vite in development, and the chunk the client build emits
 * under a name of its own (vite.config.ts).
 */
const SOURCE = 'src/lib/pwa/page-script.ts';
export const PAGE_SCRIPT = {
	source: SOURCE,
	dev: `/${SOURCE}`,
	built: '/_app/page-script.js'
} as const;
