// No double booking: when two needs take the same time, so one helper cannot hold both. The same
// rule as private.needs_clash in supabase/migrations/20261128002900_double_booking.sql (the
// database decides for the verbs and candidate lists; the batch solver asks this file).
import { MINUTES_PER_DAY, overlap, type WeekWindow } from './windows.ts';

/** What the rule reads of a need: its dates and its weekly windows (null: no fixed times). */
export interface Booked {
	startsOn: string;
	endsOn: string | null;
	timeWindows: readonly WeekWindow[] | null;
}

/** A need of a batch plan with what the rule reads of it. */
export interface BookedNeed extends Booked {
	id: string;
}

/** Match statuses that take a helper's time: both sides said yes (waiting for the town, or active). */
export const BOOKING_STATUSES: readonly string[] = ['pending_approval', 'active'];

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
const dayNumber = (date: string) =>
	Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
	86_400_000;

/**
 * The weekdays (0 = Monday) that occur from `from` to `to`, both 'YYYY-MM-DD' and inclusive.
 * Counted from day numbers (1970-01-01 was a Thursday): the batch solver asks this for every pair
 * of needs whose windows overlap, and parsing and formatting dates cost it a fifth of a second.
 */
export function weekdaysBetween(from: string, to: string): Set<number> {
	const days = new Set<number>();
	const first = dayNumber(from);
	// Stryker disable next-line MethodExpression: the cap only saves work; after seven days every weekday is in the set
	const last = Math.min(dayNumber(to), first + 6);
	for (let d = first; d <= last; d++) days.add((((d + 3) % 7) + 7) % 7);
	return days;
}

/**
 * True when the two needs take the same time: their date ranges (start to end, or the start
 * alone) overlap and their weekly windows overlap on a weekday of the common dates. Windows are
 * half-open, so adjacent windows do not clash; a need without windows clashes with nothing.
 */
export function needsClash(a: Booked, b: Booked): boolean {
	if (a.timeWindows === null || b.timeWindows === null) return false;
	// Stryker disable next-line EqualityOperator: on equal dates either side is the same date
	const from = a.startsOn > b.startsOn ? a.startsOn : b.startsOn;
	const endA = a.endsOn ?? a.startsOn;
	const endB = b.endsOn ?? b.startsOn;
	// Stryker disable next-line EqualityOperator: on equal dates either side is the same date
	const to = endA < endB ? endA : endB;
	// Stryker disable next-line ConditionalExpression: a shortcut; with from after to no weekday occurs and nothing clashes
	if (from > to) return false;
	const days = weekdaysBetween(from, to);
	return overlap(a.timeWindows, b.timeWindows).some((w) => {
		// A window may run past midnight: look at every day it touches.
		for (let d = Math.floor(w.from / MINUTES_PER_DAY); d * MINUTES_PER_DAY < w.to; d++)
			if (days.has(d % 7)) return true;
		return false;
	});
}

/** True when one of the helper's bookings (needs of matches that take time) clashes with the need. */
export const doubleBooked = (need: Booked, bookings: readonly Booked[]): boolean =>
	bookings.some((b) => needsClash(need, b));
