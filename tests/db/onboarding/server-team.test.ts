// The team module the coordinator pages call (src/lib/server/onboarding/team.ts), run as the
// persona on both backends: what a coordinator reads of its team and open invitations, and each
// verb's typed result — ok, or its refusal code with nothing written. Every story is rolled back.
import { describe, expect, it } from 'vitest';
import {
	acceptCoordinatorInvitation,
	declineCoordinatorInvitation,
	inviteCoordinator,
	openCoordinatorInvitations,
	removeCoordinator,
	resendCoordinatorInvitation,
	teamOverview,
	withdrawCoordinatorInvitation
} from '../../../src/lib/server/onboarding/team.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { footprint, newAddress, ORIGIN } from './support.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Europe/Berlin as the team pages show dates. */
async function today(tx: Tx): Promise<string> {
	const { rows } = await tx.query<{ d: string }>(
		`select to_char(now() at time zone 'Europe/Berlin', 'YYYY-MM-DD') as d`
	);
	return rows[0]!.d;
}

describe.each(backends)('the team module (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('shows a coordinator its team: the active coordinators, then the invitations still open', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const alone = await teamOverview(tx, w().organisations.orgA);
			const address = newAddress();
			const invited = await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: address, locale: 'de' },
				ORIGIN
			);
			const withInvitation = await teamOverview(tx, w().organisations.orgA);
			return { alone, invited, withInvitation, address, today: await today(tx) };
		});
		expect(story.alone).toEqual({
			coordinators: [
				{
					membershipId: w().memberships.coordAInA,
					personId: w().people.coordA,
					displayName: expect.stringMatching(/^coordA /),
					since: story.today
				}
			],
			invitations: []
		});
		expect(story.invited).toEqual({ ok: true });
		expect(story.withInvitation.coordinators).toEqual(story.alone.coordinators);
		expect(story.withInvitation.invitations).toEqual([
			{
				id: expect.any(String),
				organisationId: w().organisations.orgA,
				email: story.address,
				invitedOn: story.today,
				lastSentOn: story.today
			}
		]);
	});

	it('lists open invitations of the organisations asked for that the person may read, oldest first', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const first = newAddress();
			const second = newAddress();
			await inviteCoordinator(tx, w().organisations.orgA, { email: first, locale: 'de' }, ORIGIN);
			await inviteCoordinator(tx, w().organisations.orgA, { email: second, locale: 'en' }, ORIGIN);
			await actAs(ctx, tx, 'coordB');
			await inviteCoordinator(
				tx,
				w().organisations.orgB,
				{ email: newAddress(), locale: 'de' },
				ORIGIN
			);
			await actAs(ctx, tx, 'coordA');
			const mine = await openCoordinatorInvitations(tx, [
				w().organisations.orgA,
				w().organisations.orgB
			]);
			const none = await openCoordinatorInvitations(tx, []);
			return { first, second, mine, none };
		});
		// One transaction: the same created_at, so the ids order them.
		expect(story.mine.map((i) => [i.organisationId, i.email]).sort()).toEqual(
			[
				[w().organisations.orgA, story.first],
				[w().organisations.orgA, story.second]
			].sort()
		);
		expect(story.mine.every((i) => DAY.test(i.invitedOn) && DAY.test(i.lastSentOn))).toBe(true);
		expect(story.none).toEqual([]);
	});

	it('invites with the address, language and origin given: one invitation, one mail with the link', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const before = await footprint(ctx, tx, 'coordA');
			const address = newAddress();
			const result = await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: address, locale: 'en' },
				ORIGIN
			);
			const after = await footprint(ctx, tx, 'system');
			const invitation = await tx.query(
				`select organisation_id, email, locale from public.coordinator_invitations where email = $1`,
				[address]
			);
			const mail = await tx.query(
				`select recipient, subject, body from private.outbox order by id desc limit 1`
			);
			return { result, before, after, address, invitation: invitation.rows, mail: mail.rows[0] };
		});
		expect(story.result).toEqual({ ok: true });
		expect(story.after.invitations - story.before.invitations).toBe(1);
		expect(story.after.mails - story.before.mails).toBe(1);
		expect(story.invitation).toEqual([
			{ organisation_id: w().organisations.orgA, email: story.address, locale: 'en' }
		]);
		expect(story.mail).toMatchObject({
			recipient: story.address,
			subject: 'Invitation to coordinate Verein A',
			body: expect.stringContaining(`${ORIGIN}/`)
		});
	});

	it('returns the refusal code of an invitation the database refuses, and writes nothing', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const before = await footprint(ctx, tx, 'coordA');
			const self = await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: w().emails.coordA, locale: 'de' },
				ORIGIN
			);
			const elsewhere = await inviteCoordinator(
				tx,
				w().organisations.orgB,
				{ email: newAddress(), locale: 'de' },
				ORIGIN
			);
			return { self, elsewhere, before, after: await footprint(ctx, tx, 'coordA') };
		});
		expect(story.self).toEqual({ ok: false, code: 'invite_self' });
		expect(story.elsewhere).toEqual({ ok: false, code: 'not_allowed' });
		expect(story.after).toEqual(story.before);
	});

	it('resends an invitation at most every five minutes, to the origin given', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const address = newAddress();
			await inviteCoordinator(tx, w().organisations.orgA, { email: address, locale: 'de' }, ORIGIN);
			const [invitation] = await openCoordinatorInvitations(tx, [w().organisations.orgA]);
			const tooSoon = await resendCoordinatorInvitation(tx, invitation!.id, ORIGIN);
			await actAs(ctx, tx, 'system');
			await tx.query(
				`update public.coordinator_invitations set last_sent_at = now() - interval '1 hour' where id = $1`,
				[invitation!.id]
			);
			const before = await footprint(ctx, tx, 'coordA');
			const resent = await resendCoordinatorInvitation(
				tx,
				invitation!.id,
				'https://anders.example'
			);
			const after = await footprint(ctx, tx, 'system');
			const mail = await tx.query(
				`select recipient, body from private.outbox order by id desc limit 1`
			);
			const sent = await tx.query<{ recent: boolean }>(
				`select last_sent_at > now() - interval '1 minute' as recent
				 from public.coordinator_invitations where id = $1`,
				[invitation!.id]
			);
			return { tooSoon, resent, before, after, mail: mail.rows[0], sent: sent.rows[0], address };
		});
		expect(story.tooSoon).toEqual({ ok: false, code: 'invitation_resent_recently' });
		expect(story.resent).toEqual({ ok: true });
		expect(story.after.mails - story.before.mails).toBe(1);
		expect(story.mail).toMatchObject({
			recipient: story.address,
			body: expect.stringContaining('https://anders.example/')
		});
		expect(story.sent).toEqual({ recent: true });
	});

	it('withdraws an open invitation (it is gone), and not twice', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: newAddress(), locale: 'de' },
				ORIGIN
			);
			const [invitation] = await openCoordinatorInvitations(tx, [w().organisations.orgA]);
			const withdrawn = await withdrawCoordinatorInvitation(tx, invitation!.id);
			const left = await openCoordinatorInvitations(tx, [w().organisations.orgA]);
			const again = await withdrawCoordinatorInvitation(tx, invitation!.id);
			return { withdrawn, left, again };
		});
		expect(story.withdrawn).toEqual({ ok: true });
		expect(story.left).toEqual([]);
		expect(story.again).toEqual({ ok: false, code: 'invitation_not_found' });
	});

	it('lets the invited person accept (then they coordinate) and removes a coordinator, never the last', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			const last = await removeCoordinator(tx, w().memberships.coordAInA);
			await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: w().emails.stranger, locale: 'de' },
				ORIGIN
			);
			await actAs(ctx, tx, 'stranger');
			const accepted = await acceptCoordinatorInvitation(tx, w().organisations.orgA);
			const acceptedAgain = await acceptCoordinatorInvitation(tx, w().organisations.orgA);
			const { rows } = await tx.query<{ id: string; status: string }>(
				`select id, status from public.memberships where person_id = $1 and role = 'coordinator'`,
				[w().people.stranger]
			);
			await actAs(ctx, tx, 'coordA');
			const removed = await removeCoordinator(tx, rows[0]!.id);
			const removedAgain = await removeCoordinator(tx, rows[0]!.id);
			return { last, accepted, acceptedAgain, membership: rows, removed, removedAgain };
		});
		expect(story.last).toEqual({ ok: false, code: 'last_coordinator' });
		expect(story.accepted).toEqual({ ok: true });
		expect(story.acceptedAgain).toEqual({ ok: false, code: 'not_invited' });
		expect(story.membership).toEqual([{ id: expect.any(String), status: 'active' }]);
		expect(story.removed).toEqual({ ok: true });
		expect(story.removedAgain).toEqual({ ok: false, code: 'coordinator_not_found' });
	});

	// Profiles' policy showed a coordinator only their own profile and their helpers', so a fellow
	// coordinator who accepted was missing here (private.fellow_coordinator_ids fixed it).
	it('shows a fellow coordinator who accepted in the team', async () => {
		const team = await as(ctx, 'coordA', async (tx) => {
			await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: w().emails.stranger, locale: 'de' },
				ORIGIN
			);
			await actAs(ctx, tx, 'stranger');
			await acceptCoordinatorInvitation(tx, w().organisations.orgA);
			await actAs(ctx, tx, 'coordA');
			return teamOverview(tx, w().organisations.orgA);
		});
		expect(team.coordinators.map((c) => c.personId).sort()).toEqual(
			[w().people.coordA, w().people.stranger].sort()
		);
	});

	it('lets the invited person decline: the invitation is gone, and declining again is refused', async () => {
		const story = await as(ctx, 'coordA', async (tx) => {
			await inviteCoordinator(
				tx,
				w().organisations.orgA,
				{ email: w().emails.stranger, locale: 'de' },
				ORIGIN
			);
			await actAs(ctx, tx, 'stranger');
			const declined = await declineCoordinatorInvitation(tx, w().organisations.orgA);
			const declinedAgain = await declineCoordinatorInvitation(tx, w().organisations.orgA);
			await actAs(ctx, tx, 'coordA');
			return { declined, declinedAgain, team: await teamOverview(tx, w().organisations.orgA) };
		});
		expect(story.declined).toEqual({ ok: true });
		expect(story.declinedAgain).toEqual({ ok: false, code: 'not_invited' });
		expect(story.team.invitations).toEqual([]);
		expect(story.team.coordinators.map((c) => c.personId)).toEqual([w().people.coordA]);
	});
});
