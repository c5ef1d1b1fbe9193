// The server's side of a coordinator's pool page (src/lib/server/pools): the overview as A's
// coordinator reads it, and the member actions and invitation verbs as the page calls them —
// scoped to the page's organisation, refusals as typed results.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';
import { poolOverview } from '../../../src/lib/server/pools/read.ts';
import {
	inviteToPool,
	removeMember,
	resendInvitation,
	saveNote,
	setPaused,
	setVerified,
	withdrawInvitation
} from '../../../src/lib/server/pools/verbs.ts';

const ORIGIN = 'https://zeitspende.example';

describe.each(backends)('the pool page’s reads and verbs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it('sees each pool member’s offer, commitments this month and hours still free, and the open invitations', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				const invited = await inviteToPool(
					tx,
					w().organisations.orgA,
					{ email: 'Neu.Person@Example.org', locale: 'de' },
					ORIGIN
				);
				await actAs(ctx, tx, 'system');
				// An invitation made without an e-mail address (the older direct way): counted, no address.
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited')`,
					[w().organisations.orgA, w().people.stranger]
				);
				const facts = await tx.query<{ offered: string; committed: string }>(
					`select o.hours_per_month as offered, private.committed_hours($1, private.berlin_today()) as committed
					 from public.offers o where o.helper_id = $1`,
					[w().people.helper]
				);
				await actAs(ctx, tx, 'coordA');
				return {
					invited,
					overview: await poolOverview(tx, w().organisations.orgA),
					facts: facts.rows[0]!
				};
			});
			expect(story.invited).toEqual({ ok: true });
			const offered = Number(story.facts.offered);
			const committed = Number(story.facts.committed);
			expect(story.overview.members).toEqual([
				expect.objectContaining({
					membershipId: w().memberships.helperInA,
					personId: w().people.helper,
					status: 'active',
					verified: true,
					offer: expect.objectContaining({ hoursPerMonth: offered }),
					committedHours: committed,
					freeHours: Math.max(0, offered - committed),
					note: null
				})
			]);
			expect(story.overview.invitations).toEqual([
				expect.objectContaining({ email: 'neu.person@example.org' })
			]);
			expect(story.overview.directInvitations).toBe(1);
		});

		it('marks verified, pauses, resumes, keeps a note and removes, within its own pool only', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				const a = w().organisations.orgA;
				const m = w().memberships.helperInA;
				const steps = {
					unverify: await setVerified(tx, a, m, false),
					pause: await setPaused(tx, a, m, true),
					note: await saveNote(tx, a, { membershipId: m, body: 'Mag Mathe' })
				};
				const after = (await poolOverview(tx, a)).members[0];
				const more = {
					emptyNote: await saveNote(tx, a, { membershipId: m, body: '' }),
					resume: await setPaused(tx, a, m, false),
					verify: await setVerified(tx, a, m, true),
					// B's helper, whichever organisation the page claims: nothing happens.
					othersViaA: await setVerified(tx, a, w().memberships.helper2InB, true),
					othersViaB: await setPaused(tx, w().organisations.orgB, w().memberships.helper2InB, true),
					othersNote: await saveNote(tx, w().organisations.orgB, {
						membershipId: w().memberships.helper2InB,
						body: 'x'
					}),
					// A coordinator is no pool member.
					coordinator: await removeMember(tx, a, w().memberships.coordAInA)
				};
				const beforeRemoval = (await poolOverview(tx, a)).members[0];
				const remove = await removeMember(tx, a, m);
				return {
					steps,
					after,
					more,
					beforeRemoval,
					remove,
					left: (await poolOverview(tx, a)).members
				};
			});
			expect(story.steps).toEqual({
				unverify: { ok: true },
				pause: { ok: true },
				note: { ok: true }
			});
			expect(story.after).toMatchObject({
				verified: false,
				status: 'paused',
				note: { body: 'Mag Mathe' }
			});
			expect(story.more).toEqual({
				emptyNote: { ok: true, deleted: true },
				resume: { ok: true },
				verify: { ok: true },
				othersViaA: { ok: false },
				othersViaB: { ok: false },
				othersNote: { ok: false },
				coordinator: { ok: false }
			});
			expect(story.beforeRemoval).toMatchObject({ verified: true, status: 'active', note: null });
			expect(story.remove).toEqual({ ok: true });
			expect(story.left).toEqual([]);
		});

		it('counts the hours free in a month as offered less committed there; a member without an offer has neither', async () => {
			const story = await as(ctx, 'system', async (tx) => {
				// The helper's active match is on a one-off need of 2 h thirty days ahead.
				const { rows } = await tx.query<{ month: string; offered: number; categories: string[] }>(
					`select to_char(date_trunc('month', private.berlin_today() + 30), 'YYYY-MM-DD') as month,
					        o.hours_per_month::float8 as offered, o.categories::text[] as categories
					 from public.offers o where o.helper_id = $1`,
					[w().people.helper]
				);
				await actAs(ctx, tx, 'coordA');
				const then = await poolOverview(tx, w().organisations.orgA, rows[0]!.month);
				await actAs(ctx, tx, 'system');
				// A pool member who has not offered anything yet.
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'active')`,
					[w().organisations.orgA, w().people.coordB]
				);
				await actAs(ctx, tx, 'coordA');
				return {
					facts: rows[0]!,
					then,
					withoutOffer: await poolOverview(tx, w().organisations.orgA)
				};
			});
			const member = story.then.members.find((m) => m.personId === w().people.helper)!;
			expect(member).toMatchObject({
				commitments: 1,
				committedHours: 2,
				freeHours: Math.max(0, story.facts.offered - 2),
				offer: { hoursPerMonth: story.facts.offered, categories: story.facts.categories }
			});
			expect(member.freeHours).toBeLessThan(story.facts.offered);
			expect(
				story.withoutOffer.members.find((m) => m.personId === w().people.coordB)
			).toMatchObject({
				offer: null,
				freeHours: null
			});
		});

		it('sends an invitation again, not twice within minutes, and refuses one it does not know', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				const a = w().organisations.orgA;
				await inviteToPool(tx, a, { email: 'noch.einmal@example.org', locale: 'de' }, ORIGIN);
				const [invitation] = (await poolOverview(tx, a)).invitations;
				const id = invitation!.id;
				const tooSoon = await resendInvitation(tx, id, ORIGIN);
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.pool_invitations set last_sent_at = now() - interval '1 hour' where id = $1`,
					[id]
				);
				const mails = () =>
					tx.query<{ n: number }>(
						`select count(*)::int as n from private.outbox where recipient = 'noch.einmal@example.org'`
					);
				const before = (await mails()).rows[0]!.n;
				await actAs(ctx, tx, 'coordA');
				const again = await resendInvitation(tx, id, ORIGIN);
				const unknown = await resendInvitation(tx, crypto.randomUUID(), ORIGIN);
				await actAs(ctx, tx, 'system');
				return { tooSoon, again, unknown, before, after: (await mails()).rows[0]!.n };
			});
			expect(story.tooSoon).toEqual({ ok: false, code: 'invitation_resent_recently' });
			expect(story.again).toEqual({ ok: true });
			expect(story.unknown).toEqual({ ok: false, code: 'invitation_not_found' });
			expect(story.after).toBe(story.before + 1);
		});

		it('gets refusals of the invitation verbs as typed results, with nothing written', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				const a = w().organisations.orgA;
				return {
					self: await inviteToPool(tx, a, { email: w().emails.coordA, locale: 'de' }, ORIGIN),
					member: await inviteToPool(tx, a, { email: w().emails.helper, locale: 'en' }, ORIGIN),
					other: await inviteToPool(
						tx,
						w().organisations.orgB,
						{ email: 'x@example.org', locale: 'de' },
						ORIGIN
					),
					unknown: await withdrawInvitation(tx, crypto.randomUUID()),
					overview: await poolOverview(tx, a)
				};
			});
			expect(story).toMatchObject({
				self: { ok: false, code: 'invite_self' },
				member: { ok: false, code: 'already_in_pool' },
				other: { ok: false, code: 'not_allowed' },
				unknown: { ok: false, code: 'invitation_not_found' },
				overview: { invitations: [], directInvitations: 0 }
			});
		});
	});
});
