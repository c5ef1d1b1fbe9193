// The certificate of engagement counts the person's own confirmed hours in the chosen months, per
// organisation: logged and rejected hours do not count, nor days just outside the period, nor
// anyone else's hours — even where a coordinator may read them. Read as each persona, as the page does.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../../src/lib/server/db/person.ts';
import { addMonths, berlinToday, monthOf } from '../../../src/lib/domain/hours/month.ts';
import { certificate } from '../../../src/lib/server/hours/certificate.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';
import type { PersonaName } from '../fixtures.ts';

const thisMonth = monthOf(berlinToday());
/** The month `n` months before this one, 'yyyy-mm-01'. */
const T = (n: number) => addMonths(thisMonth, -n);
const day = (month: string, d: number) => `${month.slice(0, 8)}${String(d).padStart(2, '0')}`;
/** The last day of a month, from the day before the next month's first. */
const lastDay = (month: string) => {
	const next = new Date(`${addMonths(month, 1)}T00:00:00Z`);
	next.setUTCDate(0);
	return next.toISOString().slice(0, 10);
};

describe.each(backends)('certificate of engagement (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	let helperInB: string;
	let helper2InB: string;

	// Helper: two matches with A (two needs) and one with B; helper2 one with B. Each log's day,
	// hours and status is chosen to be counted or not in the period T-4 … T-2.
	beforeAll(async () => {
		await asSystem(ctx.db.pool, async (tx) => {
			const p = w().people;
			await tx.query(
				`update public.matches set activated_at = now() - interval '3 years', created_at = now() - interval '3 years'
				 where id = any($1)`,
				[[w().matches.active, w().matches.completed]]
			);
			const match = async (helper: string) =>
				(
					await tx.query<{ id: string }>(
						`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, helper_accepted_at,
						   organisation_accepted_at, activated_at, municipal_involvement, created_at)
						 values ($1, $2, 'active', 'coordinator', $3, now(), now(), now() - interval '3 years', 'informed',
						   now() - interval '3 years') returning id`,
						[w().needs.bOpen, helper, p.coordB]
					)
				).rows[0]!.id;
			helperInB = await match(p.helper);
			helper2InB = await match(p.helper2);
			const log = (matchId: string, on: string, hours: number, status: string, by: string) =>
				tx.query(
					`insert into public.hour_logs (match_id, worked_on, hours, status, reviewed_by, reviewed_at)
					 values ($1, $2, $3, $4::public.hour_log_status, case when $4::text <> 'logged' then $5::uuid end,
					   case when $4::text <> 'logged' then now() end)`,
					[matchId, on, hours, status, by]
				);
			const a = w().matches.active;
			await log(a, day(T(4), 1), 1.5, 'confirmed', p.coordA); // first day of the period
			await log(a, lastDay(T(2)), 2, 'confirmed', p.coordA); // last day of the period
			await log(a, lastDay(T(5)), 3, 'confirmed', p.coordA); // the day before
			await log(a, day(T(1), 1), 4, 'confirmed', p.coordA); // the day after
			await log(a, day(T(3), 15), 1, 'logged', p.coordA); // not reviewed yet
			await log(a, day(T(3), 16), 2.5, 'rejected', p.coordA); // rejected
			await log(w().matches.completed, day(T(3), 10), 0.75, 'confirmed', p.coordA);
			await log(helperInB, day(T(3), 5), 2, 'confirmed', p.coordB);
			await log(helper2InB, day(T(3), 5), 5, 'confirmed', p.coordB); // someone else's
			// The world's own confirmed log is three days back, which in a month's first three days
			// falls in T(1) (this failed on 1 December): today, outside every period read here.
			await tx.query(
				`update public.hour_logs set worked_on = (now() at time zone 'Europe/Berlin')::date where id = $1`,
				[w().hourLogs.onCompleted]
			);
		});
	});

	const read = (who: PersonaName, from: string, to: string) =>
		as(ctx, who, (tx) => certificate(tx, w().people[who], { from, to }));
	const sums = (c: Awaited<ReturnType<typeof read>>) =>
		c.organisations.map((o) => [o.name, o.hours, o.activities]);

	describe('helper', () => {
		it('gets the confirmed hours per organisation with its town and activities, largest first', async () => {
			const c = await read('helper', T(4), T(2));
			expect(sums(c)).toEqual([
				['Verein A', 4.25, 2],
				['Verein B', 2, 1]
			]);
			expect(c.total).toBe(6.25);
			expect(c.logs).toBe(4);
			expect(c.organisations[0]).toMatchObject({
				id: w().organisations.orgA,
				town: expect.stringMatching(/^Musterstadt /),
				contactEmail: expect.stringMatching(/@example\.org$/),
				activityTitles: ['A: Bewerbungstraining', 'A: Nachhilfe Englisch'],
				firstDay: day(T(4), 1),
				lastDay: lastDay(T(2))
			});
			expect(c.name).toMatch(/^helper /);
			expect(c.period).toEqual({ from: T(4), to: T(2) });
		});

		it('counts only confirmed hours: logged and rejected hours in the period do not count', async () => {
			const c = await read('helper', T(3), T(3));
			expect(sums(c)).toEqual([
				['Verein B', 2, 1],
				['Verein A', 0.75, 1]
			]);
			expect(c.total).toBe(2.75);
		});

		it('takes whole calendar months: the first and last day count, the days around them not', async () => {
			expect(sums(await read('helper', T(4), T(4)))).toEqual([['Verein A', 1.5, 1]]);
			expect(sums(await read('helper', T(2), T(2)))).toEqual([['Verein A', 2, 1]]);
			// The days just outside are confirmed hours too: they count in their own months.
			expect(sums(await read('helper', T(5), T(5)))).toEqual([['Verein A', 3, 1]]);
			expect((await read('helper', T(5), T(1))).total).toBe(13.25);
		});

		it('a period without confirmed hours gives an empty certificate', async () => {
			const c = await read('helper', addMonths(thisMonth, -40), addMonths(thisMonth, -37));
			expect(c.organisations).toEqual([]);
			expect(c.total).toBe(0);
			expect(c.logs).toBe(0);
		});

		it('the check number stays while the data stays, and changes with the period or a new confirmation', async () => {
			const first = await read('helper', T(4), T(2));
			expect(first.reference).toMatch(/^ZS-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
			expect((await read('helper', T(4), T(2))).reference).toBe(first.reference);
			expect((await read('helper', T(5), T(2))).reference).not.toBe(first.reference);
			const after = await as(ctx, 'coordA', async (tx) => {
				await tx.query(
					`update public.hour_logs set status = 'confirmed' where match_id = $1 and hours = 1`,
					[w().matches.active]
				);
				await actAs(ctx, tx, 'helper');
				return certificate(tx, w().people.helper, { from: T(4), to: T(2) });
			});
			expect(after.total).toBe(7.25);
			expect(after.reference).not.toBe(first.reference);
		});
	});

	describe('helper2 (same organisation B, same day)', () => {
		it('gets only their own hours', async () => {
			const c = await read('helper2', T(4), T(2));
			expect(sums(c)).toEqual([['Verein B', 5, 1]]);
		});
	});

	describe("coordinators (who may read their helpers' logs)", () => {
		it.each(['coordA', 'coordB'] as const)(
			'%s: their own certificate holds none of them',
			async (who) => {
				const c = await read(who, T(5), T(1));
				expect(c.organisations).toEqual([]);
				expect(c.total).toBe(0);
			}
		);
	});
});
