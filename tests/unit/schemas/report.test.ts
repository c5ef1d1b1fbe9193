// The town report's query and its CSV: defaults, the five-year limit, unknown values refused with
// the message (so the page runs no query), and cells a spreadsheet could run as a formula
// neutralised.
import { describe, expect, it } from 'vitest';
import { parseValues } from '$lib/schemas/form';
import { lastDayOf, reportQuerySchema, reportSearch } from '$lib/schemas/report';
import { csvCell, toCsv } from '$lib/server/reports/csv';

const NOW = '2026-11-01';
const DISTRICT = '00000000-0002-4000-8000-000000000001';
const parse = (values: Record<string, unknown>) =>
	parseValues(reportQuerySchema(NOW, [DISTRICT]), values);

describe('the town report query', () => {
	it('defaults to the last 12 months by month, no filter', () => {
		expect(parse({})).toEqual({
			ok: true,
			value: {
				from: '2025-12-01',
				to: '2026-11-30',
				by: 'month',
				district: null,
				category: null,
				targetGroup: null
			}
		});
	});

	it('reads a period, a grouping and every filter', () => {
		const r = parse({
			from: '2024-02',
			to: '2024-02',
			by: 'quarter',
			district: DISTRICT,
			category: 'errands',
			target_group: 'seniors'
		});
		expect(r).toEqual({
			ok: true,
			value: {
				from: '2024-02-01',
				to: '2024-02-29',
				by: 'quarter',
				district: DISTRICT,
				category: 'errands',
				targetGroup: 'seniors'
			}
		});
		expect(r.ok && reportSearch(r.value).toString()).toBe(
			`from=2024-02&to=2024-02&by=quarter&district=${DISTRICT}&category=errands&target_group=seniors`
		);
	});

	it('takes five years and refuses one month more', () => {
		expect(parse({ from: '2021-12', to: '2026-11' }).ok).toBe(true);
		expect(parse({ from: '2021-11', to: '2026-11' })).toEqual({
			ok: false,
			errors: { from: [expect.stringContaining('5')] }
		});
	});

	it('refuses a period ending before it starts', () => {
		expect(parse({ from: '2026-06', to: '2026-01' })).toEqual({
			ok: false,
			errors: { to: [expect.any(String)] }
		});
	});

	it.each([
		['from', '2026-13'],
		['to', 'gestern'],
		['by', 'week'],
		['district', '00000000-0002-4000-8000-000000000099'],
		['district', "x' or 1=1"],
		['category', 'gardening'],
		['target_group', 'adults']
	])('refuses %s = %s with a message', (field, value) => {
		const r = parse({ [field]: value });
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors[field]?.[0]).toMatch(/\w/);
	});

	it('knows the last day of a month', () => {
		expect(['2026-02-01', '2024-02-01', '2026-12-01'].map(lastDayOf)).toEqual([
			'2026-02-28',
			'2024-02-29',
			'2026-12-31'
		]);
	});
});

describe('report CSV', () => {
	it('neutralises what a spreadsheet would run as a formula', () => {
		expect(['=1+2', '+49 123', '-x', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual([
			"'=1+2",
			"'+49 123",
			"'-x",
			"'@SUM(A1)",
			"'\tx",
			'"\'\rx"'
		]);
		// Numbers stay numbers, a negative one too.
		expect([-3, 1.5, null, true].map(csvCell)).toEqual(['-3', '1.5', '', 'true']);
	});

	it('quotes commas, quotes and line breaks', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					['line\nbreak', 'Südviertel']
				]
			)
		).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",Südviertel\r\n');
	});
});
