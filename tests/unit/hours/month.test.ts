import { describe, expect, it } from 'vitest';
import {
	addMonths,
	berlinToday,
	freeHours,
	monthFigures,
	recentMonths,
	type Commitment
} from '$lib/domain/hours/month';
import { formatMonth } from '$lib/format';
import { hoursInMonth } from '$lib/domain/matching/month';

describe('months in Europe/Berlin', () => {
	it('takes today from Berlin, not UTC, on both sides of midnight and across DST changes', () => {
		// 23:30 UTC on 31 December is already New Year in Berlin (UTC+1).
		expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
		// Summer time (UTC+2): 22:30 UTC on 31 March is 1 April in Berlin.
		expect(berlinToday(new Date('2027-03-31T22:30:00Z'))).toBe('2027-04-01');
		// The night summer time ends (25 October 2026, 03:00 CEST → 02:00 CET).
		expect(berlinToday(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
		expect(berlinToday(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
		expect(berlinToday(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
	});

	it('counts months back over year ends', () => {
		expect(addMonths('2027-01-01', -1)).toBe('2026-12-01');
		expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
		expect(addMonths('2026-03-01', -14)).toBe('2025-01-01');
		expect(recentMonths('2027-02-28', 6)).toEqual([
			'2027-02-01',
			'2027-01-01',
			'2026-12-01',
			'2026-11-01',
			'2026-10-01',
			'2026-09-01',
			'2026-08-01'
		]);
	});

	it('names months in German', () => {
		expect(formatMonth('2026-03-01', 'de')).toBe('März 2026');
		expect(formatMonth('2026-12-01', 'en')).toBe('December 2026');
	});
});

describe('my month', () => {
	const once: Commitment = { hours: 3, cadence: 'one_off', startsOn: '2026-11-30', endsOn: null };
	const monthly: Commitment = {
		hours: 4,
		cadence: 'monthly',
		startsOn: '2026-10-15',
		endsOn: '2027-02-01'
	};

	it('counts a one-off need in its month and a monthly need in every month it runs', () => {
		expect(hoursInMonth([once, monthly], '2026-11-01')).toBe(7);
		expect(hoursInMonth([once, monthly], '2026-12-01')).toBe(4);
		expect(hoursInMonth([once, monthly], '2027-02-01')).toBe(4);
		expect(hoursInMonth([once, monthly], '2027-03-01')).toBe(0);
		expect(hoursInMonth([once, monthly], '2026-09-01')).toBe(0);
	});

	it('sums logged (not rejected) and confirmed hours per month, from the first to the last day', () => {
		const figures = monthFigures(
			['2026-11-01', '2026-10-01'],
			[monthly],
			[
				{ workedOn: '2026-11-30', hours: 1.25, status: 'logged' },
				{ workedOn: '2026-11-01', hours: 2, status: 'confirmed' },
				{ workedOn: '2026-11-02', hours: 5, status: 'rejected' },
				{ workedOn: '2026-10-31', hours: 0.1 + 0.2, status: 'confirmed' }
			]
		);
		expect(figures).toEqual([
			{ month: '2026-11-01', committed: 4, logged: 3.25, confirmed: 2 },
			{ month: '2026-10-01', committed: 4, logged: 0.3, confirmed: 0.3 }
		]);
	});

	it('leaves free what is offered and not committed, never less than nothing', () => {
		expect(freeHours(10, 7)).toBe(3);
		expect(freeHours(5, 7)).toBe(0);
	});
});
