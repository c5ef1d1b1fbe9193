// Changing a need: its substance is frozen while helpers are committed to it (a match waiting for
// approval or active), and a substantive change to an approved nonprofit need sends it back to the
// town (M1 approves nonprofit needs). Title and description stay free. Each story is rolled back.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import {
	actAs,
	affected,
	as,
	attempt,
	expectDenied,
	run,
	useWorld,
	type Context
} from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

/** Substantive edits, each as a SET clause that really changes the world's needs. */
const substantive: [string, string][] = [
	['category', `category = 'advice'`],
	['target group', `target_group = 'children'`],
	['hours', `hours = 40`],
	['cadence', `cadence = 'monthly', ends_on = '2027-06-30'`],
	['start', `starts_on = current_date + 31`],
	['end', `ends_on = '2026-12-31'`],
	['time windows', `time_windows = '{[2280,2460)}'`],
	['remote', `remote = true`],
	['place', `lat = 52.03, lng = 8.54`],
	['district', `district_id = null`],
	['required languages', `required_languages = '{tr}'`],
	['§72a', `requires_72a = false`]
];

const approval = (tx: Tx, need: string) =>
	tx
		.query<{ status: string; approved_by: string | null; approved: boolean }>(
			`select status, approved_by, approved_at is not null as approved from public.needs where id = $1`,
			[need]
		)
		.then((r) => r.rows[0]);

/** Gives the need a second place held by helper2, waiting for the town (as the system). */
async function secondPendingMatch(ctx: Context, tx: Tx, need: string): Promise<void> {
	await actAs(ctx, tx, 'system');
	await tx.query(`update public.needs set helpers_wanted = 2 where id = $1`, [need]);
	await tx.query(
		`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'pending_approval', 'coordinator')`,
		[need, ctx.world.people.helper2]
	);
}

