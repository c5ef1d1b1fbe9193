// No double booking, the pure predicate: dates overlap and weekly windows overlap on a weekday of
// the common dates. Dates are relative to a fixed Monday far ahead; only weekdays matter here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, format, getISODay, parseISO } from 'date-fns';
import {
	doubleBooked,
	needsClash,
	weekdaysBetween,
	type Booked
} from '../../../src/lib/domain/matching/booking.ts';
import type { WeekWindow } from '../../../src/lib/domain/matching/windows.ts';

const MONDAY = '2030-01-07';
const day = (offset: number) => format(addDays(parseISO(MONDAY), offset), 'yyyy-MM-dd');
/** Tuesday 14:00–17:00 and its neighbours. */
const TUE_14_17: WeekWindow = { from: 1440 + 14 * 60, to: 1440 + 17 * 60 };
const TUE_16_18: WeekWindow = { from: 1440 + 16 * 60, to: 1440 + 18 * 60 };
const TUE_17_19: WeekWindow = { from: 1440 + 17 * 60, to: 1440 + 19 * 60 };
const WED_14_17: WeekWindow = { from: 2 * 1440 + 14 * 60, to: 2 * 1440 + 17 * 60 };

const need = (
	startsOn: string,
	endsOn: string | null,
	timeWindows: WeekWindow[] | null
): Booked => ({ startsOn, endsOn, timeWindows });

describe('needsClash', () => {
	it('a window that ends at midnight takes its own day only, not the next', () => {
		// Monday 22:00–24:00 on dates that hold a Tuesday but no Monday.
		const MON_22_24: WeekWindow = { from: 22 * 60, to: 1440 };
		const tuesdayOnly = need(day(1), day(1), [MON_22_24]);
		expect(needsClash(tuesdayOnly, need(day(1), day(1), [MON_22_24]))).toBe(false);
		const mondayOnly = need(day(0), day(0), [MON_22_24]);
		expect(needsClash(mondayOnly, need(day(0), day(0), [MON_22_24]))).toBe(true);
	});

	const fourWeeks = need(day(0), day(27), [TUE_14_17]);

	it('overlapping windows on overlapping dates clash', () => {
		expect(needsClash(fourWeeks, need(day(14), day(40), [TUE_16_18]))).toBe(true);
	});

	it('adjacent windows do not clash (half-open: 17:00 ends one and starts the other)', () => {
		expect(needsClash(fourWeeks, need(day(14), day(40), [TUE_17_19]))).toBe(false);
	});

	it('windows on another weekday do not clash', () => {
		expect(needsClash(fourWeeks, need(day(0), day(27), [WED_14_17]))).toBe(false);
	});

	it('disjoint date ranges do not clash, touching ones (same last and first day) do', () => {
		expect(needsClash(fourWeeks, need(day(28), day(60), [TUE_14_17]))).toBe(false);
		expect(needsClash(fourWeeks, need(day(27), day(60), [TUE_14_17]))).toBe(false); // day 27 is a Sunday
		expect(needsClash(fourWeeks, need(day(22), day(60), [TUE_14_17]))).toBe(true); // day 22 is a Tuesday
		expect(needsClash(fourWeeks, need(day(23), day(60), [TUE_14_17]))).toBe(false); // Wed–Sun only
	});

	it('a one-off need counts on its own day only', () => {
		expect(needsClash(need(day(1), null, [TUE_14_17]), fourWeeks)).toBe(true); // a Tuesday
		expect(needsClash(need(day(2), null, [TUE_14_17]), fourWeeks)).toBe(false); // a Wednesday
		expect(needsClash(need(day(8), null, [TUE_14_17]), need(day(8), null, [TUE_16_18]))).toBe(true);
	});

	it('a need without windows (e.g. remote, any time) clashes with nothing', () => {
		expect(needsClash(need(day(0), day(27), null), fourWeeks)).toBe(false);
		expect(needsClash(fourWeeks, need(day(0), day(27), null))).toBe(false);
		expect(needsClash(need(day(0), day(27), []), fourWeeks)).toBe(false);
	});

	it('a window past midnight counts on both days it touches', () => {
		const monNight: WeekWindow = { from: 22 * 60, to: 1440 + 2 * 60 }; // Mon 22:00 – Tue 02:00
		const tueEarly: WeekWindow = { from: 1440, to: 1440 + 60 };
		expect(needsClash(need(day(1), null, [monNight]), need(day(1), null, [tueEarly]))).toBe(true);
		expect(needsClash(need(day(2), null, [monNight]), need(day(2), null, [tueEarly]))).toBe(false);
	});

	it('is symmetric and agrees with a day-by-day reading of the calendar', () => {
		const windows = fc.array(
			fc
				.tuple(fc.integer({ min: 0, max: 10079 }), fc.integer({ min: 1, max: 600 }))
				.map(([from, len]) => ({ from, to: Math.min(10080, from + len) })),
			{ maxLength: 3 }
		);
		const booked = fc
			.record({
				start: fc.integer({ min: 0, max: 30 }),
				length: fc.option(fc.integer({ min: 0, max: 20 })),
				windows: fc.option(windows)
			})
			.map(({ start, length, windows }) =>
				need(day(start), length === null ? null : day(start + length), windows)
			);
		fc.assert(
			fc.property(booked, booked, (a, b) => {
				expect(needsClash(a, b)).toBe(needsClash(b, a));
				expect(needsClash(a, b)).toBe(byCalendar(a, b));
			}),
			{ numRuns: 500, seed: 11 }
		);
	});
});

