// A coordinator writes to the helpers of the pool or of one need: one mail each (their own
// address only), active helpers only, preferences respected; another organisation's coordinator
// and the helpers themselves are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { messageHelpers } from '../../../src/lib/server/mail/messages.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('messages to helpers on %s', (backend) => {
	let db: Database;
	let t: Town;
	const pool: Record<'active' | 'paused' | 'quiet', string> = { active: '', paused: '', quiet: '' };

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		for (const key of ['active', 'paused', 'quiet'] as const) {
			pool[key] = await helper(db.pool, { municipality: t.municipality });
			await db.pool.query(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', $3)`,
				[t.orgA, pool[key], key === 'paused' ? 'paused' : 'active']
			);
		}
		await as(db.pool, pool.quiet, (tx) =>
			tx.query(
				`insert into public.mail_preferences (person_id, kind, enabled) values ($1, 'pool_message', false)`,
				[pool.quiet]
			)
		);
	});
	afterAll(() => db.close());

	const mark = async () =>
		(await db.pool.query('select coalesce(max(id), 0)::int as n from private.outbox')).rows[0].n;
	const since = async (from: number) =>
		(
			await db.pool.query(
				`select recipient, person_id, kind, payload from private.outbox where id > $1 order by id`,
				[from]
			)
		).rows;
	const message = { needId: '', subject: 'Sommerfest', text: 'Am Samstag feiern wir im Park.' };

	it("coordinator of A: one mail to each active pool helper who wants them, to that helper's own address", async () => {
		const from = await mark();
		expect(await as(db.pool, t.coordA, (tx) => messageHelpers(tx, t.orgA, message))).toEqual({
			ok: true,
			sent: 1
		});
		const mails = await since(from);
		expect(mails).toEqual([
			{
				recipient: `${pool.active}@test.example`,
				person_id: pool.active,
				kind: 'pool_message',
				payload: {
					organisation: 'Verein A',
					subject: 'Sommerfest',
					text: 'Am Samstag feiern wir im Park.',
					path: '/pools'
				}
			}
		]);
	});

	it('to one need: the helpers of its active matches only', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const matched = await helper(db.pool, { municipality: t.municipality });
		const { rows } = await as(db.pool, t.coordA, (tx) =>
			tx.query('select app.propose_match($1, $2, 80) as id', [n, matched])
		);
		await as(db.pool, matched, (tx) => tx.query('select app.accept_match($1)', [rows[0]!.id]));
		const from = await mark();
		expect(
			await as(db.pool, t.coordA, (tx) => messageHelpers(tx, t.orgA, { ...message, needId: n }))
		).toEqual({ ok: true, sent: 1 });
		expect((await since(from)).map((m) => m.person_id)).toEqual([matched]);
	});

	it('coordinator of B, a helper, a need of another organisation or of none: refused alike, nothing written', async () => {
		const from = await mark();
		const refused = { ok: false, code: 'not_allowed' };
		expect(await as(db.pool, t.coordB, (tx) => messageHelpers(tx, t.orgA, message))).toEqual(
			refused
		);
		expect(await as(db.pool, pool.active, (tx) => messageHelpers(tx, t.orgA, message))).toEqual(
			refused
		);
		const other = await need(db.pool, { organisation: t.orgB });
		for (const needId of [other, '00000000-0000-4000-8000-00000000dead'])
			expect(
				await as(db.pool, t.coordA, (tx) => messageHelpers(tx, t.orgA, { ...message, needId }))
			).toEqual(refused);
		expect(await since(from)).toEqual([]);
	});
});
