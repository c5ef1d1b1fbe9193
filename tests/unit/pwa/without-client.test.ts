// The list of pages without SvelteKit's client (src/lib/pwa/without-client.ts) is the routes'
// own `export const csr = false`: a page that turns its client off and is missing from the list
// would be drawn by Kit's router without its script when reached from another page.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES_WITHOUT_CLIENT } from '../../../src/lib/pwa/without-client.ts';

const ROUTES = resolve(import.meta.dirname, '..', '..', '..', 'src', 'routes');

async function routesWithoutClient(): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(ROUTES, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/^\+page(\.server)?\.ts$/.test(entry.name)) continue;
		const source = await readFile(join(entry.parentPath, entry.name), 'utf8');
		if (!/^export const csr = false;$/m.test(source)) continue;
		const dir = relative(ROUTES, entry.parentPath).split(sep).join('/');
		found.push(`/${dir}`);
	}
	return found.sort();
}

describe('pages without SvelteKit’s client', () => {
	it('are exactly the routes that turn it off', async () => {
		const routes = await routesWithoutClient();
		expect(routes).toContain('/(signed-in)/needs');
		expect([...ROUTES_WITHOUT_CLIENT].sort()).toEqual(routes);
	});
});
