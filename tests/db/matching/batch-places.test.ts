// Batch planning counts a need's free places: places taken by proposals, requests, matches
// waiting for approval or active matches are not planned again, and a need with none left is no
// open need of the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { planBatch } from '../../../src/lib/server/matching/batch.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, type Town, town } from './world.ts';

describe.each(backends)('batch planning within free places on %s', (backend) => {
	let db: Database;
	let t: Town;
	const needs: Record<string, string> = {};

	beforeAll(async () => {
		db = await freshDatabase(backend);
		const pool = db.pool;
		t = await town(pool);
		const taken = await helper(pool, { municipality: t.municipality, name: 'Schon gefragt' });
		for (const name of ['Anna', 'Ben', 'Cem', 'Dora'])
			await helper(pool, { municipality: t.municipality, name });
		needs.full = await need(pool, { organisation: t.orgA, title: 'Voll', helpers_wanted: 1 });
		await match(pool, needs.full, taken, 'proposed');
		needs.oneOfTwo = await need(pool, {
			organisation: t.orgA,
			title: 'Einer von zwei',
			helpers_wanted: 2
		});
		await match(pool, needs.oneOfTwo, taken, 'active');
		needs.free = await need(pool, { organisation: t.orgA, title: 'Frei', helpers_wanted: 2 });
	});
	afterAll(() => db.close());

	it('coordinator of A: plans only the free places and counts only needs that have some', async () => {
		const plan = await as(db.pool, t.coordA, (tx) => planBatch(tx, t.orgA, 'de'));
		const planned = (needId: string) => plan.proposals.filter((p) => p.needId === needId).length;
		expect(plan.openNeeds).toBe(2);
		expect([planned(needs.full!), planned(needs.oneOfTwo!), planned(needs.free!)]).toEqual([
			0, 1, 2
		]);
	});
});
