// The match verbs the server-verbs suite does not reach (found by mutation testing): approve and
// decline through the server functions, and that withdraw really ends the match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {
	accept,
	approve,
	decline,
	propose,
	withdraw
} from '../../../src/lib/server/matching/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, need, town, type Town } from './world.ts';

describe.each(backends)(
	'approve, decline and withdraw through the server verbs on %s',
	(backend) => {
		let db: Database;
		let t: Town;

		beforeAll(async () => {
			db = await freshDatabase(backend);
			t = await town(db.pool, { minor_matches_need_approval: true });
		});
		afterAll(() => db.close());

		const statusOf = async (id: string) =>
			(
				await db.pool.query<{ status: string }>('select status from public.matches where id = $1', [
					id
				])
			).rows[0]!.status;

		async function proposed(targetGroup: string) {
			const n = await need(db.pool, { organisation: t.orgA, target_group: targetGroup });
			const h = await helper(db.pool, { municipality: t.municipality });
			const r = await as(db.pool, t.coordA, (tx) => propose(tx, n, h));
			if (!r.ok) throw new Error(`propose refused: ${r.code}`);
			return { helperId: h, matchId: r.matchId };
		}

		it('a match with a child waits for the town, which approves it', async () => {
			const { helperId, matchId } = await proposed('children');
			expect(await as(db.pool, helperId, (tx) => accept(tx, matchId))).toEqual({
				ok: true,
				status: 'pending_approval'
			});
			expect(await as(db.pool, t.coordA, (tx) => approve(tx, matchId))).toEqual({
				ok: false,
				code: 'not_allowed'
			});
			expect(await as(db.pool, t.municipal, (tx) => approve(tx, matchId))).toEqual({
				ok: true,
				status: 'active'
			});
			expect(await statusOf(matchId)).toBe('active');
		});

		it('the helper declines a proposal', async () => {
			const { helperId, matchId } = await proposed('youth');
			expect(await as(db.pool, helperId, (tx) => decline(tx, matchId))).toEqual({ ok: true });
			expect(await statusOf(matchId)).toBe('declined');
			expect(await as(db.pool, helperId, (tx) => decline(tx, matchId))).toMatchObject({
				ok: false
			});
		});

		it('withdraw ends an accepted match', async () => {
			const { helperId, matchId } = await proposed('youth');
			expect(await as(db.pool, helperId, (tx) => accept(tx, matchId))).toMatchObject({ ok: true });
			expect(await as(db.pool, helperId, (tx) => withdraw(tx, matchId))).toEqual({ ok: true });
			expect(await statusOf(matchId)).toBe('withdrawn');
		});
	}
);
