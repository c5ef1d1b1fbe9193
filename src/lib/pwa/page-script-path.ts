// Where the script of the pages without SvelteKit's client is: its source, served by Vite in
// development, and the chunk the client build emits under a name of its own (vite.config.ts).
export const PAGE_SCRIPT = {
	source: 'src/lib/pwa/page-script.ts',
	dev: '/src/lib/pwa/page-script.ts',
	built: '/_app/page-script.js'
} as const;
