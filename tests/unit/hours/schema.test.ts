import { describe, expect, it } from 'vitest';
import { correctLogSchema, logHoursSchema, logRefSchema } from '$lib/schemas/hours';
import { parseForm } from '$lib/schemas/form';

const MATCH = '00000000-0000-4000-8000-000000000001';
const entry = (over: Record<string, unknown> = {}) => ({
	matchId: MATCH,
	workedOn: '2026-11-27',
	hours: '1,5',
	note: ' Mathe ',
	...over
});
const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.set(k, v);
	return data;
};

describe('logging hours', () => {
	it('takes quarter hours with a German comma or a dot, and trims the note', () => {
		expect(logHoursSchema.parse(entry())).toEqual({
			matchId: MATCH,
			workedOn: '2026-11-27',
			hours: 1.5,
			note: 'Mathe'
		});
		expect(logHoursSchema.parse(entry({ hours: '0.25' })).hours).toBe(0.25);
		expect(logHoursSchema.parse(entry({ hours: '24' })).hours).toBe(24);
		expect(logHoursSchema.parse(entry({ hours: ' 2,75 ' })).hours).toBe(2.75);
	});

	it.each(['0', '0,2', '0.1', '24,25', '25', '-1', '1,3', 'zwei', '', '1e1', '1,,5'])(
		'refuses %j hours',
		(hours) => {
			expect(logHoursSchema.safeParse(entry({ hours })).success).toBe(false);
		}
	);

	// '0000-01-01': a date in JavaScript, but PostgreSQL has no year 0 (the post answered 500).
	it.each(['2026-02-30', '2026-13-01', '27.11.2026', '2026-11-7', '', 'heute', '0000-01-01'])(
		'refuses the date %j',
		(workedOn) => {
			expect(logHoursSchema.safeParse(entry({ workedOn })).success).toBe(false);
		}
	);

	it('takes a leap day only in a leap year', () => {
		expect(logHoursSchema.safeParse(entry({ workedOn: '2028-02-29' })).success).toBe(true);
		expect(logHoursSchema.safeParse(entry({ workedOn: '2027-02-29' })).success).toBe(false);
	});

	it('takes a missing note as empty, line breaks in it, and at most 500 characters', () => {
		expect(logHoursSchema.parse(entry({ note: undefined })).note).toBe('');
		expect(logHoursSchema.parse(entry({ note: 'Zeile 1\nZeile 2' })).note).toBe('Zeile 1\nZeile 2');
		expect(logHoursSchema.safeParse(entry({ note: 'x'.repeat(500) })).success).toBe(true);
		expect(logHoursSchema.safeParse(entry({ note: 'x'.repeat(501) })).success).toBe(false);
		expect(logHoursSchema.safeParse(entry({ note: 'a\u200bb' })).success).toBe(false);
	});

	it('refuses a match that is no reference', () => {
		expect(logHoursSchema.safeParse(entry({ matchId: 'abc' })).success).toBe(false);
	});

	it('answers with German messages per field', () => {
		const result = parseForm(
			logHoursSchema,
			form({ matchId: MATCH, workedOn: '2026-02-30', hours: '30', note: '' })
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				workedOn: [expect.stringContaining('Datum')],
				hours: [expect.stringContaining('Viertelstunden')]
			}
		});
	});
});

describe('correcting and withdrawing a log', () => {
	it('needs the log reference and the same fields as logging', () => {
		const rest = { workedOn: '2026-11-27', hours: '1,5', note: '' };
		expect(correctLogSchema.parse({ ...rest, logId: MATCH })).toMatchObject({
			logId: MATCH,
			hours: 1.5
		});
		expect(correctLogSchema.safeParse({ ...rest, logId: 'x' }).success).toBe(false);
		expect(logRefSchema.safeParse({ logId: MATCH }).success).toBe(true);
		expect(logRefSchema.safeParse({}).success).toBe(false);
	});
});
