// Month-capacity arithmetic. Dates are 'YYYY-MM-DD' strings that are already Europe/Berlin
// calendar dates (Postgres `date`), so months are plain calendar months: no time zone can shift
// them. date-fns works on local Date values here and every result is formatted back at once.
import { eachMonthOfInterval, format, parseISO, startOfMonth } from 'date-fns';

export type Cadence = 'one_off' | 'monthly';

export interface Dated {
	cadence: Cadence;
	startsOn: string;
	endsOn: string | null;
}

/** A helper's match on a need: its hours count while the match is pending approval or active. */
export interface Commitment extends Dated {
	hours: number;
	status: string;
}

export const COMMITTING_STATUSES: readonly string[] = ['pending_approval', 'active'];

/** First day of the date's calendar month, 'YYYY-MM-01'. */
export function monthOf(date: string): string {
	return format(startOfMonth(parseISO(date)), 'yyyy-MM-dd');
}

/** The months a need's hours count in: a one-off need its start month; a monthly need every month from start to end. */
export function needMonths(need: Dated): string[] {
	if (need.cadence === 'one_off' || need.endsOn === null) return [monthOf(need.startsOn)];
	return eachMonthOfInterval({ start: parseISO(need.startsOn), end: parseISO(need.endsOn) }).map(
		(d) => format(d, 'yyyy-MM-dd')
	);
}

// Hours have one decimal; summing in tenths keeps 0.1 + 0.2 exact.
const tenths = (h: number) => Math.round(h * 10);

/** Hours of the given needs that count in the month containing `month`. */
export function hoursInMonth(needs: readonly (Dated & { hours: number })[], month: string): number {
	const m = monthOf(month);
	let sum = 0;
	for (const need of needs) if (needMonths(need).includes(m)) sum += tenths(need.hours);
	return sum / 10;
}

/** Hours committed in the month containing `month`. */
export function committedHours(commitments: readonly Commitment[], month: string): number {
	return hoursInMonth(
		commitments.filter((c) => COMMITTING_STATUSES.includes(c.status)),
		month
	);
}

/** Capacity left in the tightest of the given months. */
export function remainingHours(
	capacity: number,
	commitments: readonly Commitment[],
	months: readonly string[]
): number {
	let peak = 0;
	for (const m of months) peak = Math.max(peak, tenths(committedHours(commitments, m)));
	return (tenths(capacity) - peak) / 10;
}

/** True when the need's hours fit in every month it runs. */
export function fitsCapacity(
	capacity: number,
	commitments: readonly Commitment[],
	need: Dated & { hours: number }
): boolean {
	return tenths(remainingHours(capacity, commitments, needMonths(need))) >= tenths(need.hours);
}

/** Today's date in Europe/Berlin as 'YYYY-MM-DD'. */
export function berlinToday(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}
