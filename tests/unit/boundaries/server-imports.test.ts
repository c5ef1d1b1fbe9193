// The browser never loads server code: no .svelte file and no universal module may import from
// $lib/server (SvelteKit refuses such a build only for what a page actually reaches; this
// catches it for every file, type-only imports included, before anything reaches it).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const src = join(root, 'src');
const serverDir = join(src, 'lib', 'server');

function* files(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* files(path);
		else yield path;
	}
}

/** Files the browser may load: components and modules that are not server-only. */
function universal(path: string): boolean {
	if (path.startsWith(serverDir + '/')) return false;
	if (path.startsWith(join(src, 'lib', 'paraglide') + '/')) return false; // generated
	if (path.endsWith('.d.ts')) return false; // ambient types, never bundled
	if (/\.server\.(ts|js)$/.test(path)) return false;
	if (/\/\+server\.(ts|js)$/.test(path)) return false; // endpoints run on the server only
	return /\.(svelte|ts|js)$/.test(path);
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The specifiers of a file that point into src/lib/server, by alias or by relative path. */
function serverImports(path: string, text: string): string[] {
	return [...text.matchAll(SPECIFIER)]
		.map((match) => match[1]!)
		.filter((spec) => {
			if (spec === '$lib/server' || spec.startsWith('$lib/server/')) return true;
			if (!spec.startsWith('.')) return false;
			const target = resolve(dirname(path), spec);
			return target === serverDir || target.startsWith(serverDir + '/');
		});
}

describe('the browser never imports server code', () => {
	it('finds the imports it is looking for', () => {
		const here = join(src, 'lib', 'components', 'X.svelte');
		expect(serverImports(here, `import type { A } from '$lib/server/db/person';`)).toHaveLength(1);
		expect(serverImports(here, `import { b } from "../server/mail/port.ts";`)).toHaveLength(1);
		expect(serverImports(here, `const c = await import('$lib/server/services');`)).toHaveLength(1);
		expect(serverImports(here, `import { m } from '$lib/paraglide/server.js';`)).toHaveLength(0);
	});

	it('no .svelte file and no universal module imports from $lib/server', () => {
		const offenders = [...files(src)]
			.filter(universal)
			.flatMap((path) =>
				serverImports(path, readFileSync(path, 'utf8')).map(
					(spec) => `${relative(root, path)} imports ${spec}`
				)
			);
		expect(offenders).toEqual([]);
	});
});
