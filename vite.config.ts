import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { PAGE_SCRIPT } from './src/lib/pwa/without-client.ts';
import { LOCALE_COOKIE } from './src/lib/i18n/locale-cookie.ts';
import { isParaglideRegistry, keepPluralRules } from './src/lib/i18n/plural-rules-cache.ts';

/**
 * The script of the pages without SvelteKit's client (src/lib/pwa/page-script.ts): one more entry
 * of Kit's client build, under a fixed name those pages can point to (PageScript.svelte); the
 * chunks it shares with the app (the outbox, the messages) are the app's own.
 */
function pageScript(): Plugin {
	let client = false;
	return {
		name: 'zeitspende-page-script',
		apply: 'build',
		configResolved(config) {
			client = !config.build.ssr;
		},
		buildStart() {
			if (client)
				this.emitFile({
					type: 'chunk',
					id: PAGE_SCRIPT.source,
					fileName: PAGE_SCRIPT.built.slice(1)
				});
		}
	};
}

/** Paraglide's plural rules built once per locale, not per message (src/lib/i18n/plural-rules-cache.ts). */
function pluralRulesKept(): Plugin {
	return {
		name: 'zeitspende-plural-rules-kept',
		transform(code, id) {
			return isParaglideRegistry(id) ? keepPluralRules(code) : undefined;
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		pageScript(),
		pluralRulesKept(),
		// Under vitest the messages are compiled by `npm run i18n` beforehand; the plugin's file
		// watcher would otherwise keep the test process from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './src/lib/i18n/project.inlang',
				outdir: './src/lib/paraglide',
				// German unless the person chose English (cookie); not the browser's language,
				// because the product is German first.
				strategy: ['cookie', 'baseLocale'],
				cookieName: LOCALE_COOKIE
			})
	],
	server: { port: 5173 },
	test: {
		// Every test must assert something: a test that checks nothing fails instead of passing.
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					// The solver's property tests take 1–3 s alone; beside the db tests on a loaded
					// 2-core machine they took over 5 s (Vitest's default) without being wrong.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/db/global-setup.ts'],
					// PGlite is CPU-heavy WASM; two workers fit this project's 2-core machines.
					maxWorkers: 2,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
