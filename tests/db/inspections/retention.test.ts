// The §72a retention job with a controlled clock (the time is passed in): it deletes exactly the
// records due — three months after the helper's last activity for the organisation ended, or
// three months after an inspection never used — and keeps every other; it reminds of a re-check
// once, from eight weeks before the date on; and only the system can run it.
//
// The world (tests/db/fixtures.ts): helper in A's pool, inspected by A, with an active and a
// completed match with A; helper2 in B's pool, inspected by M1's office (M1 inspects town-wide)
// and by M2's office, no matches. Each story rewrites the dates it needs and is rolled back.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, expectDenied, run, useWorld, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { runInspectionJobs } from '../../../src/lib/server/jobs/inspections.ts';

/** Noon in Berlin on a calendar day: the clock the job is given. */
const noon = (day: string) => `${day}T12:00:00+01:00`;

/** The world's records the job would delete at `now`, with the rule that applies. */
async function due(ctx: Context, tx: Tx, now: string): Promise<Record<string, string>> {
	const { rows } = await tx.query<{ id: string; reason: string }>(
		`select id, reason from private.inspections_due_for_deletion($1) where id = any($2)`,
		[now, Object.values(ctx.world.inspections)]
	);
	return Object.fromEntries(rows.map((r) => [r.id, r.reason]));
}

/** Runs the deletion at `now`; returns which of the world's records are left. */
async function purgeAt(ctx: Context, tx: Tx, now: string): Promise<string[]> {
	await tx.query(`select private.purge_inspections($1)`, [now]);
	const { rows } = await tx.query<{ id: string }>(
		`select id from public.inspections_72a where id = any($1)`,
		[Object.values(ctx.world.inspections)]
	);
	return rows.map((r) => r.id).sort();
}

const setInspected = (tx: Tx, id: string, day: string) =>
	tx.query(`update public.inspections_72a set inspected_on = $2 where id = $1`, [id, day]);

/** A match moved to a state with explicit times (null = unchanged to null). */
const setMatch = (
	tx: Tx,
	id: string,
	status: string,
	activatedAt: string | null,
	endedAt: string | null
) =>
	tx.query(
		`update public.matches set status = $2, activated_at = $3, ended_at = $4, updated_at = coalesce($4, $3, now())
		 where id = $1`,
		[id, status, activatedAt, endedAt]
	);

