// The ledger records reviewed hours and joined pools once each, from the change itself: the
// reviewer as actor of hours_confirmed / hours_rejected, the person as actor of pool_joined.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { reviewLog } from '../../../src/lib/server/hours/review.ts';
import { acceptInvitation } from '../../../src/lib/server/people/pools.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

const eventsOf = (tx: Tx, kinds: string[], where: string, param: string) =>
	tx
		.query(
			`select kind, actor_id, helper_id, municipal_role from public.involvement_events
			 where kind = any($1::public.involvement_kind[]) and ${where} = $2 order by id`,
			[kinds, param]
		)
		.then((r) => r.rows);

describe.each(backends)('ledger: reviewed hours and joined pools (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it.each(['confirmed', 'rejected'] as const)(
		'records hours %s once, by the reviewer',
		async (decision) => {
			const events = await as(ctx, 'coordA', async (tx) => {
				await reviewLog(tx, w().organisations.orgA, {
					logId: w().hourLogs.onActive,
					decision,
					reason: decision === 'rejected' ? 'Doppelt eingetragen' : ''
				});
				// A second, refused review changes nothing and records nothing.
				await reviewLog(tx, w().organisations.orgA, {
					logId: w().hourLogs.onActive,
					decision: 'confirmed',
					reason: ''
				});
				await actAs(ctx, tx, 'system');
				return eventsOf(tx, ['hours_confirmed', 'hours_rejected'], 'match_id', w().matches.active);
			});
			expect(events).toEqual([
				{
					kind: `hours_${decision}`,
					actor_id: w().people.coordA,
					helper_id: w().people.helper,
					municipal_role: null
				}
			]);
		}
	);

	it('records pool_joined when the person accepts, not when they are invited', async () => {
		const events = await as(ctx, 'coordA', async (tx) => {
			await tx.query(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited')`,
				[w().organisations.orgA, w().people.stranger]
			);
			await actAs(ctx, tx, 'system');
			const invited = await eventsOf(tx, ['pool_joined'], 'helper_id', w().people.stranger);
			await actAs(ctx, tx, 'stranger');
			await acceptInvitation(tx, w().organisations.orgA);
			await actAs(ctx, tx, 'system');
			return {
				invited,
				accepted: await eventsOf(tx, ['pool_joined'], 'helper_id', w().people.stranger)
			};
		});
		expect(events).toEqual({
			invited: [],
			accepted: [
				{
					kind: 'pool_joined',
					actor_id: w().people.stranger,
					helper_id: w().people.stranger,
					municipal_role: null
				}
			]
		});
	});
});
