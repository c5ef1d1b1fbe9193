// Numbers and dates in the person's language: de-DE by default, en-GB for English.
import { format, parseISO } from 'date-fns';
import { de, enGB } from 'date-fns/locale';

export type Locale = 'de' | 'en';

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
	return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		maximumFractionDigits
	}).format(value);
}

/** 'YYYY-MM-DD' (a calendar date in Europe/Berlin) as e.g. "3. März 2027" / "3 March 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
	return format(parseISO(isoDate), 'PPP', { locale: locale === 'de' ? de : enGB });
}

/** A month's first day 'YYYY-MM-01' as e.g. "November 2026" (German month names in de). */
export function formatMonth(isoMonth: string, locale: Locale): string {
	return format(parseISO(isoMonth), 'LLLL yyyy', { locale: locale === 'de' ? de : enGB });
}

/** 'YYYY-MM-DDTHH:mm' (a local time in Europe/Berlin) as e.g. "3. März 2027, 14:05". */
export function formatDateTime(isoLocal: string, locale: Locale): string {
	return format(parseISO(isoLocal), 'PPp', { locale: locale === 'de' ? de : enGB });
}
