// No double booking, in the database: every verb that makes or moves a match forward (propose,
// request, accept, approve) and both candidate lists leave out a helper whose time on the need's
// dates and windows is taken by another of their matches (pending approval or active). Adjacent
// windows, disjoint dates, needs without windows and ended matches do not count. The batch plan
// never gives one helper two clashing needs. SQL and TypeScript agree on the predicate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, format } from 'date-fns';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { planBatch } from '../../../src/lib/server/matching/batch.ts';
import { needsClash } from '../../../src/lib/domain/matching/booking.ts';
import { parseWeekWindows } from '../../../src/lib/domain/matching/windows.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from './world.ts';

/** A date `days` from today, so the needs never fall into the past. */
const inDays = (days: number) => format(addDays(new Date(), days), 'yyyy-MM-dd');
/** Tuesday 14:00–17:00, 16:00–18:00 (overlaps it), 17:00–19:00 (follows it), Wednesday 14:00–17:00. */
const TUE_14_17 = '{[2280,2460)}';
const TUE_16_18 = '{[2400,2520)}';
const TUE_17_19 = '{[2460,2580)}';
const WED_14_17 = '{[3720,3900)}';
/** The helpers' availability: Tuesday 14:00–20:00 and Wednesday afternoon, so every window above fits. */
const AVAILABLE = '{[2280,2640),[3720,3900)}';

