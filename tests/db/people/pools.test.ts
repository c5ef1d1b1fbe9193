// A person's side of pools through the server module the /pools page uses: yes to an invitation,
// no invitation to say yes to, leaving, and leaving a pool one is not in — each refusal a code
// with nothing written.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { acceptInvitation, leavePool } from '../../../src/lib/server/people/pools.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

const membership = (tx: Tx, organisationId: string, personId: string) =>
	tx
		.query<{ status: string }>(
			`select status from public.memberships
			 where organisation_id = $1 and person_id = $2 and role = 'helper'`,
			[organisationId, personId]
		)
		.then((r) => r.rows.map((row) => row.status));

describe.each(backends)('people/pools: a person answers and leaves (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('accepts an invitation once, then leaves; the second answer is refused', async () => {
		const steps = await as(ctx, 'coordA', async (tx) => {
			await tx.query(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited')`,
				[w().organisations.orgA, w().people.stranger]
			);
			await actAs(ctx, tx, 'stranger');
			const accepted = await acceptInvitation(tx, w().organisations.orgA);
			const again = await acceptInvitation(tx, w().organisations.orgA);
			const joined = await membership(tx, w().organisations.orgA, w().people.stranger);
			const left = await leavePool(tx, w().organisations.orgA);
			const leftAgain = await leavePool(tx, w().organisations.orgA);
			const after = await membership(tx, w().organisations.orgA, w().people.stranger);
			return { accepted, again, joined, left, leftAgain, after };
		});
		expect(steps).toEqual({
			accepted: { ok: true },
			again: { ok: false, code: 'not_invited' },
			joined: ['active'],
			left: { ok: true },
			leftAgain: { ok: false, code: 'not_in_pool' },
			after: ['ended']
		});
	});

	it('refuses to accept without an invitation and writes nothing', async () => {
		const result = await as(ctx, 'stranger', async (tx) => ({
			accepted: await acceptInvitation(tx, w().organisations.orgB),
			after: await (async () => {
				await actAs(ctx, tx, 'system');
				return membership(tx, w().organisations.orgB, w().people.stranger);
			})()
		}));
		expect(result).toEqual({ accepted: { ok: false, code: 'not_invited' }, after: [] });
	});
});
