import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	dayAndPart,
	overlap,
	parseWeekWindows,
	windowsMeet,
	type WeekWindow
} from '../../../src/lib/domain/matching/windows.ts';

const TUESDAY = 1440;

describe('weekly time windows', () => {
	it('parses Postgres ranges into half-open [from, to), whatever bounds Postgres printed', () => {
		expect(parseWeekWindows('{[2280,2460),[3720,3900)}')).toEqual([
			{ from: 2280, to: 2460 },
			{ from: 3720, to: 3900 }
		]);
		// An exclusive lower bound starts a minute later; an inclusive upper bound ends one later.
		expect(parseWeekWindows('{(2280,2460]}')).toEqual([{ from: 2281, to: 2461 }]);
		expect(parseWeekWindows('{[2280,2460]}')).toEqual([{ from: 2280, to: 2461 }]);
		expect(parseWeekWindows('{(2280,2460)}')).toEqual([{ from: 2281, to: 2460 }]);
	});

	it('drops empty ranges, and keeps null (no windows given) apart from an empty list', () => {
		expect(parseWeekWindows('{(5,6)}')).toEqual([]);
		expect(parseWeekWindows('{[5,5)}')).toEqual([]);
		expect(parseWeekWindows('{}')).toEqual([]);
		expect(parseWeekWindows(null)).toBeNull();
	});

	it('intersects two lists, ordered by start; touching windows do not overlap', () => {
		const helper: WeekWindow[] = [
			{ from: 3 * TUESDAY + 900, to: 3 * TUESDAY + 1000 },
			{ from: TUESDAY + 840, to: TUESDAY + 1020 }
		];
		const need: WeekWindow[] = [
			{ from: TUESDAY + 900, to: TUESDAY + 1200 },
			{ from: 3 * TUESDAY + 800, to: 3 * TUESDAY + 950 }
		];
		expect(overlap(helper, need)).toEqual([
			{ from: TUESDAY + 900, to: TUESDAY + 1020 },
			{ from: 3 * TUESDAY + 900, to: 3 * TUESDAY + 950 }
		]);
		expect(overlap([{ from: 0, to: 60 }], [{ from: 60, to: 120 }])).toEqual([]);
	});

	it('names the weekday and the part of day a window starts in: morning before 12, afternoon before 17', () => {
		const at = (day: number, hour: number, minute = 0) =>
			dayAndPart({ from: day * 1440 + hour * 60 + minute, to: day * 1440 + 23 * 60 });
		expect(at(0, 0)).toEqual({ day: 0, part: 'morning' });
		expect(at(1, 11, 59)).toEqual({ day: 1, part: 'morning' });
		expect(at(1, 12)).toEqual({ day: 1, part: 'afternoon' });
		expect(at(4, 16, 59)).toEqual({ day: 4, part: 'afternoon' });
		expect(at(4, 17)).toEqual({ day: 4, part: 'evening' });
		expect(at(6, 20)).toEqual({ day: 6, part: 'evening' });
	});
});

describe('windowsMeet', () => {
	const windows = fc.array(
		fc
			.tuple(fc.nat(10_080), fc.integer({ min: 1, max: 600 }))
			.map(([from, length]) => ({ from, to: from + length })),
		{ maxLength: 4 }
	);
	it('is true exactly when overlap finds a common window; touching windows do not meet', () => {
		fc.assert(
			fc.property(windows, windows, (a, b) => {
				expect(windowsMeet(a, b)).toBe(overlap(a, b).length > 0);
			}),
			{ numRuns: 2_000 }
		);
		expect(windowsMeet([{ from: 0, to: 60 }], [{ from: 60, to: 90 }])).toBe(false);
		expect(windowsMeet([{ from: 0, to: 61 }], [{ from: 60, to: 90 }])).toBe(true);
	});
});
