// The matches of a need as its coordinators read them: every match, oldest first, with the
// helper's name, how it came about, its score and why it ended. Each story is rolled back.
import { describe, expect, it } from 'vitest';
import {
	helperAtAGlance,
	matchesOfNeed,
	matchesOfNeedWithContacts,
	matchesOfOrganisation
} from '../../../src/lib/server/matching/read.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('matches of a need (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('coordinator of A: every match of the need, oldest first, with name, score and end', async () => {
		const { later, list } = await as(ctx, 'coordA', async (tx) => {
			await actAs(ctx, tx, 'system');
			const { rows } = await tx.query<{ id: string }>(
				`insert into public.matches (need_id, helper_id, status, initiated_by, score, end_reason, created_at)
				 values ($1, $2, 'declined', 'helper', 61.5, 'Passt zeitlich nicht', now() + interval '1 minute')
				 returning id`,
				[w().needs.aMatched, w().people.helper2]
			);
			await actAs(ctx, tx, 'coordA');
			return { later: rows[0]!.id, list: await matchesOfNeed(tx, w().needs.aMatched) };
		});
		const name = (who: 'helper' | 'helper2') => expect.stringMatching(new RegExp(`^${who} `));
		expect(list).toEqual([
			{
				id: w().matches.active,
				helperName: name('helper'),
				status: 'active',
				initiatedBy: 'coordinator',
				score: null,
				endReason: null
			},
			{
				id: later,
				helperName: name('helper2'),
				status: 'declined',
				initiatedBy: 'helper',
				score: 61.5,
				endReason: 'Passt zeitlich nicht'
			}
		]);
	});

	it('coordinator of B: none of the matches of a need of A', async () => {
		expect(await as(ctx, 'coordB', (tx) => matchesOfNeed(tx, w().needs.aMatched))).toEqual([]);
		expect(
			await as(ctx, 'coordB', (tx) => matchesOfNeedWithContacts(tx, w().needs.aMatched))
		).toEqual([]);
	});

	it('coordinator of A: the same matches, with the contacts of the active one only', async () => {
		const { plain, withContacts } = await as(ctx, 'coordA', async (tx) => {
			await actAs(ctx, tx, 'system');
			await tx.query(
				`insert into public.matches (need_id, helper_id, status, initiated_by, created_at)
				 values ($1, $2, 'declined', 'helper', now() + interval '1 minute')`,
				[w().needs.aMatched, w().people.helper2]
			);
			await actAs(ctx, tx, 'coordA');
			return {
				plain: await matchesOfNeed(tx, w().needs.aMatched),
				withContacts: await matchesOfNeedWithContacts(tx, w().needs.aMatched)
			};
		});
		expect(withContacts).toEqual(
			plain.map((m, i) => ({ ...m, contacts: withContacts[i]!.contacts }))
		);
		expect(withContacts[0]!.status).toBe('active');
		expect(withContacts[0]!.contacts.length).toBeGreaterThan(0);
		expect(withContacts[1]!.contacts).toEqual([]);
	});
});

describe.each(backends)('the helper at a glance (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('whether the helper has an offer, and how many proposals wait for their answer', async () => {
		const glance = await as(ctx, 'helper2', async (tx) => {
			await actAs(ctx, tx, 'system');
			const before = await helperAtAGlance(tx, w().people.helper2);
			await tx.query(
				`insert into public.matches (need_id, helper_id, status, initiated_by)
				 values ($1, $2, 'proposed', 'coordinator')`,
				[w().needs.aOpen, w().people.helper2]
			);
			return { before, after: await helperAtAGlance(tx, w().people.helper2) };
		});
		expect(glance.after).toEqual({
			hasOffer: glance.before.hasOffer,
			toAnswer: glance.before.toAnswer + 1
		});
		expect(await as(ctx, 'stranger', (tx) => helperAtAGlance(tx, w().people.stranger))).toEqual({
			hasOffer: false,
			toAnswer: 0
		});
		expect(await as(ctx, 'helper', (tx) => helperAtAGlance(tx, w().people.helper))).toMatchObject({
			hasOffer: true
		});
	});
});

describe.each(backends)("the organisation's matches board (%s)", (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('every match of the organisation, open ones first; another organisation sees none of them', async () => {
		const board = await as(ctx, 'coordA', (tx) =>
			matchesOfOrganisation(tx, w().organisations.orgA)
		);
		const ids = board.map((m) => m.id);
		expect(ids).toContain(w().matches.active);
		expect(ids).toContain(w().matches.completed);
		expect(ids.indexOf(w().matches.active)).toBeLessThan(ids.indexOf(w().matches.completed));
		expect(board.find((m) => m.id === w().matches.active)).toMatchObject({
			needId: w().needs.aMatched,
			needTitle: 'A: Nachhilfe Englisch',
			status: 'active',
			activatedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			endedOn: null
		});
		expect(board.find((m) => m.id === w().matches.completed)).toMatchObject({
			status: 'completed',
			endedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
		});
		expect(
			await as(ctx, 'coordB', (tx) => matchesOfOrganisation(tx, w().organisations.orgA))
		).toEqual([]);
	});
});
