// Hours are logged only through app.log_hours: a helper has no insert on hour_logs, so nobody can
// store a log under a client key another phone made up and so make that phone's request fail.
// A key already on a log (two calls with one key at once) is client_key_used, never a unique
// violation (a server error).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { logHours } from '../../../src/lib/server/hours/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('hour logs only through the verb (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let mara: string;
	let jonas: string;
	let maraMatch: string;
	let jonasMatch: string;
	let today: string;

	beforeAll(async () => {
		db = await freshDatabase(backend, 3);
		t = await town(db.pool);
		mara = await helper(db.pool, { municipality: t.municipality, name: 'Mara', north_km: 0.4 });
		jonas = await helper(db.pool, { municipality: t.municipality, name: 'Jonas', north_km: 0.6 });
		maraMatch = await match(db.pool, await need(db.pool, { organisation: t.orgA }), mara, 'active');
		jonasMatch = await match(
			db.pool,
			await need(db.pool, { organisation: t.orgA }),
			jonas,
			'active'
		);
		today = (
			await db.pool.query<{ d: string }>(
				`select (now() at time zone 'Europe/Berlin')::date::text as d`
			)
		).rows[0]!.d;
	});
	afterAll(() => db.close());

	const logsWithKey = async (key: string) =>
		Number(
			(
				await db.pool.query<{ n: string }>(
					'select count(*) as n from public.hour_logs where client_key = $1',
					[key]
				)
			).rows[0]!.n
		);

	it("a helper cannot insert a log directly, so cannot take another phone's key", async () => {
		const key = randomUUID();
		const direct = await as(db.pool, mara, (tx) =>
			tx.query(
				`insert into public.hour_logs (match_id, helper_id, worked_on, hours, client_key)
				 values ($1, $2, $3, 1, $4)`,
				[maraMatch, mara, today, key]
			)
		).catch((e: { code?: string }) => e.code);
		expect(direct).toBe('42501');
		expect(await logsWithKey(key)).toBe(0);
		// Jonas's phone sends its request under that key: logged.
		const result = await as(db.pool, jonas, (tx) =>
			logHours(tx, jonas, {
				matchId: jonasMatch,
				clientKey: key,
				workedOn: today,
				hours: 1.5,
				note: ''
			})
		);
		expect(result).toEqual({ ok: true });
		expect(await logsWithKey(key)).toBe(1);
	});

	it('a key already on a log the verb has not seen is client_key_used, not a server error', async () => {
		// As when two calls with one key meet: the log is there, its request not yet remembered.
		const key = randomUUID();
		await db.pool.query(
			`insert into public.hour_logs (match_id, helper_id, worked_on, hours, client_key)
			 values ($1, $2, $3, 1, $4)`,
			[maraMatch, mara, today, key]
		);
		const result = await as(db.pool, jonas, (tx) =>
			logHours(tx, jonas, {
				matchId: jonasMatch,
				clientKey: key,
				workedOn: today,
				hours: 1.5,
				note: ''
			})
		);
		expect(result).toEqual({ ok: false, code: 'client_key_used' });
		expect(await logsWithKey(key)).toBe(1);
	});
});
