// The town report's district filter lists the town's own districts by name; its anonymous match
// rows carry the days from posting to start only where the ledger knows when the need was posted
// (empty, not 0, where it does not), and "none" in the CSV where the town had no role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import {
	townDistricts,
	townReportMatches,
	type ReportParams
} from '../../../src/lib/server/reports/town-report.ts';
import { matchRowsCsv } from '../../../src/lib/server/reports/csv.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from '../matching/world.ts';

const DAY = 86_400_000;
const berlinMonth = (t: number) =>
	new Date(t).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' }).slice(0, 7);

describe.each(backends)('report: districts and match rows (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let other: Town;
	const district: Record<string, string> = {};
	const now = Date.now();
	/** Match i started 5 - i days ago. */
	const startOf = (i: number) => now - (5 - i) * DAY;
	let period: ReportParams;

	const addDistrict = async (municipality: string, name: string) => {
		const { rows } = await db.pool.query<{ id: string }>(
			`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, $2, 51, 10) returning id`,
			[municipality, name]
		);
		district[name] = rows[0]!.id;
	};

	const ledger = (
		kind: string,
		at: number,
		refs: { need: string; match: string | null },
		role: string | null
	) =>
		db.pool.query(
			`insert into public.involvement_events (occurred_at, kind, municipality_id, organisation_id, need_id, match_id,
			   helper_id, municipal_role)
			 select $1, $2, n.municipality_id, n.organisation_id, n.id, m.id, m.helper_id, $5
			 from public.needs n left join public.matches m on m.id = $4 where n.id = $3`,
			[new Date(at).toISOString(), kind, refs.need, refs.match, role]
		);

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		other = await town(db.pool);
		// Not in name order, so the order must come from the query.
		for (const name of ['Südhang', 'Altstadt', 'Mitte']) await addDistrict(t.municipality, name);
		await addDistrict(other.municipality, 'Aue');

		// Five matches on needs in Mitte (homework, youth, 4 h once), each its own helper. The
		// ledger knows when the first two needs were posted (10 and 2.5 days before the start) and
		// that the town initiated the first match; of the other three it knows nothing.
		for (let i = 0; i < 5; i++) {
			const n = await need(db.pool, { organisation: t.orgA });
			await db.pool.query('update public.needs set district_id = $2 where id = $1', [
				n,
				district['Mitte']
			]);
			const h = await helper(db.pool, { municipality: t.municipality });
			const m = await match(db.pool, n, h, 'active');
			await db.pool.query(`update public.matches set activated_at = $2 where id = $1`, [
				m,
				new Date(startOf(i)).toISOString()
			]);
			if (i === 0) {
				await ledger('need_posted', startOf(i) - 10 * DAY, { need: n, match: null }, null);
				await ledger('match_proposed', startOf(i) - DAY, { need: n, match: m }, 'initiated');
			}
			if (i === 1)
				await ledger('need_posted', startOf(i) - 2.5 * DAY, { need: n, match: null }, null);
		}
		const { rows } = await db.pool.query<{ from: string; to: string }>(
			`select (date_trunc('month', current_date) - interval '1 month')::date::text as from,
			        (date_trunc('month', current_date) + interval '1 month' - interval '1 day')::date::text as to`
		);
		period = { ...rows[0]!, by: 'month', district: null, category: null, targetGroup: null };
	});
	afterAll(() => db.close());

	it("lists the town's own districts by name, for its municipal coordinator", async () => {
		const list = (municipality: string) =>
			asPerson(db.pool, claimsFor(t.municipal), (tx) => townDistricts(tx, municipality));
		expect(await list(t.municipality)).toEqual([
			{ id: district['Altstadt'], name: 'Altstadt' },
			{ id: district['Mitte'], name: 'Mitte' },
			{ id: district['Südhang'], name: 'Südhang' }
		]);
		expect(await list(other.municipality)).toEqual([{ id: district['Aue'], name: 'Aue' }]);
		const bare = await town(db.pool);
		expect(await list(bare.municipality)).toEqual([]);
	});

	it('has the days from posting to start where the need was posted, and none (not 0) where not', async () => {
		const rows = await asPerson(db.pool, claimsFor(t.municipal), (tx) =>
			townReportMatches(tx, t.office, period)
		);
		const row = (i: number) => ({
			category: 'homework',
			targetGroup: 'youth',
			district: 'Mitte',
			organisationKind: 'nonprofit',
			townRole: i === 0 ? 'initiated' : null,
			status: 'active',
			startedMonth: berlinMonth(startOf(i)),
			endedMonth: null,
			daysPostingToStart: [10, 2.5][i] ?? null,
			hoursCommitted: 4,
			hoursConfirmed: 0,
			firstWithTown: i === 0
		});
		// In the order they started.
		expect(rows).toEqual([0, 1, 2, 3, 4].map(row));

		// The CSV: five rows share district, category and target group, so all are shown.
		const line = (i: number, role: string, days: string, first: boolean) =>
			`homework,youth,Mitte,nonprofit,${role},active,${berlinMonth(startOf(i))},,${days},4,0,${first}`;
		expect(matchRowsCsv(rows).split('\r\n').slice(1)).toEqual([
			line(0, 'initiated', '10', true),
			line(1, 'none', '2.5', false),
			line(2, 'none', '', false),
			line(3, 'none', '', false),
			line(4, 'none', '', false),
			''
		]);
	});
});
