// Concurrent acceptances cannot over-book: proven on the PostgreSQL server with 50 transactions
// at once. Skipped without TEST_DATABASE_URL because PGlite serves a single connection, so
// nothing there ever runs concurrently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from './world.ts';

const server = Boolean(process.env.TEST_DATABASE_URL);

// Needs two connections at once: PGlite serves one, so this runs where TEST_DATABASE_URL is set.
describe.skipIf(!server)('concurrent acceptances on postgres', () => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase('postgres', 60);
		t = await town(db.pool);
	});
	afterAll(() => db?.close());

	type Outcome = { ok: true; status: string } | { ok: false; code: string; sqlstate?: string };
	async function accept(personId: string, matchId: string): Promise<Outcome> {
		try {
			const { rows } = await as(db.pool, personId, (tx) =>
				tx.query<{ s: string }>('select app.accept_match($1) as s', [matchId])
			);
			return { ok: true, status: rows[0]!.s };
		} catch (error) {
			const e = error as { code?: string; message: string };
			return { ok: false, code: e.message, sqlstate: e.code };
		}
	}

	it('50 helpers accept at once for a need with one place: exactly one succeeds', async () => {
		const n = await need(db.pool, { organisation: t.orgA, helpers_wanted: 1 });
		const pairs: [string, string][] = [];
		for (let i = 0; i < 50; i++) {
			const h = await helper(db.pool, { municipality: t.municipality });
			pairs.push([h, await match(db.pool, n, h, 'proposed')]);
		}
		const outcomes = await Promise.all(pairs.map(([h, m]) => accept(h, m)));
		expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, status: 'active' }]);
		expect(outcomes.filter((o) => !o.ok)).toEqual(
			Array.from({ length: 49 }, () => ({ ok: false, code: 'need_full', sqlstate: 'P0001' }))
		);
		const { rows } = await db.pool.query(
			`select count(*) filter (where status = 'active')::int as active, count(*) filter (where status = 'proposed')::int as proposed
			 from public.matches where need_id = $1`,
			[n]
		);
		expect(rows[0]).toEqual({ active: 1, proposed: 49 });
		expect(
			(await db.pool.query('select status from public.needs where id = $1', [n])).rows[0].status
		).toBe('matched');
	});

	it('one helper with 10 hours accepts 50 proposals of 1–3 hours at once: never over-booked, as many as fit', async () => {
		const h = await helper(db.pool, { municipality: t.municipality, hours_per_month: 10 });
		const proposals: { matchId: string; hours: number }[] = [];
		for (let i = 0; i < 50; i++) {
			const hours = 1 + (i % 3);
			const n = await need(db.pool, {
				organisation: i % 2 ? t.orgA : t.orgB,
				hours,
				starts_on: `2027-04-${String(1 + (i % 28)).padStart(2, '0')}`
			});
			proposals.push({ matchId: await match(db.pool, n, h, 'proposed'), hours });
		}
		const outcomes = await Promise.all(proposals.map((p) => accept(h, p.matchId)));
		const committed = Number(
			(await db.pool.query(`select private.committed_hours($1, '2027-04-01') as c`, [h])).rows[0].c
		);
		const won = proposals.filter((_, i) => outcomes[i]!.ok);
		const lost = proposals.filter((_, i) => !outcomes[i]!.ok);
		expect(committed).toBeLessThanOrEqual(10);
		expect(won.reduce((s, p) => s + p.hours, 0)).toBe(committed);
		expect(won.length).toBeGreaterThan(0);
		for (const [i, o] of outcomes.entries()) {
			if (!o.ok) expect({ i, code: o.code }).toEqual({ i, code: 'capacity_exceeded' });
		}
		// As many as fit: every refused proposal was larger than what is left now.
		for (const p of lost) expect(p.hours).toBeGreaterThan(10 - committed);
	});

	it('10 helpers × 5 needs with 2 places, all accepted at once: no deadlock, no over-booking', async () => {
		const needs = [];
		for (let j = 0; j < 5; j++) {
			needs.push(
				await need(db.pool, {
					organisation: t.orgA,
					hours: 3,
					helpers_wanted: 2,
					starts_on: '2027-05-10'
				})
			);
		}
		const helpers = [];
		for (let i = 0; i < 10; i++)
			helpers.push(await helper(db.pool, { municipality: t.municipality, hours_per_month: 7 }));
		const work: [string, string][] = [];
		for (const n of needs)
			for (const h of helpers) work.push([h, await match(db.pool, n, h, 'proposed')]);
		const outcomes = await Promise.all(work.map(([h, m]) => accept(h, m)));
		for (const o of outcomes) {
			if (!o.ok) expect(['need_full', 'capacity_exceeded']).toContain(o.code);
		}
		const { rows: perNeed } = await db.pool.query(
			`select need_id, count(*)::int as n from public.matches where need_id = any ($1::uuid[]) and status = 'active' group by need_id`,
			[needs]
		);
		expect(perNeed.map((r) => r.n)).toEqual([2, 2, 2, 2, 2]);
		for (const h of helpers) {
			const c = (await db.pool.query(`select private.committed_hours($1, '2027-05-01') as c`, [h]))
				.rows[0].c;
			expect(Number(c)).toBeLessThanOrEqual(7);
		}
	});
});
