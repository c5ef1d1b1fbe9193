// "Meine Stunden" as the helper reads it: their active matches to log on, their own logs newest
// day first, and their month (offered, committed, logged, confirmed, free). Each story is rolled
// back; dates are relative to today in Berlin, so the figures hold on any day.
import { describe, expect, it } from 'vitest';
import { activeMatches, myHourLogs, myMonth } from '../../../src/lib/server/hours/read.ts';
import { berlinToday, monthOf } from '../../../src/lib/domain/hours/month.ts';
import { BERLIN_TODAY } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('my hours (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('helper', () => {
		it('sees their active matches by need title, with the organisation', async () => {
			const list = await as(ctx, 'helper', async (tx) => {
				// A second active match whose title sorts first.
				await actAs(ctx, tx, 'system');
				await tx.query(`update public.needs set title = 'A: Begleitung zum Amt' where id = $1`, [
					w().needs.bOpen
				]);
				const { rows } = await tx.query<{ id: string }>(
					`insert into public.matches (need_id, helper_id, status, initiated_by, helper_accepted_at,
					   organisation_accepted_at, activated_at, municipal_involvement)
					 select $1, $2, 'active', 'coordinator', now(), now(), now(), 'approved' returning id`,
					[w().needs.bOpen, w().people.helper]
				);
				await actAs(ctx, tx, 'helper');
				return { second: rows[0]!.id, list: await activeMatches(tx, w().people.helper) };
			});
			expect(list.list).toEqual([
				{ id: list.second, needTitle: 'A: Begleitung zum Amt', organisationName: 'Verein B' },
				{ id: w().matches.active, needTitle: 'A: Nachhilfe Englisch', organisationName: 'Verein A' }
			]);
		});

		it('sees their own logs newest day first, with hours as numbers and the review', async () => {
			const logs = await as(ctx, 'helper', (tx) => myHourLogs(tx, w().people.helper));
			const day = (ago: number) => {
				const d = new Date(`${berlinToday()}T12:00:00Z`);
				d.setUTCDate(d.getUTCDate() - ago);
				return d.toISOString().slice(0, 10);
			};
			expect(logs).toEqual([
				{
					id: w().hourLogs.onActive,
					needTitle: 'A: Nachhilfe Englisch',
					organisationName: 'Verein A',
					workedOn: day(2),
					hours: 1.5,
					note: 'Mathe',
					status: 'logged',
					reviewNote: null
				},
				expect.objectContaining({ id: w().hourLogs.onCompleted, hours: 2, status: 'confirmed' })
			]);
			const newest = await as(ctx, 'helper', (tx) => myHourLogs(tx, w().people.helper, 1));
			expect(newest.map((l) => l.id)).toEqual([w().hourLogs.onActive]);
		});

		it('sees this month and the six before: offered, committed, logged, confirmed, free', async () => {
			const month = await as(ctx, 'helper', async (tx) => {
				// This month: 3 committed hours on an active match; a proposal commits nothing.
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.needs set hours = 3, starts_on = date_trunc('month', ${BERLIN_TODAY})::date
					 where id = $1`,
					[w().needs.aMatched]
				);
				await tx.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by)
					 values ($1, $2, 'proposed', 'coordinator')`,
					[w().needs.bOpen, w().people.helper]
				);
				await actAs(ctx, tx, 'helper');
				return myMonth(tx, w().people.helper);
			});
			const today = berlinToday();
			expect(month).toMatchObject({ today, offered: 8, free: 5 });
			expect(month.months).toHaveLength(7);
			expect(month.months[0]).toMatchObject({ month: monthOf(today), committed: 3 });
			// The world's logs: 1.5 h waiting (2 days ago) and 2 h confirmed (3 days ago).
			const sum = (key: 'logged' | 'confirmed') => month.months.reduce((s, m) => s + m[key], 0);
			expect([sum('logged'), sum('confirmed')]).toEqual([3.5, 2]);

			const short = await as(ctx, 'helper', (tx) => myMonth(tx, w().people.helper, 1));
			expect(short.months.map((m) => m.month)).toEqual(
				month.months.slice(0, 2).map((m) => m.month)
			);
		});
	});

	describe('coordinator of A (no offer of their own)', () => {
		it('has no offered or free hours and nothing logged', async () => {
			const month = await as(ctx, 'coordA', (tx) => myMonth(tx, w().people.coordA));
			expect(month).toMatchObject({ offered: null, free: null });
			expect(month.months.every((m) => m.logged === 0 && m.committed === 0)).toBe(true);
		});
	});
});
