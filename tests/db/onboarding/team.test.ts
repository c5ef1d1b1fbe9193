// Coordinators invite fellow coordinators by e-mail, by persona: A's coordinator invites an address
// with or without an account (the invitation waits for the first sign-in and shows among the
// person's invitations), resends, withdraws and removes; the invited person accepts or declines;
// an organisation never loses its last active coordinator (a trigger, for every path), except
// when the account itself is deleted. B's coordinator, the town, another town, the helper, the
// stranger and anonymous can do none of it to A.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { actAsNew, footprint, newAddress, ORIGIN, signUp } from './support.ts';

const invite = (tx: Tx, organisation: string, email: string, locale = 'de') =>
	attempt(tx, `select app.invite_coordinator($1, $2, $3, $4) as id`, [
		organisation,
		email,
		locale,
		ORIGIN
	]).then((r) => r.rows[0]!.id as string);

const coordinates = async (tx: Tx, organisation: string) =>
	(
		await tx.query<{ yes: boolean }>(
			`select $1::uuid in (select private.coordinated_organisation_ids()) as yes`,
			[organisation]
		)
	).rows[0]!.yes;

describe.each(backends)('coordinator invitations and the team (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it('invites an address without an account: it waits, shows up at the first sign-in, and accepting makes a coordinator', async () => {
			const address = newAddress();
			const story = await as(ctx, 'coordA', async (tx) => {
				const before = await footprint(ctx, tx, 'coordA');
				const id = await invite(tx, w().organisations.orgA, ` ${address.toUpperCase()} `, 'en');
				const waiting = await tx.query(
					`select email, locale, invited_by, membership_id from public.coordinator_invitations where id = $1`,
					[id]
				);
				const after = await footprint(ctx, tx, 'system');
				const mail = await tx.query(
					`select recipient, subject, body from private.outbox order by id desc limit 1`
				);
				const person = await signUp(ctx, tx, address.toUpperCase());
				await actAsNew(tx, person);
				const mine = await tx.query(
					`select organisation_id, role, status from public.memberships where person_id = $1`,
					[person]
				);
				const beforeAccepting = await coordinates(tx, w().organisations.orgA);
				await tx.query(`select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]);
				const afterAccepting = await coordinates(tx, w().organisations.orgA);
				const team = await tx.query(
					`select count(*)::int as n from public.memberships
					 where organisation_id = $1 and role = 'coordinator' and status = 'active'`,
					[w().organisations.orgA]
				);
				return {
					grew: {
						invitations: after.invitations - before.invitations,
						memberships: after.memberships - before.memberships,
						mails: after.mails - before.mails
					},
					waiting: waiting.rows,
					mail: mail.rows[0],
					mine: mine.rows,
					beforeAccepting,
					afterAccepting,
					team: team.rows[0]!.n
				};
			});
			expect(story.waiting).toEqual([
				{ email: address, locale: 'en', invited_by: w().people.coordA, membership_id: null }
			]);
			expect(story.grew).toEqual({ invitations: 1, memberships: 0, mails: 1 });
			expect(story.mail).toMatchObject({
				recipient: address,
				subject: 'Invitation to coordinate Verein A',
				body: expect.stringContaining(`${ORIGIN}/pools`)
			});
			expect(story.mine).toEqual([
				{ organisation_id: w().organisations.orgA, role: 'coordinator', status: 'invited' }
			]);
			// Invited is not coordinating: only the yes gives access to A's needs, pool and matches.
			expect(story.beforeAccepting).toBe(false);
			expect(story.afterAccepting).toBe(true);
			expect(story.team).toBe(2);
		});

		it('invites an address with an account: an invited membership at once, the mail in the person’s language; declining leaves nothing', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await actAs(ctx, tx, 'system');
				await tx.query(`update public.profiles set locale = 'en' where id = $1`, [
					w().people.stranger
				]);
				const before = await footprint(ctx, tx, 'coordA');
				await invite(tx, w().organisations.orgA, w().emails.stranger, 'de');
				await actAs(ctx, tx, 'system');
				const mail = await tx.query(
					`select recipient, subject from private.outbox order by id desc limit 1`
				);
				await actAs(ctx, tx, 'stranger');
				const mine = await tx.query(
					`select role, status from public.memberships where person_id = $1`,
					[w().people.stranger]
				);
				await tx.query(`select app.decline_coordinator_invitation($1)`, [w().organisations.orgA]);
				const after = await footprint(ctx, tx, 'stranger');
				await expectDenied(
					attempt(tx, `select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]),
					{ raised: 'not_invited' }
				);
				return { mail: mail.rows[0], mine: mine.rows, before, after };
			});
			expect(story.mail).toEqual({
				recipient: w().emails.stranger,
				subject: 'Invitation to coordinate Verein A'
			});
			expect(story.mine).toEqual([{ role: 'coordinator', status: 'invited' }]);
			expect({ ...story.after, mails: story.before.mails }).toEqual(story.before);
		});

		it.each([
			['its own address', () => ctx.world.emails.coordA, 'invite_self'],
			['a malformed address', () => 'jemand@lindenau', 'email_invalid'],
			['no address', () => '', 'email_invalid'],
			['two addresses', () => 'a@example.org b@example.org', 'email_invalid'],
			['an address of 255 characters', () => `${'a'.repeat(243)}@example.org`, 'email_invalid']
		])('is refused inviting %s, with its code, and nothing is written', async (_, email, code) => {
			await as(ctx, 'coordA', async (tx) => {
				const before = await footprint(ctx, tx, 'coordA');
				await expectDenied(invite(tx, w().organisations.orgA, email()), { raised: code });
				expect(await footprint(ctx, tx, 'coordA')).toEqual(before);
			});
		});

		it('is refused a duplicate invitation (waiting or delivered) and inviting a coordinator again; nothing is written', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const address = newAddress();
				await invite(tx, w().organisations.orgA, address);
				await invite(tx, w().organisations.orgA, w().emails.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]);
				const before = await footprint(ctx, tx, 'coordA');
				await expectDenied(invite(tx, w().organisations.orgA, address.toUpperCase()), {
					raised: 'already_invited'
				});
				await expectDenied(invite(tx, w().organisations.orgA, w().emails.stranger), {
					raised: 'already_coordinator'
				});
				expect(await footprint(ctx, tx, 'coordA')).toEqual(before);
			});
		});

		it('resends at most every five minutes, withdraws (nothing stays), and not once answered', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const id = await invite(tx, w().organisations.orgA, w().emails.stranger);
				const resend = () =>
					attempt(tx, `select app.resend_coordinator_invitation($1, $2)`, [id, ORIGIN]);
				await expectDenied(resend(), { raised: 'invitation_resent_recently' });
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.coordinator_invitations set last_sent_at = now() - interval '6 minutes' where id = $1`,
					[id]
				);
				const before = await footprint(ctx, tx, 'coordA');
				await resend();
				expect((await footprint(ctx, tx, 'coordA')).mails).toBe(before.mails + 1);

				const waiting = await invite(tx, w().organisations.orgA, newAddress());
				await tx.query(`select app.withdraw_coordinator_invitation($1)`, [waiting]);
				await tx.query(`select app.withdraw_coordinator_invitation($1)`, [id]);
				const after = await footprint(ctx, tx, 'coordA');
				expect({ invitations: after.invitations, memberships: after.memberships }).toEqual({
					invitations: before.invitations - 1,
					memberships: before.memberships - 1
				});
				await expectDenied(
					attempt(tx, `select app.withdraw_coordinator_invitation($1)`, [waiting]),
					{ raised: 'invitation_not_found' }
				);
				const again = await invite(tx, w().organisations.orgA, w().emails.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(attempt(tx, `select app.withdraw_coordinator_invitation($1)`, [again]), {
					raised: 'invitation_not_found'
				});
			});
		});

		it('removes a fellow coordinator, but never the last active one (itself), and nothing is written', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const remove = (membership: string) =>
					attempt(tx, `select app.remove_coordinator($1)`, [membership]);
				const before = await footprint(ctx, tx, 'coordA');
				await expectDenied(remove(w().memberships.coordAInA), { raised: 'last_coordinator' });
				expect(await footprint(ctx, tx, 'coordA')).toEqual(before);

				await invite(tx, w().organisations.orgA, w().emails.stranger);
				await actAs(ctx, tx, 'stranger');
				const { rows } = await tx.query<{ id: string }>(
					`select app.accept_coordinator_invitation($1) as id`,
					[w().organisations.orgA]
				);
				await actAs(ctx, tx, 'coordA');
				await remove(rows[0]!.id);
				expect(await coordinates(tx, w().organisations.orgA)).toBe(true);
				await expectDenied(remove(rows[0]!.id), { raised: 'coordinator_not_found' });
				await expectDenied(remove(w().memberships.helperInA), { raised: 'coordinator_not_found' });
			});
		});

		it('may remove itself while another coordinator stays; then coordinates A no more', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await invite(tx, w().organisations.orgA, w().emails.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				await tx.query(`select app.remove_coordinator($1)`, [w().memberships.coordAInA]);
				expect(await coordinates(tx, w().organisations.orgA)).toBe(false);
				await actAs(ctx, tx, 'stranger');
				expect(await coordinates(tx, w().organisations.orgA)).toBe(true);
			});
		});

		it('cannot change coordinator memberships directly (only helpers’ are its to touch)', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const deleted = await tx.query(`delete from public.memberships where id = $1`, [
					w().memberships.coordAInA
				]);
				const paused = await tx.query(
					`update public.memberships set status = 'paused' where id = $1`,
					[w().memberships.coordAInA]
				);
				expect([deleted.rowCount, paused.rowCount]).toEqual([0, 0]);
				await expectDenied(
					attempt(
						tx,
						`insert into public.memberships (organisation_id, person_id, role, status)
						 values ($1, $2, 'coordinator', 'active')`,
						[w().organisations.orgA, w().people.stranger]
					),
					'rls'
				);
				await expectDenied(
					attempt(
						tx,
						`insert into public.coordinator_invitations (organisation_id, email) values ($1, 'x@example.org')`,
						[w().organisations.orgA]
					),
					'privilege'
				);
			});
		});
	});

	describe('the last-coordinator rule, for every path', () => {
		it('refuses the system too: deleting, pausing or ending the last active coordinator', async () => {
			await as(ctx, 'system', async (tx) => {
				for (const sql of [
					`delete from public.memberships where id = $1`,
					`update public.memberships set status = 'paused' where id = $1`,
					`update public.memberships set status = 'ended', ended_at = now() where id = $1`,
					`update public.memberships set role = 'helper' where id = $1`
				]) {
					await expectDenied(attempt(tx, sql, [w().memberships.coordAInA]), {
						raised: 'last_coordinator'
					});
				}
			});
		});

		it('never refuses deleting the account: the organisation is left without coordinators, and its town may invite a first one again', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await tx.query(`select app.delete_my_account()`);
				await actAs(ctx, tx, 'municipal');
				const counts = await tx.query(
					`select active_coordinators from app.organisation_coordinator_counts($1) where organisation_id = $2`,
					[w().municipalities.m1, w().organisations.orgA]
				);
				expect(counts.rows).toEqual([{ active_coordinators: 0 }]);
				await invite(tx, w().organisations.orgA, newAddress());
			});
		});

		it('lets an organisation go with its coordinators', async () => {
			await as(ctx, 'system', async (tx) => {
				const { rowCount } = await tx.query(`delete from public.organisations where id = $1`, [
					w().organisations.orgB
				]);
				expect(rowCount).toBe(1);
			});
		});
	});

	describe.each([
		['coordinator of nonprofit B', 'coordB'],
		['municipal coordinator of the town (A has a coordinator)', 'municipal'],
		['municipal coordinator of another town', 'coordM2'],
		['helper in A’s pool', 'helper'],
		['stranger', 'stranger'],
		['platform admin (A is no municipal office)', 'admin']
	] as const)('%s', (_, who) => {
		it('can do nothing with A’s team: not invite, read, resend, withdraw or remove; nothing is written', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const id = await invite(tx, w().organisations.orgA, newAddress());
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.coordinator_invitations set last_sent_at = now() - interval '6 minutes'`
				);
				const before = await footprint(ctx, tx, who);
				await expectDenied(invite(tx, w().organisations.orgA, newAddress()), {
					raised: 'not_allowed'
				});
				// Another organisation's invitation and coordinator read as none, whatever their state.
				await expectDenied(
					attempt(tx, `select app.resend_coordinator_invitation($1, $2)`, [id, ORIGIN]),
					{ raised: 'invitation_not_found' }
				);
				await expectDenied(attempt(tx, `select app.withdraw_coordinator_invitation($1)`, [id]), {
					raised: 'invitation_not_found'
				});
				await expectDenied(
					attempt(tx, `select app.remove_coordinator($1)`, [w().memberships.coordAInA]),
					{ raised: 'coordinator_not_found' }
				);
				await expectDenied(
					attempt(tx, `select app.accept_coordinator_invitation($1)`, [w().organisations.orgA]),
					{ raised: 'not_invited' }
				);
				const seen = await tx.query(
					`select id from public.coordinator_invitations where organisation_id = $1`,
					[w().organisations.orgA]
				);
				// The town reads its nonprofits' invitations; nobody else reads A's.
				expect(seen.rows).toEqual(who === 'municipal' ? [{ id }] : []);
				expect(await footprint(ctx, tx, who)).toEqual(before);
			});
		});
	});

	describe('anonymous', () => {
		it('may not call the team verbs at all', async () => {
			await as(ctx, 'anonymous', async (tx) => {
				await expectDenied(invite(tx, w().organisations.orgA, newAddress()), 'privilege');
				await expectDenied(
					attempt(tx, `select app.remove_coordinator($1)`, [w().memberships.coordAInA]),
					'privilege'
				);
				await expectDenied(
					attempt(tx, `select * from public.coordinator_invitations`),
					'privilege'
				);
			});
		});
	});
});
