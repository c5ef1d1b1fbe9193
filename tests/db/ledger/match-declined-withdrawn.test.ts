// The ledger records a declined or withdrawn match exactly once, whichever verb ended it: the
// helper's or the organisation's decline, the town's decline or send-back of a match waiting for
// it ('informed'), a withdrawal with or without a reason, and the system's bare withdrawal. A
// refused step records nothing.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { decline, sendBack, withdraw } from '../../../src/lib/server/matching/verbs.ts';
import { backends } from '../harness.ts';
import { actAs, as, attempt, useWorld, type Actor } from '../rls/support.ts';

type Status = 'proposed' | 'requested' | 'pending_approval' | 'active';

describe.each(backends)('ledger: declined and withdrawn matches (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	/** As the system: helper2 in a match on organisation A's open need, in the given state. */
	const matchOn = async (tx: Tx, status: Status) => {
		await actAs(ctx, tx, 'system');
		const { rows } = await tx.query<{ id: string }>(
			`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by,
			   helper_accepted_at, organisation_accepted_at, activated_at, municipal_involvement)
			 values ($1, $2, $3, 'coordinator', $4,
			   case when $3::public.match_status <> 'proposed' then now() end,
			   case when $3::public.match_status <> 'requested' then now() end,
			   case when $3::public.match_status = 'active' then now() end, 'informed') returning id`,
			[w().needs.aOpen, w().people.helper2, status, w().people.coordA]
		);
		return rows[0]!.id;
	};

	/** Every declined and withdrawn event of the match, read as the system. */
	const eventsOf = async (tx: Tx, match: string) => {
		await actAs(ctx, tx, 'system');
		const { rows } = await tx.query(
			`select kind, actor_id, helper_id, organisation_id, municipality_id, need_id, municipal_role,
			        occurred_at is not null as timed
			 from public.involvement_events
			 where match_id = $1 and kind in ('match_declined', 'match_withdrawn') order by id`,
			[match]
		);
		return rows;
	};

	const event = (kind: string, actor: Actor, role: string | null) => ({
		kind,
		actor_id: actor === 'system' || actor === 'anonymous' ? null : w().people[actor],
		helper_id: w().people.helper2,
		organisation_id: w().organisations.orgA,
		municipality_id: w().municipalities.m1,
		need_id: w().needs.aOpen,
		municipal_role: role,
		timed: true
	});

	it.each([
		['helper2', 'proposed', null],
		['coordA', 'requested', null],
		['coordA', 'pending_approval', null],
		['municipal', 'pending_approval', 'informed']
	] as const)(
		'records one match_declined when %s declines a %s match',
		async (who, status, role) => {
			const events = await as(ctx, 'system', async (tx) => {
				const match = await matchOn(tx, status);
				await actAs(ctx, tx, who);
				expect(await decline(tx, match)).toEqual({ ok: true });
				// Declining again is refused and records nothing more.
				expect(await decline(tx, match)).toMatchObject({ ok: false });
				return eventsOf(tx, match);
			});
			expect(events).toEqual([event('match_declined', who, role)]);
		}
	);

	it('records nothing when someone without a part in the match declines it', async () => {
		const events = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'proposed');
			await actAs(ctx, tx, 'stranger');
			expect(await decline(tx, match)).toEqual({ ok: false, code: 'match_not_found' });
			return eventsOf(tx, match);
		});
		expect(events).toEqual([]);
	});

	it('records one match_declined, informed, when the town sends a match back', async () => {
		const events = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'pending_approval');
			await actAs(ctx, tx, 'municipal');
			expect(await sendBack(tx, match, 'Bitte erst das Führungszeugnis')).toEqual({ ok: true });
			return eventsOf(tx, match);
		});
		expect(events).toEqual([event('match_declined', 'municipal', 'informed')]);
	});

	it.each([
		['helper2', 'active', 'Umzug'],
		['coordA', 'pending_approval', ''],
		['helper2', 'proposed', '']
	] as const)(
		'records one match_withdrawn when %s withdraws from a %s match',
		async (who, status, reason) => {
			const events = await as(ctx, 'system', async (tx) => {
				const match = await matchOn(tx, status);
				await actAs(ctx, tx, who);
				expect(await withdraw(tx, match, reason)).toEqual({ ok: true });
				expect(await withdraw(tx, match, reason)).toEqual({ ok: false, code: 'match_closed' });
				return eventsOf(tx, match);
			});
			expect(events).toEqual([event('match_withdrawn', who, null)]);
		}
	);

	it('records nothing when a stranger withdraws, and people cannot skip the wrapper', async () => {
		const events = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'active');
			await actAs(ctx, tx, 'stranger');
			expect(await withdraw(tx, match)).toEqual({ ok: false, code: 'match_not_found' });
			await actAs(ctx, tx, 'helper2');
			await expect(attempt(tx, 'select app.withdraw_match($1)', [match])).rejects.toThrow(
				/permission denied/
			);
			return eventsOf(tx, match);
		});
		expect(events).toEqual([]);
	});

	// Only the server's own role may still run the bare verb (revoked from people), for a person.
	it('records one match_withdrawn when the bare verb runs for the helper', async () => {
		const events = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'active');
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify(w().personas.helper2)
			]);
			await tx.query('select app.withdraw_match($1)', [match]);
			return eventsOf(tx, match);
		});
		expect(events).toEqual([event('match_withdrawn', 'helper2', null)]);
	});
});
