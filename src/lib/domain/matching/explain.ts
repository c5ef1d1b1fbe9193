// Human-readable reasons for a score, one line per part, in German or English.
// This one phrase table lives in the domain (not Paraglide) because pure code and the bench must produce it too.
import type { ScorePart } from './score.ts';
import type { PartOfDay } from './windows.ts';

export type Locale = 'de' | 'en';

interface Phrases {
	distance: (km: string) => string;
	remote: string;
	windows: (day: string, part: PartOfDay) => string;
	windowsSome: string;
	windowsAny: string;
	language: (languages: string) => string;
	familiar: string;
	lightLoad: (free: string, capacity: string) => string;
	firstMatch: string;
	days: readonly string[];
}

const PARTS_DE: Record<PartOfDay, string> = {
	morning: 'Vormittage',
	afternoon: 'Nachmittage',
	evening: 'Abende'
};
const PARTS_EN: Record<PartOfDay, string> = {
	morning: 'mornings',
	afternoon: 'afternoons',
	evening: 'evenings'
};

const PHRASES: Record<Locale, Phrases> = {
	de: {
		distance: (km) => `${km} km entfernt`,
		remote: 'Geht auch aus der Ferne',
		windows: (day, part) => `${day}-${PARTS_DE[part]} passen`,
		windowsSome: 'Die Zeiten passen',
		windowsAny: 'Keine festen Zeiten angegeben',
		language: (languages) => `Spricht ${languages}`,
		familiar: 'Hat schon für diese Organisation geholfen',
		lightLoad: (free, capacity) =>
			`Hat diesen Monat noch wenig vor (${free} von ${capacity} Std. frei)`,
		firstMatch: 'Erster Einsatz – neue Helfende willkommen',
		days: ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']
	},
	en: {
		distance: (km) => `${km} km away`,
		remote: 'Can be done remotely',
		windows: (day, part) => `${day} ${PARTS_EN[part]} fit`,
		windowsSome: 'The times fit',
		windowsAny: 'No fixed times given',
		language: (languages) => `Speaks ${languages}`,
		familiar: 'Has helped this organisation before',
		lightLoad: (free, capacity) => `Has little on this month (${free} of ${capacity} h free)`,
		firstMatch: 'First match – new helpers welcome',
		days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
	}
};

const TAGS: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

// Built once per locale: constructing an Intl formatter costs tens of microseconds, more than
// the rest of an explanation (a need page explains 50 candidates, a batch plan thousands).
const FORMATS = Object.fromEntries(
	(Object.keys(TAGS) as Locale[]).map((locale) => [
		locale,
		{
			number: new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 1 }),
			names: new Intl.DisplayNames([TAGS[locale]], { type: 'language', fallback: 'code' }),
			list: new Intl.ListFormat(TAGS[locale], { style: 'long', type: 'conjunction' })
		}
	])
) as Record<Locale, { number: Intl.NumberFormat; names: Intl.DisplayNames; list: Intl.ListFormat }>;

// A list of language names, kept per locale and codes: DisplayNames and ListFormat took 1.6 % of
// the app's time on the helper's needs page; a town has few combinations, the cap bounds odd input.
const NAMED = new Map<string, string>();
const NAMED_CAP = 1_000;

function languageNames(codes: string, locale: Locale): string {
	const key = `${locale}:${codes}`;
	const known = NAMED.get(key);
	if (known !== undefined) return known;
	const { names, list } = FORMATS[locale];
	const named = list.format(
		codes
			.split(',')
			.filter(Boolean)
			.map((c) => names.of(c) ?? c)
	);
	// Stryker disable next-line all: the cap bounds the memory, not what is said
	if (NAMED.size >= NAMED_CAP) NAMED.clear();
	NAMED.set(key, named);
	return named;
}

/** One sentence per part that speaks for the candidate (parts worth no points are left out, except distance). */
export function explainScore(parts: readonly ScorePart[], locale: Locale): string[] {
	const p = PHRASES[locale];
	const num = FORMATS[locale].number;
	const lines: string[] = [];
	for (const part of parts) {
		if (part.points <= 0 && part.kind !== 'distance') continue;
		const v = part.values;
		switch (part.kind) {
			case 'distance':
				lines.push(p.distance(num.format(Number(v.km))));
				break;
			case 'remote':
				lines.push(p.remote);
				break;
			case 'windows':
				if (typeof v.day === 'number' && typeof v.part === 'string')
					lines.push(p.windows(p.days[v.day]!, v.part as PartOfDay));
				else lines.push(Number(v.windows) > 0 ? p.windowsSome : p.windowsAny);
				break;
			case 'language':
				lines.push(p.language(languageNames(String(v.languages), locale)));
				break;
			case 'familiar':
				lines.push(p.familiar);
				break;
			case 'light_load':
				lines.push(p.lightLoad(num.format(Number(v.free)), num.format(Number(v.capacity))));
				break;
			case 'first_match':
				lines.push(p.firstMatch);
				break;
		}
	}
	return lines;
}
