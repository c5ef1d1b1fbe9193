// Dates in the person's language through Intl (src/lib/format.ts): the same text date-fns's
// 'PPP' and 'PPp' printed before, for the calendar day given (no shift by the time zone).
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from '$lib/format';

describe('formatDate', () => {
	it('writes the day, the month by name and the year', () => {
		expect(formatDate('2027-03-03', 'de')).toBe('3. März 2027');
		expect(formatDate('2027-03-03', 'en')).toBe('3 March 2027');
	});

	it('keeps the calendar day at the edges of the year', () => {
		expect(formatDate('2026-01-01', 'de')).toBe('1. Januar 2026');
		expect(formatDate('2026-12-31', 'en')).toBe('31 December 2026');
	});
});

describe('formatDateTime', () => {
	it('writes a short month and the 24-hour time', () => {
		expect(formatDateTime('2027-03-03T14:05', 'de')).toBe('3. März 2027 14:05');
		expect(formatDateTime('2027-03-03T09:05', 'en')).toBe('3 Mar 2027, 09:05');
	});

	it('keeps midnight as 00:00 on its own day', () => {
		expect(formatDateTime('2026-11-30T00:00', 'de')).toBe('30. Nov. 2026 00:00');
	});
});

describe('formatNumber', () => {
	it('uses the decimal separator of the language', () => {
		expect(formatNumber(2.5, 'de')).toBe('2,5');
		expect(formatNumber(2.5, 'en')).toBe('2.5');
	});

	it('keeps one formatter per language and precision, each giving its own', () => {
		for (let round = 0; round < 2; round++) {
			expect(formatNumber(2.56, 'de', 0)).toBe('3');
			expect(formatNumber(2.56, 'de', 1)).toBe('2,6');
			expect(formatNumber(2.56, 'en', 2)).toBe('2.56');
			expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
			expect(formatNumber(1234.5, 'en', 0)).toBe('1,235');
		}
	});
});