describe.each(backends)('no double booking on %s', (backend) => {
	let db: Database;
	let t: Town;
	let approving: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		approving = await town(db.pool, { minor_matches_need_approval: true });
	});
	afterAll(() => db.close());

	/** Calls a verb as the person; returns its value or the stable error code. */
	async function call(personId: string, sql: string, params: unknown[]) {
		try {
			const { rows } = await as(db.pool, personId, (tx) => tx.query(sql, params));
			return { value: Object.values(rows[0] ?? {})[0] as string };
		} catch (error) {
			const e = error as { code?: string; message: string };
			expect(e.code).toBe('P0001');
			return { code: e.message };
		}
	}
	const propose = (by: string, needId: string, helperId: string) =>
		call(by, 'select app.propose_match($1, $2, 80)', [needId, helperId]);
	const request = (by: string, needId: string) =>
		call(by, 'select app.request_match($1)', [needId]);
	const accept = (by: string, matchId: string) =>
		call(by, 'select app.accept_match($1)', [matchId]);
	const approve = (by: string, matchId: string) =>
		call(by, 'select app.approve_match($1)', [matchId]);

	/** A monthly need from `from` to `to` days ahead with the given windows (of organisation A by default). */
	const monthly = (from: number, to: number, time_windows: string | null, organisation = t.orgA) =>
		need(db.pool, {
			organisation,
			cadence: 'monthly',
			starts_on: inDays(from),
			ends_on: inDays(to),
			time_windows,
			hours: 2
		});
	const newHelper = (municipality = t.municipality) =>
		helper(db.pool, { municipality, availability: AVAILABLE, hours_per_month: 20 });
	const matchesOf = async (helperId: string) =>
		(
			await db.pool.query(
				'select need_id, status from public.matches where helper_id = $1 order by created_at, id',
				[helperId]
			)
		).rows;
	const candidates = (personId: string, needId: string) =>
		as(db.pool, personId, async (tx) =>
			(
				await tx.query<{ helper_id: string }>(
					'select helper_id from public.bookable_need_candidates($1, 1000)',
					[needId]
				)
			).rows.map((r) => r.helper_id)
		);
	const fitting = (personId: string) =>
		as(db.pool, personId, async (tx) =>
			(
				await tx.query<{ need_id: string }>(
					'select need_id from public.bookable_fitting_needs(1000)'
				)
			).rows.map((r) => r.need_id)
		);

	describe('coordinator of A proposes', () => {
		it('refuses a need whose windows on overlapping dates are taken by an active match; nothing is written', async () => {
			const h = await newHelper();
			const taken = await monthly(30, 90, TUE_14_17);
			await match(db.pool, taken, h, 'active');
			const clashing = await monthly(60, 120, TUE_16_18);
			const before = await matchesOf(h);
			expect(await propose(t.coordA, clashing, h)).toEqual({ code: 'double_booking' });
			expect(await matchesOf(h)).toEqual(before);
		});

		it('allows adjacent windows, another weekday, disjoint dates and a need without windows', async () => {
			const h = await newHelper();
			const taken = await monthly(30, 90, TUE_14_17);
			await match(db.pool, taken, h, 'active');
			for (const other of [
				await monthly(30, 90, TUE_17_19),
				await monthly(30, 90, WED_14_17),
				await monthly(91, 150, TUE_14_17),
				await monthly(30, 90, null)
			])
				expect((await propose(t.coordA, other, h)).code).toBeUndefined();
		});

		it('a match waiting for the town takes the time too; an open proposal does not', async () => {
			const h = await newHelper();
			await match(db.pool, await monthly(30, 90, TUE_14_17), h, 'pending_approval');
			expect(await propose(t.coordA, await monthly(30, 90, TUE_16_18), h)).toEqual({
				code: 'double_booking'
			});

			const h2 = await newHelper();
			await match(db.pool, await monthly(30, 90, TUE_14_17), h2, 'proposed');
			expect((await propose(t.coordA, await monthly(30, 90, TUE_16_18), h2)).code).toBeUndefined();
		});

		it('ended matches (withdrawn, declined, completed) free the time', async () => {
			for (const status of ['withdrawn', 'declined', 'completed']) {
				const h = await newHelper();
				await match(db.pool, await monthly(30, 90, TUE_14_17), h, status);
				expect((await propose(t.coordA, await monthly(30, 90, TUE_16_18), h)).code).toBeUndefined();
			}
		});

		it('counts matches of other organisations (coordinator of B proposes)', async () => {
			const h = await newHelper();
			await match(db.pool, await monthly(30, 90, TUE_14_17), h, 'active');
			const ofB = await monthly(40, 50, TUE_16_18, t.orgB);
			expect(await propose(t.coordB, ofB, h)).toEqual({ code: 'double_booking' });
		});
	});

	describe('helper says "I can help"', () => {
		it('is refused for a clashing need and allowed for an adjacent one', async () => {
			const h = await newHelper();
			await match(db.pool, await monthly(30, 90, TUE_14_17), h, 'active');
			const clashing = await monthly(30, 90, TUE_16_18);
			expect(await request(h, clashing)).toEqual({ code: 'double_booking' });
			expect(await matchesOf(h)).toHaveLength(1);
			expect((await request(h, await monthly(30, 90, TUE_17_19))).code).toBeUndefined();
		});
	});

	describe('accepting', () => {
		it('of two open proposals for clashing needs, the first accepted wins and the second is refused', async () => {
			const h = await newHelper();
			const first = (await propose(t.coordA, await monthly(30, 90, TUE_14_17), h)).value!;
			const second = (await propose(t.coordB, await monthly(60, 120, TUE_16_18, t.orgB), h)).value!;
			expect(await accept(h, first)).toEqual({ value: 'active' });
			expect(await accept(h, second)).toEqual({ code: 'double_booking' });
			const rows = await matchesOf(h);
			expect(rows.map((r) => r.status)).toEqual(['active', 'proposed']);
		});

		it('the organisation accepting a request is refused once the time is taken', async () => {
			const h = await newHelper();
			const requested = (await request(h, await monthly(30, 90, TUE_14_17))).value!;
			const proposed = (await propose(t.coordB, await monthly(30, 90, TUE_16_18, t.orgB), h))
				.value!;
			expect(await accept(h, proposed)).toEqual({ value: 'active' });
			expect(await accept(t.coordA, requested)).toEqual({ code: 'double_booking' });
		});
	});

	describe('the town approving', () => {
		it('refuses to activate a double booking that predates the rule, and approves once it is gone', async () => {
			const h = await newHelper(approving.municipality);
			const a = await monthly(30, 90, TUE_14_17, approving.orgA);
			const b = await monthly(30, 90, TUE_16_18, approving.orgB);
			// Rows from before the rule: written with the guard switched off for this one moment.
			await db.pool.query(
				'alter table public.matches disable trigger matches_guard_double_booking'
			);
			const ma = await match(db.pool, a, h, 'pending_approval');
			const mb = await match(db.pool, b, h, 'pending_approval');
			await db.pool.query('alter table public.matches enable trigger matches_guard_double_booking');
			expect(await approve(approving.municipal, mb)).toEqual({ code: 'double_booking' });
			expect((await matchesOf(h)).map((r) => r.status)).toEqual([
				'pending_approval',
				'pending_approval'
			]);
			await db.pool.query(`update public.matches set status = 'declined' where id = $1`, [ma]);
			expect(await approve(approving.municipal, mb)).toEqual({ value: 'active' });
		});
	});

	describe('candidate lists', () => {
		it('coordinator: the helper is missing from a clashing need and listed for the rest', async () => {
			const h = await newHelper();
			const taken = await monthly(30, 90, TUE_14_17);
			const clashing = await monthly(60, 120, TUE_16_18);
			const adjacent = await monthly(30, 90, TUE_17_19);
			const later = await monthly(91, 150, TUE_14_17);
			const m = (await propose(t.coordA, taken, h)).value!;
			// An open proposal takes no time yet.
			expect(await candidates(t.coordA, clashing)).toContain(h);
			await accept(h, m);
			expect(await candidates(t.coordA, clashing)).not.toContain(h);
			expect(await candidates(t.coordA, adjacent)).toContain(h);
			expect(await candidates(t.coordA, later)).toContain(h);
			// The list without the rule still has them: only double booking leaves them out.
			const all = await as(db.pool, t.coordA, async (tx) =>
				(
					await tx.query<{ helper_id: string }>(
						'select helper_id from public.need_candidates($1, 1000)',
						[clashing]
					)
				).rows.map((r) => r.helper_id)
			);
			expect(all).toContain(h);
			// Once the match ends, the time is free again.
			await call(h, `select app.withdraw_match_with_reason($1, '')`, [m]);
			expect(await candidates(t.coordA, clashing)).toContain(h);
		});

		it('helper: fitting needs leave out the clashing need only', async () => {
			const h = await newHelper();
			const taken = await monthly(30, 90, TUE_14_17);
			const clashing = await monthly(60, 120, TUE_16_18);
			const adjacent = await monthly(30, 90, TUE_17_19);
			const remote = await monthly(30, 90, null);
			expect(await fitting(h)).toEqual(expect.arrayContaining([taken, clashing, adjacent, remote]));
			await match(db.pool, taken, h, 'active');
			const now = await fitting(h);
			expect(now).not.toContain(clashing);
			expect(now).toEqual(expect.arrayContaining([adjacent, remote]));
		});

		it('the limit counts after leaving out the double-booked', async () => {
			const busy = await newHelper();
			const free = await newHelper();
			await match(db.pool, await monthly(30, 90, TUE_14_17), busy, 'active');
			const clashing = await monthly(30, 90, TUE_16_18);
			const ids = await as(db.pool, t.coordA, async (tx) =>
				(
					await tx.query<{ helper_id: string }>(
						'select helper_id from public.bookable_need_candidates($1, 1000)',
						[clashing]
					)
				).rows.map((r) => r.helper_id)
			);
			expect(ids).toContain(free);
			const limited = await as(db.pool, t.coordA, async (tx) =>
				(
					await tx.query<{ helper_id: string }>(
						'select helper_id from public.bookable_need_candidates($1, $2)',
						[clashing, ids.length]
					)
				).rows.map((r) => r.helper_id)
			);
			expect(limited).toEqual(ids);
		});
	});

	describe('batch plan', () => {
		it('never proposes one helper for two clashing needs, nor for a need clashing with an active match', async () => {
			const own = await town(db.pool);
			const h = await newHelper(own.municipality);
			const a = await monthly(30, 90, TUE_14_17, own.orgA);
			const b = await monthly(30, 90, TUE_16_18, own.orgA);
			const c = await monthly(30, 90, TUE_17_19, own.orgA);
			const plan = await asPerson(db.pool, claimsFor(own.coordA), (tx) =>
				planBatch(tx, own.orgA, 'de')
			);
			const mine = plan.proposals.filter((p) => p.helperId === h).map((p) => p.needId);
			// One of the clashing pair, and the adjacent need as well.
			expect(mine).toHaveLength(2);
			expect(mine).toContain(c);
			expect(mine.filter((id) => id === a || id === b)).toHaveLength(1);

			// With an active match on another organisation's clashing need, neither a nor b.
			await match(db.pool, await monthly(30, 90, TUE_14_17, own.orgB), h, 'active');
			const again = await asPerson(db.pool, claimsFor(own.coordA), (tx) =>
				planBatch(tx, own.orgA, 'de')
			);
			expect(again.proposals.filter((p) => p.helperId === h).map((p) => p.needId)).toEqual([c]);
		});
	});

	it('SQL private.needs_clash and the TypeScript needsClash agree', async () => {
		// Windows crowd into Tuesday and Wednesday afternoons, so clashes are common.
		const windows = fc.option(
			fc.array(
				fc
					.tuple(
						fc.integer({ min: 1, max: 2 }),
						fc.integer({ min: 12, max: 18 }),
						fc.integer({ min: 1, max: 4 })
					)
					.map(
						([d, hour, len]) =>
							[d * 1440 + hour * 60, d * 1440 + Math.min(24, hour + len) * 60] as const
					),
				{ maxLength: 2 }
			)
		);
		const side = fc.record({
			start: fc.integer({ min: 0, max: 10 }),
			length: fc.option(fc.integer({ min: 0, max: 30 })),
			windows
		});
		const samples = fc.sample(fc.tuple(side, side), { numRuns: 300, seed: 5 });
		const asText = (w: readonly (readonly [number, number])[] | null) =>
			w === null ? null : `{${w.map(([a, b]) => `[${a},${b})`).join(',')}}`;
		type Side = [startsOn: string, endsOn: string | null, windows: string | null];
		const rows = samples.map(([a, b]): [...Side, ...Side] => [
			inDays(a.start),
			a.length === null ? null : inDays(a.start + a.length),
			asText(a.windows),
			inDays(b.start),
			b.length === null ? null : inDays(b.start + b.length),
			asText(b.windows)
		]);
		const { rows: sql } = await db.pool.query<{ i: number; clash: boolean }>(
			`select i::int, private.needs_clash((r->>0)::date, (r->>1)::date, (r->>2)::int4multirange,
			                                    (r->>3)::date, (r->>4)::date, (r->>5)::int4multirange) as clash
			 from jsonb_array_elements($1::jsonb) with ordinality x(r, i) order by i`,
			[JSON.stringify(rows)]
		);
		const ts = rows.map(([as, ae, aw, bs, be, bw]) =>
			needsClash(
				{ startsOn: as, endsOn: ae, timeWindows: parseWeekWindows(aw) },
				{ startsOn: bs, endsOn: be, timeWindows: parseWeekWindows(bw) }
			)
		);
		expect(sql.map((r) => r.clash)).toEqual(ts);
		// Both outcomes occur, so the comparison means something.
		expect(ts.filter(Boolean).length).toBeGreaterThan(10);
		expect(ts.filter((x) => !x).length).toBeGreaterThan(10);
	});
});
