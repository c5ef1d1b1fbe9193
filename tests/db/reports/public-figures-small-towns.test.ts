// The start page's totals never give away what a town's own page hides: the confirmed hours are
// the sum of the hours the towns' pages show (a town with fewer than five people helping adds
// nothing), and helpers and hours are themselves hidden below five people. Otherwise the total
// less the shown towns' hours would be a small town's hidden hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asAnonymous } from '../../../src/lib/server/db/person.ts';
import { publicFigures, townFigures, towns } from '../../../src/lib/server/reports/figures.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('public figures and small towns (%s)', (backend) => {
	let db: Database;
	let t: Town;
	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	/** The start page and every town's page, as anyone reads them. */
	const readAll = () =>
		asAnonymous(db.pool, async (tx) => ({
			home: await publicFigures(tx),
			perTown: await Promise.all((await towns(tx)).map((x) => townFigures(tx, x.id)))
		}));

	/** One more person helping in the test town, with confirmed hours on a started match. */
	const helping = async (hours: number) => {
		const n = await need(db.pool, { organisation: t.orgA, helpers_wanted: 1 });
		const h = await helper(db.pool, { municipality: t.municipality });
		const m = await match(db.pool, n, h, 'active');
		await db.pool.query(
			`update public.matches set activated_at = now() - interval '30 days' where id = $1`,
			[m]
		);
		await db.pool.query(
			`insert into public.hour_logs (match_id, worked_on, hours, status, reviewed_by, reviewed_at)
			 values ($1, (now() at time zone 'Europe/Berlin')::date - 1, $2, 'confirmed', $3, now())`,
			[m, hours, t.coordA]
		);
	};

	const shownHours = (perTown: Awaited<ReturnType<typeof readAll>>['perTown']) =>
		perTown.reduce((sum, f) => sum + (f?.confirmedHours ?? 0), 0);

	it("a small town's hidden hours are not in the total; once its page shows them, they are", async () => {
		const before = await readAll();
		expect(before.home.confirmedHours).toBeGreaterThan(0);
		expect(before.home.confirmedHours).toBeCloseTo(shownHours(before.perTown), 2);

		// One person helps in the new town, 3.75 confirmed hours: its page hides them …
		await helping(3.75);
		const small = await readAll();
		const mine = await asAnonymous(db.pool, (tx) => townFigures(tx, t.municipality));
		expect(mine?.helpers).toBeNull();
		expect(mine?.confirmedHours).toBeNull();
		// … and the start page's total is the shown towns' hours, unchanged: nothing to subtract.
		expect(small.home.confirmedHours).toBeCloseTo(before.home.confirmedHours!, 2);
		expect(small.home.confirmedHours).toBeCloseTo(shownHours(small.perTown), 2);

		// Four more people: the town's page shows its 3.75 + 4 × 1 hours, and so does the total.
		for (let i = 0; i < 4; i++) await helping(1);
		const shown = await readAll();
		const now = await asAnonymous(db.pool, (tx) => townFigures(tx, t.municipality));
		expect(now?.helpers).toBe(5);
		expect(now?.confirmedHours).toBeCloseTo(7.75, 2);
		expect(shown.home.confirmedHours).toBeCloseTo(before.home.confirmedHours! + 7.75, 2);
		expect(shown.home.confirmedHours).toBeCloseTo(shownHours(shown.perTown), 2);
	});

	it('helpers and hours on the start page are hidden below five people', async () => {
		const client = await db.pool.connect();
		try {
			await client.query('begin');
			// Four people offering help, and no town with five people helping (rolled back after;
			// without triggers, which would refuse to delete offers and matches in use).
			await client.query(`set local session_replication_role = replica`);
			await client.query(
				'delete from public.offers where id not in (select id from public.offers limit 4)'
			);
			await client.query('delete from public.matches');
			await client.query(`set local role anon`);
			const figures = await publicFigures(client);
			expect(figures.helpers).toBeNull();
			expect(figures.confirmedHours).toBeNull();
			expect(figures.municipalities).toBeGreaterThanOrEqual(2);
		} finally {
			await client.query('rollback');
			client.release();
		}
		// Five people offering help are counted.
		const client2 = await db.pool.connect();
		try {
			await client2.query('begin');
			await client2.query(`set local session_replication_role = replica`);
			await client2.query(
				'delete from public.offers where id not in (select id from public.offers limit 5)'
			);
			await client2.query(`set local role anon`);
			expect((await publicFigures(client2)).helpers).toBe(5);
		} finally {
			await client2.query('rollback');
			client2.release();
		}
	});
});
