// Numbers and dates in the person's language: de-DE by default, en-GB for English. Dates go
// through the platform's Intl (what date-fns's 'PPP', 'LLLL yyyy' and 'PPp' printed, without
// carrying date-fns and its locales to every page's browser bundle).

export type Locale = 'de' | 'en';

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Building an Intl formatter is costly: one per locale and shape, kept. */
function formatter(locale: Locale, shape: string, options: Intl.DateTimeFormatOptions) {
	const key = `${locale} ${shape}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tag(locale), options)));
	return f;
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' as a local Date (as date-fns's parseISO read it). */
function localDate(iso: string): Date {
	const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = iso.split(/\D/).map(Number);
	return new Date(y, mo - 1, d, h, mi);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
	const key = `${locale} ${maximumFractionDigits}`;
	let f = numberFormats.get(key);
	if (!f)
		numberFormats.set(key, (f = new Intl.NumberFormat(tag(locale), { maximumFractionDigits })));
	return f.format(value);
}

/** 'YYYY-MM-DD' (a calendar date in Europe/Berlin) as e.g. "3. März 2027" / "3 March 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
	return formatter(locale, 'date', { day: 'numeric', month: 'long', year: 'numeric' }).format(
		localDate(isoDate)
	);
}

/** A month's first day 'YYYY-MM-01' as e.g. "November 2026" (German month names in de). */
export function formatMonth(isoMonth: string, locale: Locale): string {
	return formatter(locale, 'month', { month: 'long', year: 'numeric' }).format(localDate(isoMonth));
}

/** 'YYYY-MM-DDTHH:mm' (a local time in Europe/Berlin) as e.g. "3. März 2027 14:05" / "3 Mar 2027, 14:05". */
export function formatDateTime(isoLocal: string, locale: Locale): string {
	const at = localDate(isoLocal);
	const date = formatter(locale, 'short date', {
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	}).format(at);
	const time = formatter(locale, 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	return `${date}${locale === 'de' ? ' ' : ', '}${time.format(at)}`;
}
