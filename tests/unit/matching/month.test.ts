import { describe, expect, it } from 'vitest';
import {
	berlinToday,
	committedHours,
	fitsCapacity,
	monthOf,
	needMonths,
	remainingHours,
	type Commitment
} from '../../../src/lib/domain/matching/month.ts';

const c = (
	hours: number,
	startsOn: string,
	endsOn: string | null = null,
	status = 'active'
): Commitment => ({
	hours,
	startsOn,
	endsOn,
	cadence: endsOn ? 'monthly' : 'one_off',
	status
});

describe('month arithmetic', () => {
	it('monthOf: first and last day of a month, leap day', () => {
		expect(monthOf('2027-03-01')).toBe('2027-03-01');
		expect(monthOf('2027-03-31')).toBe('2027-03-01');
		expect(monthOf('2028-02-29')).toBe('2028-02-01');
		expect(monthOf('2027-12-31')).toBe('2027-12-01');
	});

	it('needMonths: a one-off need counts in its start month only, even with an end date', () => {
		expect(needMonths({ cadence: 'one_off', startsOn: '2027-03-31', endsOn: null })).toEqual([
			'2027-03-01'
		]);
		expect(
			needMonths({ cadence: 'one_off', startsOn: '2027-03-31', endsOn: '2027-04-02' })
		).toEqual(['2027-03-01']);
	});

	it('needMonths: a monthly need counts in every month from start to end, across the year', () => {
		expect(
			needMonths({ cadence: 'monthly', startsOn: '2027-01-15', endsOn: '2027-03-20' })
		).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);
		expect(
			needMonths({ cadence: 'monthly', startsOn: '2027-12-31', endsOn: '2028-01-01' })
		).toEqual(['2027-12-01', '2028-01-01']);
		expect(
			needMonths({ cadence: 'monthly', startsOn: '2027-05-01', endsOn: '2027-05-31' })
		).toEqual(['2027-05-01']);
	});

	it('committedHours counts only pending-approval and active matches, in the right months', () => {
		const load = [
			c(2, '2028-05-31'),
			c(3, '2028-04-20', '2028-06-01', 'pending_approval'),
			c(9, '2028-05-02', null, 'proposed'),
			c(9, '2028-05-03', null, 'requested'),
			c(9, '2028-05-04', null, 'completed'),
			c(9, '2028-05-05', null, 'declined')
		];
		expect(
			['2028-03-01', '2028-04-15', '2028-05-01', '2028-06-30', '2028-07-01'].map((m) =>
				committedHours(load, m)
			)
		).toEqual([0, 3, 5, 3, 0]);
	});

	it('sums in tenths: 0.1 + 0.2 is exactly 0.3', () => {
		expect(committedHours([c(0.1, '2027-01-01'), c(0.2, '2027-01-02')], '2027-01-01')).toBe(0.3);
		expect(
			fitsCapacity(1, [c(0.1, '2027-01-01'), c(0.2, '2027-01-02')], { ...c(0.7, '2027-01-03') })
		).toBe(true);
	});

	it('remainingHours is the tightest month; fitsCapacity needs every month', () => {
		const load = [c(8, '2027-02-01'), c(8, '2027-04-01')];
		const monthly = {
			cadence: 'monthly' as const,
			startsOn: '2027-01-15',
			endsOn: '2027-03-20',
			hours: 3
		};
		expect(remainingHours(10, load, needMonths(monthly))).toBe(2);
		expect(fitsCapacity(10, load, monthly)).toBe(false);
		expect(fitsCapacity(10, [c(8, '2027-04-01'), c(8, '2026-12-31')], monthly)).toBe(true);
	});

	it('exact fit at the boundary: remaining equal to the need fits, a tenth more does not', () => {
		const load = [c(6, '2027-03-20')];
		expect(fitsCapacity(10, load, c(4, '2027-03-10'))).toBe(true);
		expect(fitsCapacity(10, load, c(4.1, '2027-03-10'))).toBe(false);
	});

	it('December to January: load in January of the next year counts', () => {
		const winter = {
			cadence: 'monthly' as const,
			startsOn: '2027-12-01',
			endsOn: '2028-01-31',
			hours: 5
		};
		expect(fitsCapacity(10, [c(6, '2028-01-01', '2028-03-31')], winter)).toBe(false);
		expect(fitsCapacity(10, [c(10, '2027-11-30'), c(10, '2028-02-01')], winter)).toBe(true);
	});

	it('berlinToday uses the Berlin calendar day, not UTC', () => {
		expect(berlinToday(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
		expect(berlinToday(new Date('2027-07-01T21:59:00Z'))).toBe('2027-07-01');
		expect(berlinToday(new Date('2027-07-01T22:00:00Z'))).toBe('2027-07-02');
	});
});

describe('needMonths without an end', () => {
	it('counts a monthly need that has no end date yet in its start month only', () => {
		expect(needMonths({ cadence: 'monthly', startsOn: '2027-03-10', endsOn: null })).toEqual([
			'2027-03-01'
		]);
	});
});
