// Small groups in the town's report, on a real report: a filter that narrows the helpers to one
// to four shows "<5" in the CSV tables and 'under5' on the page (protectSmallGroups), and the
// anonymous match rows leave out a district's rows that fewer than five share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectSmallGroups } from '../../../src/lib/domain/reports/report.ts';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import {
	townReport,
	townReportMatches,
	type ReportParams
} from '../../../src/lib/server/reports/town-report.ts';
import { matchRowsCsv, reportTables } from '../../../src/lib/server/reports/csv.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('report: small groups (%s)', (backend) => {
	let db: Database;
	let t: Town;
	const districts: Record<string, string> = {};
	let period: ReportParams;

	/** A helper in an active match on a need in the district, started a day ago. */
	async function helping(district: string, role: string | null) {
		const n = await need(db.pool, { organisation: t.orgA });
		await db.pool.query('update public.needs set district_id = $2 where id = $1', [
			n,
			districts[district]
		]);
		const h = await helper(db.pool, { municipality: t.municipality });
		const m = await match(db.pool, n, h, 'active');
		await db.pool.query(
			`update public.matches set activated_at = now() - interval '1 day' where id = $1`,
			[m]
		);
		await db.pool.query(
			`insert into public.involvement_events (kind, municipality_id, organisation_id, helper_id, need_id, match_id, municipal_role)
			 select 'match_proposed', m.municipality_id, m.organisation_id, m.helper_id, m.need_id, m.id, $2
			 from public.matches m where m.id = $1`,
			[m, role]
		);
	}

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		for (const name of ['Nordstadt', 'Südhang']) {
			const { rows } = await db.pool.query<{ id: string }>(
				`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, $2, 51, 10) returning id`,
				[t.municipality, name]
			);
			districts[name] = rows[0]!.id;
		}
		// Nordstadt: six helpers, five with the town; Südhang: two, both with the town.
		for (let i = 0; i < 5; i++) await helping('Nordstadt', 'approved');
		await helping('Nordstadt', null);
		for (let i = 0; i < 2; i++) await helping('Südhang', 'initiated');
		const { rows } = await db.pool.query<{ from: string; to: string }>(
			`select (date_trunc('month', current_date) - interval '1 month')::date::text as from,
			        (date_trunc('month', current_date) + interval '1 month' - interval '1 day')::date::text as to`
		);
		period = { ...rows[0]!, by: 'month', district: null, category: null, targetGroup: null };
	});
	afterAll(() => db.close());

	const read = (p: ReportParams) =>
		asPerson(db.pool, claimsFor(t.municipal), async (tx) => ({
			report: await townReport(tx, t.office, p),
			rows: await townReportMatches(tx, t.office, p)
		}));

	it('shows the whole town: every figure five or more', async () => {
		const { report, rows } = await read(period);
		expect(report.helpers).toEqual({ active: 8, withTown: 7, firstTime: 7 });
		expect(reportTables(report).helpers!.rows).toEqual([[8, 7, 7, 0.875, 0.1]]);
		// Südhang's two rows share district, category and target group with nobody else.
		expect(rows).toHaveLength(8);
		const csv = matchRowsCsv(rows).trim().split('\r\n');
		expect(csv).toHaveLength(7);
		expect(csv.slice(1).every((line) => line.includes(',Nordstadt,'))).toBe(true);
	});

	it('a district of two: "<5" in the CSV and on the page, no match rows', async () => {
		const narrowed = { ...period, district: districts['Südhang']! };
		const { report, rows } = await read(narrowed);
		expect(report.helpers).toEqual({ active: 2, withTown: 2, firstTime: 2 });
		expect(protectSmallGroups(report).helpers).toEqual({
			active: 'under5',
			withTown: 'under5',
			firstTime: 'under5'
		});
		expect(reportTables(report).helpers!.rows).toEqual([['<5', '<5', '<5', null, 0.1]]);
		expect(rows).toHaveLength(2);
		expect(matchRowsCsv(rows).trim().split('\r\n')).toHaveLength(1);
		expect(matchRowsCsv(rows)).not.toContain('Südhang');
	});
});