describe.each(backends)('the §72a retention job (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	const sortedIds = (...ids: string[]) => [...ids].sort();

	describe('never used: three months after the inspection', () => {
		it("deletes the town's record of helper2 on the day three months after it, not the day before", async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setInspected(tx, w().inspections.helper2ByTown, '2026-03-10');
				await setInspected(tx, w().inspections.helper2ByM2, '2026-03-20');
				const before = await due(ctx, tx, noon('2026-06-09'));
				// 00:30 in Berlin is still the 9th in UTC: the Berlin calendar day counts.
				const onTheDay = await due(ctx, tx, '2026-06-10T00:30:00+02:00');
				const left = await purgeAt(ctx, tx, noon('2026-06-10'));
				return { before, onTheDay, left };
			});
			expect(seen.before).toEqual({});
			expect(seen.onTheDay).toEqual({ [w().inspections.helper2ByTown]: 'never_used' });
			expect(seen.left).toEqual(sortedIds(w().inspections.helperByA, w().inspections.helper2ByM2));
		});

		it('keeps a record while a match is only proposed or waiting for approval', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setInspected(tx, w().inspections.helper2ByTown, '2026-03-10');
				const { rows } = await tx.query<{ id: string }>(
					`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, created_at)
					 values ($1, $2, 'proposed', 'coordinator', $3, '2026-05-01') returning id`,
					[w().needs.bOpen, w().people.helper2, w().people.coordB]
				);
				const proposed = await due(ctx, tx, noon('2027-01-01'));
				await setMatch(tx, rows[0]!.id, 'pending_approval', null, null);
				const pending = await due(ctx, tx, noon('2027-01-01'));
				// Declined without ever being active: the record was never used.
				await setMatch(tx, rows[0]!.id, 'declined', null, '2026-05-20T10:00:00+02:00');
				const declined = await due(ctx, tx, noon('2026-06-10'));
				return { proposed, pending, declined };
			});
			expect(seen.proposed[w().inspections.helper2ByTown]).toBeUndefined();
			expect(seen.pending[w().inspections.helper2ByTown]).toBeUndefined();
			expect(seen.declined[w().inspections.helper2ByTown]).toBe('never_used');
		});
	});

	describe("activity ended: three months after the helper's last match there ended", () => {
		it("deletes A's record three months after the last match with A ended, not a day earlier", async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setMatch(
					tx,
					w().matches.completed,
					'completed',
					'2026-02-10T09:00:00+01:00',
					'2026-04-01T09:00:00+02:00'
				);
				await setMatch(
					tx,
					w().matches.active,
					'withdrawn',
					'2026-03-01T09:00:00+01:00',
					'2026-05-15T18:00:00+02:00'
				);
				const before = await due(ctx, tx, noon('2026-08-14'));
				const onTheDay = await due(ctx, tx, noon('2026-08-15'));
				const left = await purgeAt(ctx, tx, noon('2026-08-15'));
				return { before, onTheDay, left };
			});
			expect(seen.before[w().inspections.helperByA]).toBeUndefined();
			expect(seen.onTheDay[w().inspections.helperByA]).toBe('activity_ended');
			expect(seen.left).not.toContain(w().inspections.helperByA);
		});

		it('keeps the record as long as a match with A is active, however long', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setMatch(tx, w().matches.active, 'active', '2026-02-10T09:00:00+01:00', null);
				return purgeAt(ctx, tx, noon('2030-12-31'));
			});
			expect(seen).toContain(w().inspections.helperByA);
		});

		it('counts a re-check recorded during a match as used: the end of that match decides', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setMatch(
					tx,
					w().matches.completed,
					'completed',
					'2025-09-01T09:00:00+02:00',
					'2025-10-01T09:00:00+02:00'
				);
				// active since 2025, ended a month after the re-check was recorded
				await setMatch(
					tx,
					w().matches.active,
					'completed',
					'2025-10-01T09:00:00+02:00',
					'2026-03-05T09:00:00+01:00'
				);
				await setInspected(tx, w().inspections.helperByA, '2026-02-01');
				return {
					neverUsedDay: await due(ctx, tx, noon('2026-05-01')),
					before: await due(ctx, tx, noon('2026-06-04')),
					onTheDay: await due(ctx, tx, noon('2026-06-05'))
				};
			});
			expect(seen.neverUsedDay[w().inspections.helperByA]).toBeUndefined();
			expect(seen.before[w().inspections.helperByA]).toBeUndefined();
			expect(seen.onTheDay[w().inspections.helperByA]).toBe('activity_ended');
		});

		it('does not count a match that ended before the inspection: the record was never used', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setMatch(
					tx,
					w().matches.completed,
					'completed',
					'2025-09-01T09:00:00+02:00',
					'2025-10-01T09:00:00+02:00'
				);
				await setMatch(
					tx,
					w().matches.active,
					'withdrawn',
					'2025-10-01T09:00:00+02:00',
					'2025-12-01T09:00:00+01:00'
				);
				await setInspected(tx, w().inspections.helperByA, '2026-02-01');
				return {
					before: await due(ctx, tx, noon('2026-04-30')),
					onTheDay: await due(ctx, tx, noon('2026-05-01'))
				};
			});
			expect(seen.before[w().inspections.helperByA]).toBeUndefined();
			expect(seen.onTheDay[w().inspections.helperByA]).toBe('never_used');
		});

		it("counts the matches of every organisation of the town for the town office's record, not for another town's", async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setInspected(tx, w().inspections.helper2ByTown, '2026-03-10');
				await setInspected(tx, w().inspections.helper2ByM2, '2026-03-10');
				// helper2 helps nonprofit B (M1) from April to July
				await tx.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, activated_at, ended_at, updated_at)
					 values ($1, $2, 'completed', 'coordinator', $3, '2026-04-01T09:00:00+02:00',
					         '2026-07-01T09:00:00+02:00', '2026-07-01T09:00:00+02:00')`,
					[w().needs.bOpen, w().people.helper2, w().people.coordB]
				);
				return {
					june: await due(ctx, tx, noon('2026-06-10')),
					before: await due(ctx, tx, noon('2026-09-30')),
					onTheDay: await due(ctx, tx, noon('2026-10-01'))
				};
			});
			// M2's office does not inspect for M1: its record was never used.
			expect(seen.june).toEqual({ [w().inspections.helper2ByM2]: 'never_used' });
			expect(seen.before[w().inspections.helper2ByTown]).toBeUndefined();
			expect(seen.onTheDay[w().inspections.helper2ByTown]).toBe('activity_ended');
		});

		it("keeps nonprofit A's record when only another organisation's match ended", async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await setMatch(tx, w().matches.active, 'active', '2026-03-01T09:00:00+01:00', null);
				await tx.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, activated_at, ended_at, updated_at)
					 values ($1, $2, 'completed', 'coordinator', $3, '2026-03-01T09:00:00+01:00',
					         '2026-04-01T09:00:00+02:00', '2026-04-01T09:00:00+02:00')`,
					[w().needs.bOpen, w().people.helper, w().people.coordB]
				);
				return purgeAt(ctx, tx, noon('2026-12-01'));
			});
			expect(seen).toContain(w().inspections.helperByA);
		});
	});

	describe('re-check reminders', () => {
		const mailsTo = (tx: Tx, emails: string[]) =>
			tx
				.query<{ recipient: string; subject: string }>(
					`select recipient, subject from private.outbox where recipient = any($1) order by recipient`,
					[emails]
				)
				.then((r) => r.rows);

		it('reminds the helper and the coordinators once, from eight weeks before the re-check date on', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await tx.query(
					`update public.inspections_72a set recheck_on = '2027-03-01' where id = $1`,
					[w().inspections.helperByA]
				);
				await tx.query(`update public.profiles set locale = 'en' where id = $1`, [
					w().people.helper
				]);
				const recipients = [w().emails.helper, w().emails.coordA, w().emails.coordB];
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2027-01-03')]);
				const dayBefore = await mailsTo(tx, recipients);
				// 2027-03-01 minus 56 days
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2027-01-04')]);
				const onTheDay = await mailsTo(tx, recipients);
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2027-02-20')]);
				const again = await mailsTo(tx, recipients);
				return { dayBefore, onTheDay, again };
			});
			expect(seen.dayBefore).toEqual([]);
			expect(seen.onTheDay).toEqual(
				[
					{ recipient: w().emails.helper, subject: '§72a: re-check due by 1 Mar 2027' },
					{ recipient: w().emails.coordA, subject: '§72a: Erneute Einsichtnahme bis 01.03.2027' }
				].sort((a, b) => (a.recipient < b.recipient ? -1 : 1))
			);
			expect(seen.again).toEqual(seen.onTheDay);
		});

		it('reminds again after a re-check was recorded, when the new date comes near', async () => {
			const count = await as(ctx, 'system', async (tx) => {
				const id = w().inspections.helperByA;
				await tx.query(
					`update public.inspections_72a set recheck_on = '2027-03-01' where id = $1`,
					[id]
				);
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2027-01-10')]);
				await tx.query(
					`update public.inspections_72a set certificate_date = '2026-01-20', recheck_on = '2031-01-20' where id = $1`,
					[id]
				);
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2030-11-24')]);
				const between = await tx.query(
					`select 1 from private.inspection_reminders where inspection_id = $1`,
					[id]
				);
				await tx.query(`select private.remind_inspection_rechecks($1)`, [noon('2030-11-25')]);
				const after = await tx.query(
					`select 1 from private.inspection_reminders where inspection_id = $1`,
					[id]
				);
				return { between: between.rowCount, after: after.rowCount };
			});
			expect(count).toEqual({ between: 1, after: 2 });
		});

		it('sends none for a record with a listed conviction, nor for a record the same run deleted', async () => {
			const seen = await as(ctx, 'system', async (tx) => {
				await tx.query(
					`update public.inspections_72a set conviction_listed = true, recheck_on = '2027-03-01' where id = $1`,
					[w().inspections.helperByA]
				);
				await setInspected(tx, w().inspections.helper2ByM2, '2026-03-10');
				await tx.query(
					`update public.inspections_72a set certificate_date = '2022-07-01', recheck_on = '2027-07-01' where id = $1`,
					[w().inspections.helper2ByM2]
				);
				await tx.query(`select private.run_inspection_jobs($1)`, [noon('2027-06-01')]);
				return mailsTo(tx, [
					w().emails.helper,
					w().emails.helper2,
					w().emails.coordA,
					w().emails.coordM2
				]);
			});
			expect(seen).toEqual([]);
		});
	});

	describe('who can run it', () => {
		const jobs = [
			`select private.run_inspection_jobs(now())`,
			`select private.purge_inspections(now())`,
			`select private.remind_inspection_rechecks(now())`,
			`select * from private.inspections_due_for_deletion(now())`
		];
		it.each(['anonymous', 'helper', 'coordA', 'municipal', 'admin'] as const)(
			'%s cannot run any part of it',
			async (who) => {
				for (const sql of jobs) await expectDenied(run(ctx, who, sql), 'privilege');
			}
		);

		it('the system runs it and says what it did', async () => {
			const result = await as(ctx, 'system', (tx) =>
				tx.query(`select private.run_inspection_jobs($1) as v`, [noon('2026-12-01')])
			);
			expect(result.rows[0]!.v).toEqual({
				purged: expect.any(Number),
				reminded: expect.any(Number)
			});
		});

		// PGlite serves one connection, so two runs can never overlap there.
		it.skipIf(backend === 'pglite')(
			'skips while another instance runs it (the advisory lock)',
			async () => {
				const other = await ctx.db.pool.connect();
				try {
					await other.query('begin');
					await other.query(`select pg_advisory_xact_lock(hashtext('zeitspende.inspection_jobs'))`);
					expect(await runInspectionJobs(ctx.db.pool, new Date('2026-12-01T12:00:00Z'))).toBeNull();
				} finally {
					await other.query('rollback');
					other.release();
				}
			}
		);
	});

	describe("records are the organisation's own, unless the town inspects", () => {
		it("coordinator of B sees neither A's record nor M2's, but the town's record of B's helper", async () => {
			const { rows } = await run(
				ctx,
				'coordB',
				`select id from public.inspections_72a where id = any($1)`,
				[Object.values(w().inspections)]
			);
			expect(rows.map((r) => r.id)).toEqual([w().inspections.helper2ByTown]);
		});

		it("once the town stops inspecting town-wide, B no longer sees the town office's record", async () => {
			const ids = await as(ctx, 'system', async (tx) => {
				await tx.query(
					`update public.municipalities set municipality_inspects_72a = false where id = $1`,
					[w().municipalities.m1]
				);
				await actAs(ctx, tx, 'coordB');
				const { rows } = await tx.query(
					`select id from public.inspections_72a where id = any($1)`,
					[Object.values(w().inspections)]
				);
				return rows.map((r) => r.id);
			});
			expect(ids).toEqual([]);
		});
	});
});
