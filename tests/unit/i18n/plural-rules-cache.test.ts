// The build keeps Paraglide's plural rules per locale and options (src/lib/i18n/plural-rules-cache.ts):
// the patched registry answers as Intl does, builds each rules object once, and a registry that
// no longer looks as expected stops the build instead of being left slow or half-patched.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isParaglideRegistry, keepPluralRules } from '../../../src/lib/i18n/plural-rules-cache.ts';

const generated = readFileSync(
	resolve(import.meta.dirname, '../../../src/lib/paraglide/registry.js'),
	'utf8'
);
const dir = mkdtempSync(join(tmpdir(), 'zs-plural-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Registry = {
	plural(locale: string, input: unknown, options?: Intl.PluralRulesOptions): string;
};

async function patchedRegistry(): Promise<Registry> {
	const file = join(dir, `registry-${Math.random().toString(36).slice(2)}.mjs`);
	writeFileSync(file, keepPluralRules(generated));
	return (await import(pathToFileURL(file).href)) as Registry;
}

describe('Paraglide plural rules, kept', () => {
	it('answer as Intl.PluralRules does, in German and English, cardinal and ordinal', async () => {
		const registry = await patchedRegistry();
		const options: Intl.PluralRulesOptions[] = [{}, { type: 'ordinal' }];
		for (const locale of ['de', 'en'])
			for (const o of options)
				for (const n of [0, 1, 2, 3, 1.5, 11, 21, 22, 23, 101])
					expect(registry.plural(locale, n, o), `${locale} ${JSON.stringify(o)} ${n}`).toBe(
						new Intl.PluralRules(locale, o).select(n)
					);
		// Inputs arrive as the message's argument: strings of numbers too.
		expect(registry.plural('en', '1', {})).toBe('one');
	});

	it('are built once per locale and options', async () => {
		const registry = await patchedRegistry();
		const Original = Intl.PluralRules;
		let built = 0;
		class Counting extends Original {
			constructor(...args: ConstructorParameters<typeof Original>) {
				super(...args);
				built++;
			}
		}
		// Intl's members are read-only in TypeScript's lib, not at run time.
		const intl = Intl as { PluralRules: typeof Original };
		intl.PluralRules = Counting as typeof Original;
		try {
			for (let i = 0; i < 50; i++) {
				registry.plural('de', i, {});
				registry.plural('en', i, {});
				registry.plural('en', i, { type: 'ordinal' });
			}
		} finally {
			intl.PluralRules = Original;
		}
		expect(built).toBe(3);
	});

	it('stop the build when the registry no longer builds them as expected', () => {
		expect(() => keepPluralRules('export const plural = () => "other";')).toThrow(/0 times/);
		const twice = 'new Intl.PluralRules(locale, options); new Intl.PluralRules(locale, options)';
		expect(() => keepPluralRules(twice)).toThrow(/2 times/);
	});

	it('apply to the generated registry only', () => {
		expect(isParaglideRegistry('/app/src/lib/paraglide/registry.js')).toBe(true);
		expect(isParaglideRegistry('C:\\app\\src\\lib\\paraglide\\registry.js?v=1')).toBe(true);
		expect(isParaglideRegistry('/app/src/lib/paraglide/runtime.js')).toBe(false);
		expect(isParaglideRegistry('/app/src/lib/other/registry.js')).toBe(false);
	});
});
