// "My month": what a helper offered, committed, logged and got confirmed per calendar month.
// Pure: dates are Europe/Berlin calendar dates as 'yyyy-mm-dd' strings, months their first day.
// Which months a need's hours count in is matching's rule (hoursInMonth), the one capacity uses.
import { hoursInMonth, monthOf, type Dated } from '../matching/month.ts';

export { monthOf };

/** A need the helper is committed to: its hours count once (one-off) or every month it runs. */
export type Commitment = Dated & { hours: number };

export interface LoggedHours {
	workedOn: string;
	hours: number;
	status: 'logged' | 'confirmed' | 'rejected';
}

export interface MonthFigures {
	/** First day of the month, 'yyyy-mm-01'. */
	month: string;
	committed: number;
	/** Logged and not rejected (waiting for review or confirmed). */
	logged: number;
	confirmed: number;
}

export interface MyMonth {
	today: string;
	/** Hours per month in the standing offer; null without an offer. */
	offered: number | null;
	free: number | null;
	/** This month first, then the months before. */
	months: MonthFigures[];
}

/** Today's calendar date in Europe/Berlin. */
export function berlinToday(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/** The month `offset` months after (negative: before) the given month. */
export function addMonths(month: string, offset: number): string {
	const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + offset;
	const year = Math.floor(index / 12);
	return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}-01`;
}

/** This month and the `before` months before it, newest first. */
export function recentMonths(today: string, before: number): string[] {
	const current = monthOf(today);
	return Array.from({ length: before + 1 }, (_, i) => addMonths(current, -i));
}

/** Committed, logged and confirmed hours for each month. */
export function monthFigures(
	months: readonly string[],
	commitments: readonly Commitment[],
	logs: readonly LoggedHours[]
): MonthFigures[] {
	return months.map((month) => {
		const inMonth = logs.filter((l) => monthOf(l.workedOn) === month && l.status !== 'rejected');
		return {
			month,
			committed: hoursInMonth(commitments, month),
			logged: round(inMonth.reduce((s, l) => s + l.hours, 0)),
			confirmed: round(
				inMonth.filter((l) => l.status === 'confirmed').reduce((s, l) => s + l.hours, 0)
			)
		};
	});
}

/** Offered hours not yet committed; never below zero. */
export function freeHours(offered: number, committed: number): number {
	return Math.max(0, round(offered - committed));
}

// Hours are quarter hours and needs tenths: two decimals hide float noise.
const round = (v: number) => Math.round(v * 100) / 100;
