import { describe, expect, it } from 'vitest';
import { berlinToday, monthOf } from '$lib/domain/hours/month';
import { certificatePeriodSchema, monthsIn } from '$lib/schemas/certificate';
import { parseValues } from '$lib/schemas/form';

const NOW = '2026-11-01';
const parse = (from: unknown, to: unknown, thisMonth = NOW) =>
	parseValues(certificatePeriodSchema(thisMonth), { from, to });

describe('the period of a certificate', () => {
	it('defaults to the last 12 months up to this month', () => {
		expect(parse('', '')).toEqual({ ok: true, value: { from: '2025-12-01', to: '2026-11-01' } });
		expect(parse(undefined, null)).toEqual({
			ok: true,
			value: { from: '2025-12-01', to: '2026-11-01' }
		});
		// Only "to" given: the 12 months up to it; only "from": up to this month.
		expect(parse('', '2026-03')).toEqual({
			ok: true,
			value: { from: '2025-04-01', to: '2026-03-01' }
		});
		expect(parse('2026-09', ' ')).toEqual({
			ok: true,
			value: { from: '2026-09-01', to: '2026-11-01' }
		});
	});

	it('takes this month from Europe/Berlin: 23:30 UTC on 30 November is already December', () => {
		const december = monthOf(berlinToday(new Date('2026-11-30T23:30:00Z')));
		expect(december).toBe('2026-12-01');
		expect(parse('', '', december)).toEqual({
			ok: true,
			value: { from: '2026-01-01', to: '2026-12-01' }
		});
		expect(parse('2026-12', '2026-12', NOW)).toMatchObject({ ok: false });
		expect(parse('2026-12', '2026-12', december)).toMatchObject({ ok: true });
	});

	it('takes one month, a year boundary and exactly five years', () => {
		expect(parse('2026-11', '2026-11')).toMatchObject({ ok: true });
		expect(parse('2025-12', '2026-01')).toMatchObject({ ok: true });
		expect(parse('2021-12', '2026-11')).toEqual({
			ok: true,
			value: { from: '2021-12-01', to: '2026-11-01' }
		});
	});

	it.each(['2026-13', '2026-00', '2026-1', '11.2026', '2026-11-01', 'November', '1999-12', '2026'])(
		'refuses the month %j with a message on the field',
		(month) => {
			const result = parse(month, '');
			expect(result).toMatchObject({ ok: false });
			expect(!result.ok && result.errors.from).toEqual([
				'Bitte gib einen Monat ein, z. B. 2026-01.'
			]);
		}
	);

	it('refuses an end before the start', () => {
		const result = parse('2026-05', '2026-04');
		expect(!result.ok && result.errors).toEqual({
			to: ['Der Monat „Bis“ liegt vor dem Monat „Von“.']
		});
	});

	it('refuses more than five years', () => {
		const result = parse('2021-11', '2026-11');
		expect(!result.ok && result.errors).toEqual({
			from: ['Ein Nachweis umfasst höchstens 5 Jahre. Bitte wähle einen kürzeren Zeitraum.']
		});
	});

	it('refuses months in the future, on the field that lies there', () => {
		const future = [
			'Dieser Monat liegt in der Zukunft. Der Nachweis reicht höchstens bis zum laufenden Monat.'
		];
		expect(parse('2026-10', '2026-12')).toEqual({ ok: false, errors: { to: future } });
		expect(parse('2027-01', '')).toEqual({ ok: false, errors: { from: future } });
		expect(parse('2027-01', '2027-02')).toEqual({
			ok: false,
			errors: { from: future, to: future }
		});
	});

	it('counts months with both ends', () => {
		expect(monthsIn('2026-01-01', '2026-12-01')).toBe(12);
		expect(monthsIn('2025-12-01', '2026-01-01')).toBe(2);
		expect(monthsIn('2026-03-01', '2026-03-01')).toBe(1);
	});
});
