// Consent to a pool: a coordinator reads a pool member's profile only after the person said yes
// (active or paused), and cannot bring back someone who left. The stranger (no offer) and the
// coordinator of another municipality are people A's coordinator otherwise never sees.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

async function invite(ctx: Context, tx: Tx, person: string): Promise<string> {
	const { rows } = await tx.query<{ id: string }>(
		`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited') returning id`,
		[ctx.world.organisations.orgA, person]
	);
	return rows[0]!.id;
}

const profileSeen = (tx: Tx, person: string) =>
	tx.query(`select id from public.profiles where id = $1`, [person]).then((r) => r.rowCount === 1);

describe.each(backends)('pool consent and profiles (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it("cannot read an invited person's profile, not even from another town", async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await invite(ctx, tx, w().people.stranger);
				await invite(ctx, tx, w().people.coordM2);
				return {
					stranger: await profileSeen(tx, w().people.stranger),
					coordM2: await profileSeen(tx, w().people.coordM2)
				};
			});
			expect(seen).toEqual({ stranger: false, coordM2: false });
		});

		it('reads the profile once the person accepted, also while paused, and not after they left', async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await invite(ctx, tx, w().people.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.accept_invitation($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				const accepted = await profileSeen(tx, w().people.stranger);
				await tx.query(
					`update public.memberships set status = 'paused' where person_id = $1 and organisation_id = $2`,
					[w().people.stranger, w().organisations.orgA]
				);
				const paused = await profileSeen(tx, w().people.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.leave_pool($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				return { accepted, paused, left: await profileSeen(tx, w().people.stranger) };
			});
			expect(seen).toEqual({ accepted: true, paused: true, left: false });
		});

		it('cannot set a membership the person ended back to invited, active or paused', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const membership = await invite(ctx, tx, w().people.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.accept_invitation($1)`, [w().organisations.orgA]);
				await tx.query(`select app.leave_pool($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				const update = (status: string) =>
					attempt(tx, `update public.memberships set status = $2 where id = $1`, [
						membership,
						status
					]);
				await expectDenied(update('invited'), { raised: 'membership_ended' });
				await expectDenied(update('active'), { raised: 'membership_needs_consent' });
				await expectDenied(update('paused'), { raised: 'membership_needs_consent' });
				expect(await profileSeen(tx, w().people.stranger)).toBe(false);
			});
		});

		it('withdraws an invitation (invited → ended), and cannot renew it by status', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const membership = await invite(ctx, tx, w().people.stranger);
				expect(
					(
						await tx.query(
							`update public.memberships set status = 'ended', ended_at = now() where id = $1`,
							[membership]
						)
					).rowCount
				).toBe(1);
				await expectDenied(
					attempt(tx, `update public.memberships set status = 'invited' where id = $1`, [
						membership
					]),
					{
						raised: 'membership_ended'
					}
				);
			});
		});
	});

	describe('system', () => {
		it('may still reinstate an ended membership (not held back by the consent guard)', async () => {
			await as(ctx, 'system', async (tx) => {
				await tx.query(`update public.memberships set status = 'ended' where id = $1`, [
					w().memberships.helperInA
				]);
				expect(
					(
						await tx.query(`update public.memberships set status = 'invited' where id = $1`, [
							w().memberships.helperInA
						])
					).rowCount
				).toBe(1);
			});
		});
	});
});
