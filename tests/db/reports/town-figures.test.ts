// A town's public figures: people helping (active or completed matches), how many of them the
// town took part with, confirmed hours — each hidden below five people — and open needs and
// organisations, for anyone without signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asAnonymous } from '../../../src/lib/server/db/person.ts';
import { townFigures } from '../../../src/lib/server/reports/figures.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('public town figures (%s)', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const read = () => asAnonymous(db.pool, (tx) => townFigures(tx, t.municipality));

	/** A helper with a match of the status, with or without the town's part, and confirmed hours. */
	async function helping(status: string, involvement: string | null, hours = 0) {
		const n = await need(db.pool, { organisation: t.orgA, helpers_wanted: 1 });
		const h = await helper(db.pool, { municipality: t.municipality });
		const m = await match(db.pool, n, h, status);
		await db.pool.query(
			`update public.matches set municipal_involvement = $2, activated_at = now() - interval '30 days' where id = $1`,
			[m, involvement]
		);
		if (hours > 0) {
			await db.pool.query(
				`insert into public.hour_logs (match_id, worked_on, hours, status, reviewed_by, reviewed_at)
				 values ($1, (now() at time zone 'Europe/Berlin')::date - 1, $2, 'confirmed', $3, now())`,
				[m, hours, t.coordA]
			);
		}
	}

	it('hides every figure about people below five, showing needs and organisations', async () => {
		await helping('active', 'approved', 2);
		await helping('completed', null, 1);
		await helping('proposed', 'informed'); // not helping (yet): never counted
		await helping('withdrawn', 'approved');
		expect(await read()).toMatchObject({
			helpers: null,
			helpersWithTown: null,
			confirmedHours: null,
			organisations: 3
		});
	});

	it('shows people helping, those with the town and confirmed hours from five people on', async () => {
		await helping('active', 'initiated', 1.5);
		await helping('active', 'approved');
		await helping('completed', 'verified', 0.5);
		const figures = await read();
		// 5 helping (2 from above + 3); with the town: 1 + 3 = 4 — still hidden.
		expect(figures).toMatchObject({ helpers: 5, helpersWithTown: null, confirmedHours: 5 });
		await helping('active', 'co_produced');
		expect(await read()).toMatchObject({ helpers: 6, helpersWithTown: 5, confirmedHours: 5 });
	});

	it('knows no unknown town', async () => {
		expect(
			await asAnonymous(db.pool, (tx) => townFigures(tx, '00000000-0000-4000-8000-000000000999'))
		).toBeNull();
	});
});
