// The town's need verbs on the server: typed results for approve and send back, a refusal
// leaves the transaction usable and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { approveNeed, sendBackNeed } from '../../../src/lib/server/needs/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('need verbs on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const pending = (organisation: string) =>
		need(db.pool, { organisation, status: 'pending_approval' });
	const statusOf = async (id: string) =>
		(await db.pool.query<{ status: string }>('select status from needs where id = $1', [id]))
			.rows[0]!.status;

	it('municipal coordinator: approves a nonprofit need waiting for the town; it opens', async () => {
		const id = await pending(t.orgA);
		expect(await as(db.pool, t.municipal, (tx) => approveNeed(tx, id))).toEqual({ ok: true });
		expect(await statusOf(id)).toBe('open');
	});

	it('municipal coordinator: sends a need back with a reason; it becomes a draft', async () => {
		const id = await pending(t.orgA);
		const result = await as(db.pool, t.municipal, (tx) =>
			sendBackNeed(tx, id, 'Bitte den Ort genauer angeben.')
		);
		expect(result).toEqual({ ok: true });
		expect(await statusOf(id)).toBe('draft');
	});

	it('municipal coordinator: refused without a reason, and the transaction stays usable', async () => {
		const id = await pending(t.orgA);
		const [refused, after] = await as(db.pool, t.municipal, async (tx) => [
			await sendBackNeed(tx, id, ' x '),
			await approveNeed(tx, id)
		]);
		expect(refused).toEqual({ ok: false, code: 'reason_required' });
		expect(after).toEqual({ ok: true });
	});

	it('municipal coordinator: a need that is not waiting is refused with need_not_pending', async () => {
		const id = await need(db.pool, { organisation: t.orgA });
		expect(await as(db.pool, t.municipal, (tx) => approveNeed(tx, id))).toEqual({
			ok: false,
			code: 'need_not_pending'
		});
	});

	it('municipal coordinator: never approves a need of their own office (own_need)', async () => {
		const id = await pending(t.office);
		expect(await as(db.pool, t.municipal, (tx) => approveNeed(tx, id))).toEqual({
			ok: false,
			code: 'own_need'
		});
		expect(await statusOf(id)).toBe('pending_approval');
	});

	it('coordinator of A: may not approve for the town (not_allowed)', async () => {
		const id = await pending(t.orgA);
		expect(await as(db.pool, t.coordA, (tx) => approveNeed(tx, id))).toEqual({
			ok: false,
			code: 'not_allowed'
		});
		expect(await statusOf(id)).toBe('pending_approval');
	});

	it('municipal coordinator: an unknown need is need_not_found', async () => {
		const id = '00000000-0000-4000-8000-000000000000';
		expect(await as(db.pool, t.municipal, (tx) => approveNeed(tx, id))).toEqual({
			ok: false,
			code: 'need_not_found'
		});
	});
});
