import { describe, expect, it } from 'vitest';
import { parseValues } from '$lib/schemas/form';
import { inspectionSchema } from '$lib/schemas/inspection';

const TODAY = '2026-11-28';
const helperId = '00000000-0004-4000-8000-000000000133';
const parse = (values: Record<string, unknown>, today = TODAY) =>
	parseValues(inspectionSchema(today), {
		helperId,
		certificateDate: '2026-10-01',
		inspected: 'yes',
		convictionListed: 'no',
		...values
	});
const fields = (r: ReturnType<typeof parse>) => (r.ok ? [] : Object.keys(r.errors).sort());

describe('a §72a inspection as the form sends it', () => {
	it('holds the helper and exactly the three facts', () => {
		expect(parse({})).toEqual({
			ok: true,
			value: { helperId, certificateDate: '2026-10-01', inspected: 'yes', convictionListed: false }
		});
		expect(parse({ convictionListed: 'yes' })).toMatchObject({
			ok: true,
			value: { convictionListed: true }
		});
	});

	it('names every missing field at once', () => {
		const r = parseValues(inspectionSchema(TODAY), {});
		expect(fields(r)).toEqual(['certificateDate', 'convictionListed', 'helperId', 'inspected']);
	});

	it('takes a certificate dated today, not tomorrow', () => {
		expect(parse({ certificateDate: TODAY }).ok).toBe(true);
		expect(fields(parse({ certificateDate: '2026-11-29' }))).toEqual(['certificateDate']);
	});

	it('takes a certificate younger than five years, not one of the same day five years ago', () => {
		expect(parse({ certificateDate: '2021-11-29' }).ok).toBe(true);
		expect(fields(parse({ certificateDate: '2021-11-28' }))).toEqual(['certificateDate']);
	});

	it('refuses days that do not exist, other shapes, and anything but yes for "inspected"', () => {
		for (const certificateDate of ['2026-02-30', '28.11.2026', '', '2026-1-1'])
			expect(fields(parse({ certificateDate }))).toEqual(['certificateDate']);
		for (const inspected of ['on', 'no', '', undefined])
			expect(fields(parse({ inspected }))).toEqual(['inspected']);
		for (const convictionListed of ['maybe', '', 'true'])
			expect(fields(parse({ convictionListed }))).toEqual(['convictionListed']);
		expect(fields(parse({ helperId: 'paul' }))).toEqual(['helperId']);
	});
});