/** Reference: walk every common day and compare the minutes of that day each need takes. */
function byCalendar(a: Booked, b: Booked): boolean {
	if (!a.timeWindows || !b.timeWindows) return false;
	for (let d = parseISO(a.startsOn); ; d = addDays(d, 1)) {
		const date = format(d, 'yyyy-MM-dd');
		if (date > (a.endsOn ?? a.startsOn)) return false;
		if (date < b.startsOn || date > (b.endsOn ?? b.startsOn)) continue;
		const weekday = (d.getDay() + 6) % 7;
		const lo = weekday * 1440;
		for (let minute = lo; minute < lo + 1440; minute++) {
			const inA = a.timeWindows.some((w) => w.from <= minute && minute < w.to);
			if (inA && b.timeWindows.some((w) => w.from <= minute && minute < w.to)) return true;
		}
	}
}

describe('weekdaysBetween', () => {
	it('lists the weekdays of a stretch, all seven from a week on', () => {
		expect([...weekdaysBetween(day(1), day(1))]).toEqual([1]);
		expect([...weekdaysBetween(day(5), day(8))].sort()).toEqual([0, 1, 5, 6]);
		expect(weekdaysBetween(day(3), day(40)).size).toBe(7);
		expect(weekdaysBetween(day(2), day(1)).size).toBe(0);
	});

	it('agrees with the calendar across months, years and leap days', () => {
		// date-fns as the oracle: the weekday of each date from `from` to `to`.
		fc.assert(
			fc.property(
				fc.integer({ min: -40_000, max: 40_000 }),
				fc.integer({ min: -1, max: 9 }),
				(offset, length) => {
					const from = day(offset);
					const to = day(offset + length);
					const expected = new Set<number>();
					for (let i = 0; i <= Math.min(length, 6); i++)
						expected.add(getISODay(addDays(parseISO(from), i)) - 1);
					expect(weekdaysBetween(from, to)).toEqual(expected);
				}
			)
		);
	});
});

describe('doubleBooked', () => {
	it('is true when any booking clashes with the need', () => {
		const n = need(day(0), day(27), [TUE_14_17]);
		expect(doubleBooked(n, [])).toBe(false);
		expect(doubleBooked(n, [need(day(0), day(27), [WED_14_17])])).toBe(false);
		expect(
			doubleBooked(n, [need(day(0), day(27), [WED_14_17]), need(day(8), null, [TUE_16_18])])
		).toBe(true);
	});
});
