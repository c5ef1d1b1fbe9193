// The match verbs lock the helper's offer row (and the need row) before they check anything.
// The offer's lock is proven here on every backend, PGlite included (one connection, so no
// second session can wait on it): a row locked by a transaction carries its id as xmax, and the
// verbs never write the offer. The need's own FOR UPDATE cannot be told apart this way from the
// key-share lock its foreign keys take (matches, ledger), so the need's lock is proven by the
// concurrency tests, which need a PostgreSQL server (CI always has one).
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

/** Whether this transaction holds the row (locked or written it): its xmax is our xid. */
const heldByUs = async (tx: Tx, table: 'needs' | 'offers', where: string, id: string) =>
	(
		await tx.query<{ held: boolean }>(
			`select xmax::text::bigint = txid_current() % 4294967296 as held
			 from public.${table} where ${where} = $1`,
			[id]
		)
	).rows[0]?.held;

describe.each(backends)('match verb locks (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('propose_match locks the need and the offer; other rows stay free', async () => {
		const held = await as(ctx, 'coordB', async (tx) => {
			await tx.query('select app.propose_match($1, $2)', [w().needs.bOpen, w().people.helper2]);
			await actAs(ctx, tx, 'system');
			return {
				need: await heldByUs(tx, 'needs', 'id', w().needs.bOpen),
				offer: await heldByUs(tx, 'offers', 'helper_id', w().people.helper2),
				otherNeed: await heldByUs(tx, 'needs', 'id', w().needs.aOpen),
				otherOffer: await heldByUs(tx, 'offers', 'helper_id', w().people.helper)
			};
		});
		expect(held).toEqual({ need: true, offer: true, otherNeed: false, otherOffer: false });
	});

	it("accept_match locks the helper's offer", async () => {
		const held = await as(ctx, 'system', async (tx) => {
			// two places: accepting the first does not mark the need matched (no write to it)
			await tx.query('update public.needs set helpers_wanted = 2 where id = $1', [w().needs.bOpen]);
			await actAs(ctx, tx, 'coordB');
			const match = (
				await tx.query<{ id: string }>('select app.propose_match($1, $2) as id', [
					w().needs.bOpen,
					w().people.helper2
				])
			).rows[0]!.id;
			// a transaction of its own for the helper's answer, so the proposal's locks are gone
			await tx.query('commit');
			await tx.query('begin');
			await actAs(ctx, tx, 'system');
			const before = {
				need: await heldByUs(tx, 'needs', 'id', w().needs.bOpen),
				offer: await heldByUs(tx, 'offers', 'helper_id', w().people.helper2)
			};
			await actAs(ctx, tx, 'helper2');
			const status = (await tx.query('select app.accept_match($1) as s', [match])).rows[0]!.s;
			await actAs(ctx, tx, 'system');
			const after = {
				need: await heldByUs(tx, 'needs', 'id', w().needs.bOpen),
				offer: await heldByUs(tx, 'offers', 'helper_id', w().people.helper2)
			};
			return { before, status, after };
		});
		expect(held).toEqual({
			before: { need: false, offer: false },
			status: 'active',
			// the need: locked by the verb and key-share locked by the ledger's foreign key
			after: { need: true, offer: true }
		});
	});
});
