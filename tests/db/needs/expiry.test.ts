// A need whose dates have passed stops being matchable: app.expire_past_needs() marks open and
// waiting needs past their last day as expired, and the app's reads of needs call it first, so
// neither the candidate lists nor "I can help" offer them any more. The rest stays as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { planBatch } from '../../../src/lib/server/matching/batch.ts';
import { candidatesForNeed, needsForHelper } from '../../../src/lib/server/matching/candidates.ts';
import { request } from '../../../src/lib/server/matching/verbs.ts';
import { expirePastNeeds } from '../../../src/lib/server/needs/expiry.ts';
import { readStoredNeed } from '../../../src/lib/server/needs/form.ts';
import { readNeed } from '../../../src/lib/server/needs/read.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('needs whose dates have passed (%s)', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const statusOf = async (id: string) =>
		(await db.pool.query<{ status: string }>('select status from needs where id = $1', [id]))
			.rows[0]!.status;
	const rawCandidates = (id: string) =>
		as(db.pool, t.coordA, async (tx) =>
			(
				await tx.query<{ helper_id: string }>('select helper_id from need_candidates($1)', [id])
			).rows.map((r) => r.helper_id)
		);

	it('helper and coordinator: a one-off need past its day is no longer offered, and shows as expired', async () => {
		const me = await helper(db.pool, { municipality: t.municipality });
		const past = await need(db.pool, { organisation: t.orgA, starts_on: '2026-01-10' });
		// Before anyone reads, the raw candidate list still holds it: the status decides.
		expect(await rawCandidates(past)).toContain(me);

		expect(await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, past, 'de'))).toEqual([]);
		expect(await statusOf(past)).toBe('expired');
		expect(
			(await as(db.pool, me, (tx) => needsForHelper(tx, 'de'))).map((n) => n.needId)
		).not.toContain(past);
		// Expired, it is no need a helper reads: "this need no longer exists".
		expect(await as(db.pool, me, (tx) => request(tx, past))).toEqual({
			ok: false,
			code: 'need_not_found'
		});
		expect((await as(db.pool, t.coordA, (tx) => readNeed(tx, past)))?.status).toBe('expired');
	});

	it('the sweep: open and waiting needs past their end expire, once; matched, drafts and running needs stay', async () => {
		const monthlyOver = await need(db.pool, {
			organisation: t.orgA,
			cadence: 'monthly',
			starts_on: '2025-09-01',
			ends_on: '2026-02-28'
		});
		const waiting = await need(db.pool, {
			organisation: t.orgA,
			starts_on: '2026-02-01',
			status: 'pending_approval'
		});
		const matched = await need(db.pool, {
			organisation: t.orgA,
			starts_on: '2026-02-01',
			status: 'matched'
		});
		const draft = await need(db.pool, {
			organisation: t.orgA,
			starts_on: '2026-02-01',
			status: 'draft'
		});
		const running = await need(db.pool, {
			organisation: t.orgA,
			cadence: 'monthly',
			starts_on: '2026-01-01',
			ends_on: '2027-12-31'
		});
		const future = await need(db.pool, { organisation: t.orgA });

		const first = await as(db.pool, t.coordB, (tx) => expirePastNeeds(tx));
		expect(first).toBeGreaterThanOrEqual(2);
		expect(await as(db.pool, t.coordB, (tx) => expirePastNeeds(tx))).toBe(0);
		expect(
			await Promise.all([monthlyOver, waiting, matched, draft, running, future].map(statusOf))
		).toEqual(['expired', 'expired', 'matched', 'draft', 'open', 'open']);
	});

	it('coordinator of A: cannot change an expired need any more (need_closed)', async () => {
		const past = await need(db.pool, { organisation: t.orgA, starts_on: '2026-01-10' });
		// The edit page's read shows it as it is.
		expect((await as(db.pool, t.coordA, (tx) => readStoredNeed(tx, past)))?.status).toBe('expired');
		const refused = await as(db.pool, t.coordA, (tx) =>
			tx.query(`update needs set title = 'Neuer Titel' where id = $1`, [past]).then(
				() => 'written',
				(e: { message: string }) => e.message
			)
		);
		expect(refused).toBe('need_closed');
	});

	it('coordinator of A: cannot move an open need into the past (need_in_past); other edits stay free', async () => {
		const open = await need(db.pool, { organisation: t.orgA });
		const tryUpdate = (set: string) =>
			as(db.pool, t.coordA, (tx) =>
				tx.query(`update needs set ${set} where id = $1`, [open]).then(
					(r) => r.rowCount,
					(e: { message: string }) => e.message
				)
			);
		expect(await tryUpdate(`starts_on = '2026-01-05'`)).toBe('need_in_past');
		expect(await tryUpdate(`title = 'Mathe, Klasse 8'`)).toBe(1);
	});

	it('coordinator of A: a batch plan, in one transaction or in parts, proposes no need past its day', async () => {
		const me = await helper(db.pool, { municipality: t.municipality });
		for (const parts of [undefined, 2]) {
			const past = await need(db.pool, { organisation: t.orgA, starts_on: '2026-01-10' });
			expect(await rawCandidates(past)).toContain(me);
			const plan =
				parts === undefined
					? await as(db.pool, t.coordA, (tx) => planBatch(tx, t.orgA, 'de'))
					: await planBatch((work) => as(db.pool, t.coordA, work), t.orgA, 'de', parts);
			expect(plan.proposals.map((p) => p.needId)).not.toContain(past);
			expect(await statusOf(past)).toBe('expired');
		}
	});
});