describe.each(backends)('need changes after approval and under matches (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A, need with an active match', () => {
		it.each(substantive)('cannot change the %s (need_has_matches)', async (_label, set) => {
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set ${set} where id = $1`, [w().needs.aMatched]),
				{
					raised: 'need_has_matches'
				}
			);
		});

		it("cannot raise the hours beyond what the helper offered (the helper's month stays at 2 of 8)", async () => {
			const committed = await as(ctx, 'coordA', async (tx) => {
				await expectDenied(
					attempt(tx, `update public.needs set hours = 40 where id = $1`, [w().needs.aMatched]),
					{
						raised: 'need_has_matches'
					}
				);
				await actAs(ctx, tx, 'system');
				return (
					await tx.query(`select private.committed_hours($1, current_date + 30) as h`, [
						w().people.helper
					])
				).rows[0]!.h;
			});
			expect(Number(committed)).toBe(2);
		});

		it('changes the title, the description and the preferred languages, and asks for more helpers', async () => {
			const after = await as(ctx, 'coordA', async (tx) => {
				const { rowCount } = await tx.query(
					`update public.needs set title = 'A: Nachhilfe Englisch (Oberstufe)', description = 'Nur Gebiet und Bedarf.',
					   preferred_languages = '{en}', helpers_wanted = 2 where id = $1`,
					[w().needs.aMatched]
				);
				return { rowCount, ...(await approval(tx, w().needs.aMatched)) };
			});
			expect(after).toEqual({
				rowCount: 1,
				status: 'matched',
				approved_by: w().people.municipal,
				approved: true
			});
		});

		it('cannot want fewer helpers than it holds, counting a match waiting for approval (need_has_matches)', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await secondPendingMatch(ctx, tx, w().needs.aMatched);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(
					attempt(tx, `update public.needs set helpers_wanted = 1 where id = $1`, [
						w().needs.aMatched
					]),
					{
						raised: 'need_has_matches'
					}
				);
				expect(
					(
						await tx.query(`update public.needs set helpers_wanted = 3 where id = $1`, [
							w().needs.aMatched
						])
					).rowCount
				).toBe(1);
			});
		});
	});

	describe('coordinator of nonprofit A, approved open need', () => {
		it.each(substantive)(
			'changing the %s sends it back to the town, without its approval',
			async (_label, set) => {
				const after = await as(ctx, 'coordA', async (tx) => {
					await tx.query(`update public.needs set ${set} where id = $1`, [w().needs.aOpen]);
					return approval(tx, w().needs.aOpen);
				});
				expect(after).toEqual({ status: 'pending_approval', approved_by: null, approved: false });
			}
		);

		it('cannot keep it open by setting the status in the same statement', async () => {
			const after = await as(ctx, 'coordA', async (tx) => {
				await tx.query(
					`update public.needs set target_group = 'children', status = 'open' where id = $1`,
					[w().needs.aOpen]
				);
				return approval(tx, w().needs.aOpen);
			});
			expect(after).toEqual({ status: 'pending_approval', approved_by: null, approved: false });
		});

		it('changes title and description; the need stays open with its approval', async () => {
			const after = await as(ctx, 'coordA', async (tx) => {
				await tx.query(
					`update public.needs set title = 'A: Hausaufgaben Mathe und Physik', description = 'Klasse 9.' where id = $1`,
					[w().needs.aOpen]
				);
				return approval(tx, w().needs.aOpen);
			});
			expect(after).toEqual({ status: 'open', approved_by: w().people.municipal, approved: true });
		});

		it('the need sent back takes no proposals until the town approves it again', async () => {
			const outcome = await as(ctx, 'coordA', async (tx) => {
				await tx.query(`update public.needs set requires_72a = false where id = $1`, [
					w().needs.aOpen
				]);
				await expectDenied(
					attempt(tx, `select app.propose_match($1, $2)`, [w().needs.aOpen, w().people.helper2]),
					{
						raised: 'need_not_open'
					}
				);
				await actAs(ctx, tx, 'municipal');
				await tx.query(`select app.approve_need($1)`, [w().needs.aOpen]);
				return approval(tx, w().needs.aOpen);
			});
			expect(outcome).toEqual({
				status: 'open',
				approved_by: w().people.municipal,
				approved: true
			});
		});

		it('a proposal not yet accepted holds no place: the change is allowed and goes back to the town', async () => {
			const after = await as(ctx, 'coordA', async (tx) => {
				await tx.query(`select app.propose_match($1, $2)`, [w().needs.aOpen, w().people.helper2]);
				await tx.query(`update public.needs set hours = 3 where id = $1`, [w().needs.aOpen]);
				return approval(tx, w().needs.aOpen);
			});
			expect(after).toEqual({ status: 'pending_approval', approved_by: null, approved: false });
		});

		it('where the town stopped approving nonprofit needs, a change keeps the need open', async () => {
			const after = await as(ctx, 'coordA', async (tx) => {
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.municipalities set nonprofit_needs_need_approval = false where id = $1`,
					[w().municipalities.m1]
				);
				await actAs(ctx, tx, 'coordA');
				await tx.query(`update public.needs set hours = 3 where id = $1`, [w().needs.aOpen]);
				return (await approval(tx, w().needs.aOpen))!.status;
			});
			expect(after).toBe('open');
		});
	});

	describe('municipal coordinator of M1', () => {
		it("does not change a nonprofit's need of its town, open or matched (0 rows): it approves or sends back", async () => {
			for (const need of [w().needs.aOpen, w().needs.aMatched])
				expect(
					await affected(ctx, 'municipal', `update public.needs set hours = 3 where id = $1`, [
						need
					])
				).toBe(0);
		});
	});

	describe('coordinator of another municipality (own office, no approval)', () => {
		it("changes its office's open need; it stays open", async () => {
			const after = await as(ctx, 'coordM2', async (tx) => {
				await tx.query(
					`update public.needs set hours = 5, target_group = 'seniors' where id = $1`,
					[w().needs.m2Open]
				);
				return (await approval(tx, w().needs.m2Open))!.status;
			});
			expect(after).toBe('open');
		});
	});

	describe('system (match verbs, jobs)', () => {
		it('is not held back', async () => {
			const { rows } = await run(
				ctx,
				'system',
				`update public.needs set hours = 3 where id = $1 returning status`,
				[w().needs.aMatched]
			);
			expect(rows).toEqual([{ status: 'matched' }]);
		});
	});
});
