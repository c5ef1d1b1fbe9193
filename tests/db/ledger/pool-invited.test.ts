// The ledger records pool_invited once per invitation, whichever way app.invite_to_pool wrote it:
// for an address without an account (no person yet) and for a person with one; initiated when
// the town's own office invites. The address itself is never recorded.
import { describe, expect, it } from 'vitest';
import { inviteToPool } from '../../../src/lib/server/pools/verbs.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('ledger: pool invitations (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('records each invitation once, with the inviter and (if any) the invited person', async () => {
		const events = await as(ctx, 'coordA', async (tx) => {
			const before = (
				await tx.query<{ n: number }>(
					`select count(*)::int as n from public.involvement_events where kind = 'pool_invited'`
				)
			).rows[0]!.n;
			expect(
				await inviteToPool(
					tx,
					w().organisations.orgA,
					{ email: 'neu-im-pool@example.org', locale: 'de' },
					'http://localhost'
				)
			).toEqual({ ok: true, value: undefined });
			expect(
				await inviteToPool(
					tx,
					w().organisations.orgA,
					{ email: w().emails.stranger, locale: 'de' },
					'http://localhost'
				)
			).toEqual({ ok: true, value: undefined });
			// Refused (already invited): nothing recorded.
			expect(
				(
					await inviteToPool(
						tx,
						w().organisations.orgA,
						{ email: w().emails.stranger, locale: 'de' },
						'http://localhost'
					)
				).ok
			).toBe(false);
			await actAs(ctx, tx, 'system');
			const { rows } = await tx.query(
				`select organisation_id, actor_id, helper_id, municipal_role from public.involvement_events
				 where kind = 'pool_invited' order by id offset $1`,
				[before]
			);
			return rows;
		});
		const invite = {
			organisation_id: w().organisations.orgA,
			actor_id: w().people.coordA,
			municipal_role: null
		};
		expect(events).toEqual([
			{ ...invite, helper_id: null },
			{ ...invite, helper_id: w().people.stranger }
		]);
	});

	it('is initiated by the town when its own office invites', async () => {
		const events = await as(ctx, 'municipal', async (tx) => {
			expect(
				(
					await inviteToPool(
						tx,
						w().organisations.officeM1,
						{ email: 'buerger@example.org', locale: 'en' },
						'http://localhost'
					)
				).ok
			).toBe(true);
			await actAs(ctx, tx, 'system');
			return (
				await tx.query(
					`select municipal_role from public.involvement_events
					 where kind = 'pool_invited' and organisation_id = $1`,
					[w().organisations.officeM1]
				)
			).rows;
		});
		expect(events).toEqual([{ municipal_role: 'initiated' }]);
	});
});
