// Weekly windows (public.week_windows, offers' availability and needs' time windows) lie within
// the week and have both ends (20261130000500): the domain refuses the rest, whoever writes.
// Batch planning's slots (private.window_slots) still cover a window without ends whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asSystem } from '../../../src/lib/server/db/person.ts';
import { backends, freshDatabase } from '../harness.ts';

describe.each(backends)('weekly windows (%s)', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	// In a transaction of its own: a refused cast ends it, not the connection.
	const cast = (value: string) =>
		asSystem(db.pool, (tx) =>
			tx.query<{ w: string }>('select $1::public.week_windows::text as w', [value])
		).then(
			(r) => r.rows[0]!.w,
			(error: { code?: string }) => error.code
		);

	it('takes windows within the week, and none', async () => {
		expect(await cast('{[0,120),[10000,10080)}')).toBe('{[0,120),[10000,10080)}');
		expect(await cast('{}')).toBe('{}');
		const { rows } = await db.pool.query('select null::public.week_windows as w');
		expect(rows).toEqual([{ w: null }]);
	});

	it('refuses a window without an end, or outside the week', async () => {
		for (const value of [
			'{(,10080)}',
			'{[3000,)}',
			'{[0,10),[20,)}',
			'{(,)}',
			'{[-5,10)}',
			'{[0,10081)}'
		])
			expect(await cast(value), value).toBe('23514');
	});

	it("gives a window without ends every slot it touches (batch planning's keys)", async () => {
		const { rows } = await db.pool.query<{ all: number[]; tail: number[] }>(
			`select private.window_slots('{(,)}') as all, private.window_slots('{[9900,)}') as tail`
		);
		expect(rows[0]).toEqual({
			all: Array.from({ length: 21 }, (_, i) => i),
			tail: [20]
		});
	});
});
