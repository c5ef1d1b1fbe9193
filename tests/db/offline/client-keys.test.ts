// Requests a phone queued offline and sends again (src/lib/pwa/outbox.ts): logging hours, "I can
// help", and the helper's yes or no to a proposal carry a key the phone made up. The same person
// sending the same request under the same key gets the first answer and nothing is written twice;
// another person's key, or another request under a used key, is refused as client_key_used and
// says nothing about the first. Each call here commits, as two real requests would.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { logHours, withdrawLog } from '../../../src/lib/server/hours/verbs.ts';
import { accept, decline, request } from '../../../src/lib/server/matching/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('offline requests sent again (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let mara: string;
	let jonas: string;
	let today: string;

	const count = async (sql: string, params: unknown[]) =>
		Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
	const logsWithKey = (key: string) =>
		count(`select count(*) as n from public.hour_logs where client_key = $1`, [key]);
	const entry = (matchId: string, clientKey: string, hours = 1.5) => ({
		matchId,
		clientKey,
		workedOn: today,
		hours,
		note: 'Lesen geübt'
	});

	beforeAll(async () => {
		db = await freshDatabase(backend, 3);
		t = await town(db.pool);
		mara = await helper(db.pool, { municipality: t.municipality, name: 'Mara', north_km: 0.4 });
		jonas = await helper(db.pool, { municipality: t.municipality, name: 'Jonas', north_km: 0.6 });
		today = (
			await db.pool.query<{ d: string }>(
				`select (now() at time zone 'Europe/Berlin')::date::text as d`
			)
		).rows[0]!.d;
	});
	afterAll(() => db.close());

	describe('log hours', () => {
		let active: string;
		beforeAll(async () => {
			const needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
			active = await match(db.pool, needId, mara, 'active');
		});

		it('the same key twice: one log, the same log id both times', async () => {
			const key = randomUUID();
			const ids = [];
			for (let i = 0; i < 2; i++) {
				const { rows } = await as(db.pool, mara, (tx) =>
					tx.query<{ id: string }>(`select app.log_hours($1, $2, $3, 1.5, 'Lesen geübt') as id`, [
						key,
						active,
						today
					])
				);
				ids.push(rows[0]!.id);
			}
			expect(ids[1]).toBe(ids[0]);
			expect(await logsWithKey(key)).toBe(1);
			expect(
				await count(`select count(*) as n from public.hour_logs where id = $1 and helper_id = $2`, [
					ids[0],
					mara
				])
			).toBe(1);
		});

		it('through the server verb: ok twice, one row; without a key two logs are two', async () => {
			const key = randomUUID();
			const before = await count(`select count(*) as n from public.hour_logs where match_id = $1`, [
				active
			]);
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.5)))).toEqual({
				ok: true
			});
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.5)))).toEqual({
				ok: true
			});
			expect(await logsWithKey(key)).toBe(1);
			const keyless = { ...entry(active, key, 0.25), clientKey: undefined };
			await as(db.pool, mara, (tx) => logHours(tx, mara, keyless));
			await as(db.pool, mara, (tx) => logHours(tx, mara, keyless));
			expect(
				await count(`select count(*) as n from public.hour_logs where match_id = $1`, [active])
			).toBe(before + 3);
		});

		it('sent again after the log was withdrawn: still nothing written', async () => {
			const key = randomUUID();
			await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.75)));
			const { rows } = await db.pool.query<{ id: string }>(
				`select id from public.hour_logs where client_key = $1`,
				[key]
			);
			expect(await as(db.pool, mara, (tx) => withdrawLog(tx, mara, rows[0]!.id))).toEqual({
				ok: true
			});
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.75)))).toEqual(
				{ ok: true }
			);
			expect(await logsWithKey(key)).toBe(0);
		});

		it('two copies at the same moment: one log', async () => {
			const key = randomUUID();
			const results = await Promise.all([
				as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.5))),
				as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 0.5)))
			]);
			expect(results).toEqual([{ ok: true }, { ok: true }]);
			expect(await logsWithKey(key)).toBe(1);
		});

		it("another person's key is refused and tells nothing; their own log is unaffected", async () => {
			const key = randomUUID();
			await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 1)));
			const jonasNeed = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
			const jonasMatch = await match(db.pool, jonasNeed, jonas, 'active');
			expect(
				await as(db.pool, jonas, (tx) => logHours(tx, jonas, entry(jonasMatch, key, 1)))
			).toEqual({ ok: false, code: 'client_key_used' });
			// The same answer whatever the first request was: Jonas learns nothing about Mara's log.
			expect(
				await as(db.pool, jonas, (tx) => logHours(tx, jonas, entry(jonasMatch, randomUUID(), 1)))
			).toEqual({ ok: true });
			expect(
				await count(`select count(*) as n from public.hour_logs where match_id = $1`, [jonasMatch])
			).toBe(1);
			expect(await logsWithKey(key)).toBe(1);
		});

		it('another request under a used key is refused, nothing written', async () => {
			const key = randomUUID();
			await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 1)));
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, entry(active, key, 2)))).toEqual({
				ok: false,
				code: 'client_key_used'
			});
			expect(
				await count(
					`select count(*) as n from public.hour_logs where client_key = $1 and hours = 1`,
					[key]
				)
			).toBe(1);
		});

		it('a refusal is not remembered: the same key works once the reason is gone', async () => {
			const key = randomUUID();
			const future = { ...entry(active, key, 1), workedOn: '2999-01-01' };
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, future))).toEqual({
				ok: false,
				code: 'hours_in_future'
			});
			expect(await as(db.pool, mara, (tx) => logHours(tx, mara, future))).toEqual({
				ok: false,
				code: 'hours_in_future'
			});
			expect(await logsWithKey(key)).toBe(0);
		});
	});

	describe('"I can help"', () => {
		it('the same key twice: one match, the same match id', async () => {
			const needId = await need(db.pool, { organisation: t.orgB, starts_on: '2027-03-10' });
			const key = randomUUID();
			const first = await as(db.pool, mara, (tx) => request(tx, needId, key));
			const again = await as(db.pool, mara, (tx) => request(tx, needId, key));
			expect(first).toMatchObject({ ok: true });
			expect(again).toEqual(first);
			expect(
				await count(
					`select count(*) as n from public.matches where need_id = $1 and helper_id = $2`,
					[needId, mara]
				)
			).toBe(1);
			// Without the key, a second "I can help" is a second request, refused.
			expect(await as(db.pool, mara, (tx) => request(tx, needId))).toEqual({
				ok: false,
				code: 'already_matched'
			});
		});

		it("another person's key: refused, and their own request goes through", async () => {
			const needId = await need(db.pool, { organisation: t.orgB, starts_on: '2027-03-10' });
			const key = randomUUID();
			await as(db.pool, mara, (tx) => request(tx, needId, key));
			expect(await as(db.pool, jonas, (tx) => request(tx, needId, key))).toEqual({
				ok: false,
				code: 'client_key_used'
			});
			expect(await as(db.pool, jonas, (tx) => request(tx, needId, randomUUID()))).toMatchObject({
				ok: true
			});
		});
	});

	describe('answering a proposal', () => {
		it('yes twice under one key: the same status, one acceptance', async () => {
			const needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
			const proposal = await match(db.pool, needId, jonas, 'proposed');
			const key = randomUUID();
			const first = await as(db.pool, jonas, (tx) => accept(tx, proposal, key));
			expect(first).toMatchObject({ ok: true });
			expect(await as(db.pool, jonas, (tx) => accept(tx, proposal, key))).toEqual(first);
			expect(
				await count(
					`select count(*) as n from public.involvement_events where match_id = $1 and kind = 'match_accepted'`,
					[proposal]
				)
			).toBe(1);
			// A new yes (another key) is a second answer: refused.
			expect(await as(db.pool, jonas, (tx) => accept(tx, proposal, randomUUID()))).toEqual({
				ok: false,
				code: 'match_not_pending'
			});
		});

		it('no twice under one key: ok both times; under another key it is answered already', async () => {
			const needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
			const proposal = await match(db.pool, needId, mara, 'proposed');
			const key = randomUUID();
			expect(await as(db.pool, mara, (tx) => decline(tx, proposal, key))).toEqual({ ok: true });
			expect(await as(db.pool, mara, (tx) => decline(tx, proposal, key))).toEqual({ ok: true });
			expect(await as(db.pool, mara, (tx) => decline(tx, proposal, randomUUID()))).toEqual({
				ok: false,
				code: 'match_not_pending'
			});
			// Jonas replaying Mara's key on his own proposal: refused, his proposal still open.
			const his = await match(db.pool, needId, jonas, 'proposed');
			expect(await as(db.pool, jonas, (tx) => decline(tx, his, key))).toEqual({
				ok: false,
				code: 'client_key_used'
			});
			expect(
				(await db.pool.query(`select status from public.matches where id = $1`, [his])).rows
			).toEqual([{ status: 'proposed' }]);
		});
	});
});
