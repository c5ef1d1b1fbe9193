// How the report's figures read, on the page and in print. A count of people is the number, or
// "< 5" for one to four (withheld on the server), and so is every figure built on it.
import { m } from '$lib/paraglide/messages.js';
import { formatMonth, formatNumber, type Locale } from '$lib/format';
import type { PeopleCount, ShownReport } from '$lib/domain/reports/report';

/** A bar of a chart: a withheld count is a bar of 0 that says "< 5". */
export type Bar = { label: string; value: number; text?: string };

/** A count of people: the number, or "< 5" for one to four. */
export const people = (v: PeopleCount, locale: Locale) =>
	v === 'under5' ? m.report_fewer_than_five() : formatNumber(v, locale, 0);

export const num = (v: number | null, locale: Locale, digits = 1) =>
	v === null ? m.report_none() : formatNumber(v, locale, digits);

/** A figure of a group of one to four helpers is withheld ("< 5"), and so is a share of it. */
export const pct = (part: PeopleCount, whole: PeopleCount, locale: Locale) =>
	part === 'under5' || whole === 'under5'
		? m.report_fewer_than_five()
		: whole > 0
			? `${formatNumber((100 * part) / whole, locale, 1)} %`
			: m.report_none();

export const hours = (v: PeopleCount, locale: Locale) =>
	v === 'under5'
		? m.report_fewer_than_five()
		: m.report_hours_unit({ hours: formatNumber(v, locale, 1) });

export const hoursNum = (v: PeopleCount, locale: Locale) =>
	v === 'under5' ? m.report_fewer_than_five() : num(v, locale);

export const bar = (label: string, v: PeopleCount): Bar =>
	v === 'under5' ? { label, value: 0, text: m.report_fewer_than_five() } : { label, value: v };

/** A chart's bars as its description says them: "label value, label value". */
export const list = (bars: Bar[]) =>
	bars.map((b) => `${b.label} ${b.text ?? String(b.value)}`).join(', ');

/** A period of the series: the month, the quarter ("Q2 2026") or the year it starts. */
export const bucketLabel = (bucket: string, by: ShownReport['by'], locale: Locale) =>
	by === 'month'
		? formatMonth(bucket.slice(0, 7), locale)
		: by === 'quarter'
			? `Q${Math.floor(Number(bucket.slice(5, 7)) / 3) + 1} ${bucket.slice(0, 4)}`
			: bucket.slice(0, 4);
