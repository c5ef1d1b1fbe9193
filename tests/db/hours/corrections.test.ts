// Correcting and withdrawing logged hours: the helper changes date, hours and note of their own
// log, or withdraws it, only while nobody has reviewed it; never its status. The coordinator's
// review goes on as before, stamped by the database. Each story is rolled back.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { correctLog, logHours, withdrawLog } from '../../../src/lib/server/hours/verbs.ts';
import { actAs, affected, as, attempt, expectDenied, run, useWorld } from '../rls/support.ts';

const TODAY = `(now() at time zone 'Europe/Berlin')::date`;

describe.each(backends)('correcting hour logs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	const read = (id: string) =>
		run(
			ctx,
			'system',
			`select to_char(worked_on, 'YYYY-MM-DD') as day, hours::text, note, status from public.hour_logs where id = $1`,
			[id]
		);

	describe('helper (their own log, not yet reviewed)', () => {
		it('corrects date, hours and note; the log stays logged', async () => {
			const row = await as(ctx, 'helper', async (tx) => {
				const { rows } = await tx.query(
					`update public.hour_logs set worked_on = ${TODAY} - 1, hours = 2.25, note = 'Mathe und Deutsch'
					 where id = $1 returning hours::text, note, status, worked_on = ${TODAY} - 1 as moved`,
					[w().hourLogs.onActive]
				);
				return rows;
			});
			expect(row).toEqual([
				{ hours: '2.25', note: 'Mathe und Deutsch', status: 'logged', moved: true }
			]);
		});

		it('withdraws it', async () => {
			expect(
				await affected(ctx, 'helper', `delete from public.hour_logs where id = $1`, [
					w().hourLogs.onActive
				])
			).toBe(1);
		});

		it('cannot set a status, not even on their own log', async () => {
			for (const status of ['confirmed', 'rejected'])
				await expectDenied(
					run(ctx, 'helper', `update public.hour_logs set status = $2 where id = $1`, [
						w().hourLogs.onActive,
						status
					]),
					{ raised: 'own_hours' }
				);
			await expectDenied(
				run(ctx, 'helper', `update public.hour_logs set review_note = 'passt' where id = $1`, [
					w().hourLogs.onActive
				]),
				{ raised: 'own_hours' }
			);
			for (const set of [`reviewed_at = now()`, `helper_id = '${w().people.helper2}'`])
				await expectDenied(
					run(ctx, 'helper', `update public.hour_logs set ${set} where id = $1`, [
						w().hourLogs.onActive
					]),
					'privilege'
				);
		});

		it('a correction meets the same plausibility as a new log', async () => {
			await as(ctx, 'helper', async (tx) => {
				await expectDenied(
					attempt(tx, `update public.hour_logs set worked_on = ${TODAY} + 1 where id = $1`, [
						w().hourLogs.onActive
					]),
					{ raised: 'hours_in_future' }
				);
				await expectDenied(
					attempt(tx, `update public.hour_logs set worked_on = ${TODAY} - 365 where id = $1`, [
						w().hourLogs.onActive
					]),
					{ raised: 'hours_before_match' }
				);
			});
		});

		it('after the match ended, moves a log only within the days it ran', async () => {
			const moved = await as(ctx, 'system', async (tx) => {
				// The match ended three days ago; its log was worked the day before that.
				await tx.query(`update public.hour_logs set worked_on = ${TODAY} - 4 where id = $1`, [
					w().hourLogs.onActive
				]);
				await tx.query(
					`update public.matches set status = 'withdrawn', ended_at = now() - interval '3 days' where id = $1`,
					[w().matches.active]
				);
				await actAs(ctx, tx, 'helper');
				await expectDenied(
					attempt(tx, `update public.hour_logs set worked_on = ${TODAY} - 2 where id = $1`, [
						w().hourLogs.onActive
					]),
					{ raised: 'hours_after_match' }
				);
				const { rows } = await tx.query(
					`update public.hour_logs set worked_on = ${TODAY} - 3, hours = 1.5 where id = $1
					 returning worked_on = ${TODAY} - 3 as on_last_day, hours::text`,
					[w().hourLogs.onActive]
				);
				return rows;
			});
			// The match's last day is still one of its days.
			expect(moved).toEqual([{ on_last_day: true, hours: '1.50' }]);
		});

		it('cannot correct or withdraw a confirmed log (it is not theirs to change any more)', async () => {
			for (const sql of [
				`update public.hour_logs set hours = 1 where id = $1`,
				`delete from public.hour_logs where id = $1`
			])
				expect(await affected(ctx, 'helper', sql, [w().hourLogs.onCompleted])).toBe(0);
			expect((await read(w().hourLogs.onCompleted)).rows[0]).toMatchObject({
				hours: '2.00',
				status: 'confirmed'
			});
		});

		it('cannot correct or withdraw a log once a coordinator has rejected it', async () => {
			const touched = await as(ctx, 'coordA', async (tx) => {
				await tx.query(
					`update public.hour_logs set status = 'rejected', review_note = 'Doppelt' where id = $1`,
					[w().hourLogs.onActive]
				);
				await actAs(ctx, tx, 'helper');
				const updated = await tx.query(`update public.hour_logs set hours = 1 where id = $1`, [
					w().hourLogs.onActive
				]);
				const deleted = await tx.query(`delete from public.hour_logs where id = $1`, [
					w().hourLogs.onActive
				]);
				return [updated.rowCount, deleted.rowCount];
			});
			expect(touched).toEqual([0, 0]);
		});
	});

	describe('the verbs the page uses', () => {
		it('log, correct and withdraw come back as typed results with the database codes', async () => {
			const results = await as(ctx, 'helper', async (tx) => {
				const me = w().people.helper;
				const entry = { workedOn: '2000-01-01', hours: 1, note: '' };
				const before = await logHours(tx, me, { ...entry, matchId: w().matches.active });
				const closed = await logHours(tx, me, {
					...entry,
					workedOn: new Date().toISOString().slice(0, 10),
					matchId: w().matches.completed
				});
				const today = (await tx.query(`select ${TODAY}::text as d`)).rows[0]!.d as string;
				const corrected = await correctLog(tx, me, {
					logId: w().hourLogs.onActive,
					workedOn: today,
					hours: 3,
					note: 'neu'
				});
				const reviewed = await correctLog(tx, me, {
					logId: w().hourLogs.onCompleted,
					workedOn: today,
					hours: 3,
					note: ''
				});
				const withdrawn = await withdrawLog(tx, me, w().hourLogs.onActive);
				const gone = await withdrawLog(tx, me, w().hourLogs.onActive);
				return { before, closed, corrected, reviewed, withdrawn, gone };
			});
			expect(results).toEqual({
				before: { ok: false, code: 'hours_before_match' },
				closed: { ok: false, code: 'match_closed' },
				corrected: { ok: true },
				reviewed: { ok: false, code: 'hour_log_reviewed' },
				withdrawn: { ok: true },
				gone: { ok: false, code: 'not_allowed' }
			});
		});
	});

	describe('another helper', () => {
		it("cannot correct or withdraw someone else's log", async () => {
			for (const sql of [
				`update public.hour_logs set hours = 1 where id = $1`,
				`delete from public.hour_logs where id = $1`
			])
				expect(await affected(ctx, 'helper2', sql, [w().hourLogs.onActive])).toBe(0);
			const result = await as(ctx, 'helper2', (tx) =>
				withdrawLog(tx, w().people.helper2, w().hourLogs.onActive)
			);
			expect(result).toEqual({ ok: false, code: 'not_allowed' });
			// Logging on a match that is not theirs: the insert policy refuses, the page says the
			// match is closed to them; nothing is written.
			const onTheirs = await as(ctx, 'helper2', async (tx) => ({
				result: await logHours(tx, w().people.helper2, {
					matchId: w().matches.active,
					workedOn: new Date().toISOString().slice(0, 10),
					hours: 1,
					note: ''
				}),
				logs: (
					await tx.query('select id from public.hour_logs where helper_id = $1', [
						w().people.helper2
					])
				).rows
			}));
			expect(onTheirs).toEqual({ result: { ok: false, code: 'match_closed' }, logs: [] });
			expect((await read(w().hourLogs.onActive)).rows[0]).toMatchObject({
				hours: '1.50',
				status: 'logged'
			});
		});
	});

	describe('coordinator of nonprofit A', () => {
		it('still reviews, and the database stamps reviewer and time', async () => {
			const rows = await as(ctx, 'coordA', async (tx) => {
				const { rows } = await tx.query(
					`update public.hour_logs set status = 'confirmed' where id = $1
					 returning status, reviewed_by, reviewed_at > now() - interval '1 minute' as fresh`,
					[w().hourLogs.onActive]
				);
				return rows;
			});
			expect(rows).toEqual([{ status: 'confirmed', reviewed_by: w().people.coordA, fresh: true }]);
		});

		it("cannot rewrite the helper's date, hours or note, nor withdraw the log", async () => {
			for (const set of [`hours = 10`, `worked_on = ${TODAY}`, `note = 'anders'`])
				await expectDenied(
					run(
						ctx,
						'coordA',
						`update public.hour_logs set ${set}, status = 'confirmed' where id = $1`,
						[w().hourLogs.onActive]
					),
					{ raised: 'hour_log_not_own' }
				);
			expect(
				await affected(ctx, 'coordA', `delete from public.hour_logs where id = $1`, [
					w().hourLogs.onActive
				])
			).toBe(0);
		});
	});
});
