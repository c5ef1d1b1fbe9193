// Withdrawing or declining a match reopens its need only when the match held a place and fewer
// places than wanted stay taken. A need wanting two helpers with one active, X and Y proposed:
// X accepts (the need is matched, two of two places taken), then Y's still-proposed match ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from './world.ts';

describe.each(backends)('withdrawing or declining on a full need (%s)', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	// People withdraw through withdraw_match_with_reason (the one-argument verb is not theirs).
	const verb = (personId: string, name: string, matchId: string) =>
		as(db.pool, personId, (tx) =>
			tx.query(
				name === 'withdraw_match'
					? `select app.withdraw_match_with_reason($1, '')`
					: `select app.${name}($1)`,
				[matchId]
			)
		);
	const propose = async (needId: string, helperId: string) =>
		(
			await as(db.pool, t.coordA, (tx) =>
				tx.query<{ id: string }>(`select app.propose_match($1, $2) as id`, [needId, helperId])
			)
		).rows[0]!.id;
	const request = async (needId: string, helperId: string) =>
		(
			await as(db.pool, helperId, (tx) =>
				tx.query<{ id: string }>(`select app.request_match($1) as id`, [needId])
			)
		).rows[0]!.id;
	const needStatus = async (id: string) =>
		(await db.pool.query(`select status from public.needs where id = $1`, [id])).rows[0].status;

	/** Two places, one taken by an active match; X accepts a proposal; Y's match is still pending. */
	async function fullNeed(y: 'proposed' | 'requested') {
		const n = await need(db.pool, { organisation: t.orgA, helpers_wanted: 2 });
		await match(db.pool, n, await helper(db.pool, { municipality: t.municipality }), 'active');
		const x = await helper(db.pool, { municipality: t.municipality });
		const yHelper = await helper(db.pool, { municipality: t.municipality });
		const mx = await propose(n, x);
		const my = y === 'proposed' ? await propose(n, yHelper) : await request(n, yHelper);
		await verb(x, 'accept_match', mx);
		expect(await needStatus(n)).toBe('matched');
		return { n, x, mx, yHelper, my };
	}

	describe('helper Y', () => {
		it('withdraws the still-proposed match: the need stays matched (two of two places taken)', async () => {
			const { n, yHelper, my } = await fullNeed('proposed');
			await verb(yHelper, 'withdraw_match', my);
			expect(await needStatus(n)).toBe('matched');
		});

		it('withdraws its own "I can help": the need stays matched', async () => {
			const { n, yHelper, my } = await fullNeed('requested');
			await verb(yHelper, 'withdraw_match', my);
			expect(await needStatus(n)).toBe('matched');
		});

		it('declines the proposal: the need stays matched', async () => {
			const { n, yHelper, my } = await fullNeed('proposed');
			await verb(yHelper, 'decline_match', my);
			expect(await needStatus(n)).toBe('matched');
		});
	});

	describe('coordinator of nonprofit A', () => {
		it("withdraws Y's pending proposal: the need stays matched", async () => {
			const { n, my } = await fullNeed('proposed');
			await verb(t.coordA, 'withdraw_match', my);
			expect(await needStatus(n)).toBe('matched');
		});

		it("declines Y's request: the need stays matched", async () => {
			const { n, my } = await fullNeed('requested');
			await verb(t.coordA, 'decline_match', my);
			expect(await needStatus(n)).toBe('matched');
		});
	});

	describe('helper X (active)', () => {
		it('withdraws the active match: a place is free, the need opens again', async () => {
			const { n, x, mx } = await fullNeed('proposed');
			await verb(x, 'withdraw_match', mx);
			expect(await needStatus(n)).toBe('open');
		});
	});
});
