// A town's public figures: people helping (a started match, as the report counts its helpers),
// how many of them the town took part with (by the ledger, as the report: never the match's own
// municipal_involvement column), confirmed hours — each hidden below five people, and the number
// with the town also while one to four are without it (the share would give them away) — and
// open needs and organisations, for anyone without signing in. The public page and the town's
// report agree: on the demo seed and on a fixed scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asAnonymous, asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { townFigures } from '../../../src/lib/server/reports/figures.ts';
import { townReport, type ReportParams } from '../../../src/lib/server/reports/town-report.ts';
import { seed } from '../../support/seed-ids.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from '../matching/world.ts';

const STARTED = ['active', 'completed', 'withdrawn'];

describe.each(backends)('public town figures (%s)', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const read = (municipality = t.municipality) =>
		asAnonymous(db.pool, (tx) => townFigures(tx, municipality));

	/** The whole history (five years less a day, up to today), as the town's office reads it. */
	const report = async (organisation: string, coordinator: string) => {
		const { rows } = await db.pool.query<{ from: string; to: string }>(
			`select (current_date - interval '5 years' + interval '1 day')::date::text as from,
			        current_date::text as to`
		);
		const p: ReportParams = {
			from: rows[0]!.from,
			to: rows[0]!.to,
			by: 'year',
			district: null,
			category: null,
			targetGroup: null
		};
		return asPerson(db.pool, claimsFor(coordinator), (tx) => townReport(tx, organisation, p));
	};

	/**
	 * A helper with a match of the status (started 30 days ago when active, completed or withdrawn)
	 * whose ledger gives the town `role`, and confirmed hours. The match's own
	 * municipal_involvement column always says 'approved': the figures must not read it.
	 */
	async function helping(status: string, role: string | null, hours = 0, town_ = t) {
		const n = await need(db.pool, { organisation: town_.orgA, helpers_wanted: 1 });
		const h = await helper(db.pool, { municipality: town_.municipality });
		const m = await match(db.pool, n, h, status);
		await db.pool.query(
			`update public.matches set municipal_involvement = 'approved', activated_at = $2 where id = $1`,
			[m, STARTED.includes(status) ? new Date(Date.now() - 30 * 86_400_000) : null]
		);
		await db.pool.query(
			`insert into public.involvement_events (kind, municipality_id, organisation_id, helper_id, need_id, match_id, municipal_role)
			 select 'match_proposed', m.municipality_id, m.organisation_id, m.helper_id, m.need_id, m.id, $2
			 from public.matches m where m.id = $1`,
			[m, role]
		);
		if (hours > 0) {
			await db.pool.query(
				`insert into public.hour_logs (match_id, worked_on, hours, status, reviewed_by, reviewed_at)
				 values ($1, (now() at time zone 'Europe/Berlin')::date - 1, $2, 'confirmed', $3, now())`,
				[m, hours, town_.coordA]
			);
		}
	}

	it('hides every figure about people below five, showing needs and organisations', async () => {
		await helping('active', 'approved', 2);
		await helping('completed', null, 1);
		await helping('proposed', 'informed'); // not started: never counted
		await helping('declined', 'approved'); // never started either
		expect(await read()).toMatchObject({
			helpers: null,
			helpersWithTown: null,
			confirmedHours: null,
			organisations: 3
		});
	});

	it('shows people helping, those with the town and confirmed hours from five people on', async () => {
		await helping('active', 'initiated', 1.5);
		await helping('withdrawn', 'verified'); // started, then withdrew: helped
		await helping('completed', 'co_produced', 0.5);
		// 5 helping (2 from above + 3); with the town by the ledger: 4 — still hidden (the
		// column would say 5).
		expect(await read()).toMatchObject({ helpers: 5, helpersWithTown: null, confirmedHours: 5 });
		await helping('active', 'informed');
		// 6 helping, 5 with the town: 1 without it, which the share (83 %) would give away.
		expect(await read()).toMatchObject({ helpers: 6, helpersWithTown: null });
		for (let i = 0; i < 3; i++) await helping('active', null);
		expect(await read()).toMatchObject({ helpers: 9, helpersWithTown: null });
		await helping('completed', null);
		// 10 helping, 5 with the town, 5 without.
		expect(await read()).toMatchObject({ helpers: 10, helpersWithTown: 5, confirmedHours: 5 });
	});

	it('shows those with the town when nobody is without it', async () => {
		const all = await town(db.pool);
		for (let i = 0; i < 5; i++) await helping('active', 'approved', 0, all);
		expect(await read(all.municipality)).toMatchObject({ helpers: 5, helpersWithTown: 5 });
	});

	it('agrees with the town report on the fixed scenario above', async () => {
		const [figures, r] = await Promise.all([read(), report(t.office, t.municipal)]);
		expect(r.helpers).toMatchObject({ active: 10, withTown: 5 });
		expect(figures).toMatchObject({
			helpers: r.helpers.active,
			helpersWithTown: r.helpers.withTown,
			confirmedHours: r.hours.confirmed
		});
	});

	it('agrees with the town report on the demo seed (match 02: no role for the town)', async () => {
		const lindenau = seed.municipalities.lindenau.id;
		const [figures, r] = await Promise.all([
			read(lindenau),
			report(seed.organisations.freiwilligenagentur.id, seed.people.katrin.id)
		]);
		// Started: matches 01–04 and 09, five people; the ledger gives the town a role in 01
		// (approved), 03 and 09 (initiated by the Freiwilligenagentur) only. The column says all five.
		expect(r.helpers).toMatchObject({ active: 5, withTown: 3 });
		const { rows } = await db.pool.query(
			`select count(distinct helper_id)::int as n from public.matches
			 where municipality_id = $1 and status in ('active', 'completed') and municipal_involvement is not null`,
			[lindenau]
		);
		expect(rows[0]!.n).toBe(5);
		expect(figures).toMatchObject({
			helpers: r.helpers.active,
			helpersWithTown: null, // 3: below five
			confirmedHours: r.hours.confirmed
		});
		expect(figures!.confirmedHours).toBe(9.5);
	});

	it('knows no unknown town', async () => {
		expect(await read('00000000-0000-4000-8000-000000000999')).toBeNull();
	});
});
