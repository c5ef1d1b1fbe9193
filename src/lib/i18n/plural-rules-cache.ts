// Paraglide's generated registry (src/lib/paraglide/registry.js, from `npm run i18n`) builds a new
// Intl.PluralRules on every call of a message with a plural: about 80 µs on the server, 7 % of
// the helper's needs page (one plural message), where the same locale and options always give the
// same rules. The build keeps one per locale and options instead (vite.config.ts applies this to
// the registry as it is bundled; the generated file itself stays as Paraglide writes it).

/** What Paraglide writes; when a new version writes something else, the build says so. */
const CONSTRUCTION = 'new Intl.PluralRules(locale, options)';

const KEPT = `
const zeitspendePluralRules = new Map();
/** One Intl.PluralRules per locale and options (src/lib/i18n/plural-rules-cache.ts). */
function keptPluralRules(locale, options) {
	const key = locale + ' ' + JSON.stringify(options ?? {});
	let rules = zeitspendePluralRules.get(key);
	if (!rules) zeitspendePluralRules.set(key, (rules = new Intl.PluralRules(locale, options)));
	return rules;
}
`;

/** The registry's code with its PluralRules kept; throws when the code no longer builds them as expected. */
export function keepPluralRules(code: string): string {
	const parts = code.split(CONSTRUCTION);
	if (parts.length !== 2)
		throw new Error(
			`Paraglide's registry builds Intl.PluralRules ${parts.length - 1} times, not once as ` +
				`src/lib/i18n/plural-rules-cache.ts expects: look at the generated registry.js again`
		);
	return parts.join('keptPluralRules(locale, options)') + KEPT;
}

/** Whether a module id is Paraglide's generated registry. */
export const isParaglideRegistry = (id: string): boolean =>
	/[/\\]paraglide[/\\]registry\.js$/.test(id.split('?')[0]!);
