// A district with one to four active helpers: not only the helper counts are withheld, but also
// every figure that counts or sums over those helpers (matches by the town's role, matched needs,
// hours, the series' matches and hours), in the CSV tables and on the page and print view
// (protectSmallGroups). The raw report (townReport) keeps its figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectSmallGroups } from '../../../src/lib/domain/reports/report.ts';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { townReport, type ReportParams } from '../../../src/lib/server/reports/town-report.ts';
import { reportTables } from '../../../src/lib/server/reports/csv.ts';
import { backends, freshDatabase } from '../harness.ts';

// The seed's town office, one of its coordinators and Lindenhof (a district of one helper).
const OFFICE = '00000000-0003-4000-8000-000000000001';
const COORDINATOR = '00000000-0004-4000-8000-000000000011';
const LINDENHOF = '00000000-0002-4000-8000-000000000003';

describe.each(backends)('a small district in the town report (%s)', (backend) => {
	let db: Database;
	let period: ReportParams;
	beforeAll(async () => {
		db = await freshDatabase(backend);
		// Today in Berlin, as the report counts months (the server's date differs for an hour a day).
		const { rows } = await db.pool.query<{ to: string }>(
			`select (now() at time zone 'Europe/Berlin')::date::text as to`
		);
		period = {
			from: '2022-01-01',
			to: rows[0]!.to,
			by: 'year',
			district: LINDENHOF,
			category: null,
			targetGroup: null
		};
	});
	afterAll(() => db.close());

	const read = (p: ReportParams) =>
		asPerson(db.pool, claimsFor(COORDINATOR), (tx) => townReport(tx, OFFICE, p));

	it('gives away no figure about its one helper', async () => {
		const raw = await read(period);
		// The raw figures are that helper's (seed: one approved monthly match of 2 hours, 2 confirmed).
		// It commits its hours in every month it runs, from its activation: the seed's dates follow
		// today, so that is two months, or three in a month's first days (it was 4 hard-coded here,
		// which failed on 1 December).
		const { rows } = await db.pool.query<{ months: number }>(
			`select ((extract(year from now() at time zone 'Europe/Berlin') - extract(year from activated_at at time zone 'Europe/Berlin')) * 12
			        + extract(month from now() at time zone 'Europe/Berlin') - extract(month from activated_at at time zone 'Europe/Berlin') + 1)::int as months
			 from public.matches where id = '00000000-0006-4000-8000-000000000001'`
		);
		expect(rows[0]!.months).toBeGreaterThanOrEqual(2);
		expect(raw.helpers.active).toBe(1);
		expect(raw.matchesByRole.approved).toBe(1);
		expect(raw.hours.committed).toBe(2 * rows[0]!.months);
		expect(raw.hours.confirmed).toBe(2);
		expect(raw.series.some((s) => s.matchesStarted > 0)).toBe(true);

		const tables = reportTables(raw);
		expect(tables.helpers!.rows[0]![0]).toBe('<5');
		expect(tables.roles!.rows.map((row) => row[1])).toEqual(Array(6).fill('<5'));
		expect(tables.hours!.rows).toEqual([['<5', '<5', '<5', '<5', null]]);
		const [posted, matched, fillRate, median] = tables.needs!.rows[0]!;
		expect(typeof posted).toBe('number'); // needs are the organisations', not the helper's
		expect([matched, fillRate, median]).toEqual(['<5', null, null]);
		expect(tables.series!.rows.length).toBeGreaterThan(0);
		for (const row of tables.series!.rows) {
			expect(typeof row[1]).toBe('number');
			expect(row.slice(2)).toEqual(['<5', '<5']);
		}
		// No number anywhere in these tables is one of the helper's figures.
		const cells = ['roles', 'hours', 'series'].flatMap((t) =>
			tables[t]!.rows.flatMap((row) => row.slice(1))
		);
		expect(cells.filter((c) => typeof c === 'number' && c > 0)).toEqual(
			tables.series!.rows.map((row) => row[1]).filter((c) => typeof c === 'number' && c > 0)
		);

		// The page and print view get the same withheld figures.
		const shown = protectSmallGroups(raw);
		expect(Object.values(shown.matchesByRole)).toEqual(Array(6).fill('under5'));
		expect(shown.hours).toEqual({ offered: 'under5', committed: 'under5', confirmed: 'under5' });
		expect(shown.needs.matched).toBe('under5');
		expect(shown.series.every((s) => s.matchesStarted === 'under5')).toBe(true);
		expect(shown.series.every((s) => s.hoursConfirmed === 'under5')).toBe(true);
	});

	it('the whole town (five or more helpers) shows every figure', async () => {
		const raw = await read({ ...period, district: null });
		expect(raw.helpers.active).toBeGreaterThanOrEqual(5);
		const tables = reportTables(raw);
		expect(tables.roles!.rows.map((row) => row[1])).toEqual(
			(['initiated', 'approved', 'verified', 'co_produced', 'informed', 'none'] as const).map(
				(role) => raw.matchesByRole[role]
			)
		);
		expect(tables.hours!.rows[0]!.slice(0, 3)).toEqual([
			raw.hours.offered,
			raw.hours.committed,
			raw.hours.confirmed
		]);
		expect(tables.series!.rows.map((row) => row.slice(2))).toEqual(
			raw.series.map((s) => [s.matchesStarted, s.hoursConfirmed])
		);
	});
});
