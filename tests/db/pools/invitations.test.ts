// Invitations into a pool by e-mail, by persona: A's coordinator invites an address with or without
// an account (the invitation waits for the first sign-in), resends and withdraws it; refused
// invitations write nothing; B's coordinator, the helper, the stranger and anonymous can do none
// of it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

const invite = (tx: Tx, organisation: string, email: string, locale = 'de') =>
	attempt(tx, `select app.invite_to_pool($1, $2, $3, 'https://zeitspende.example') as id`, [
		organisation,
		email,
		locale
	]).then((r) => r.rows[0]!.id as string);

/** What an invitation may have written, read as the system inside the same transaction. */
async function footprint(ctx: Context, tx: Tx, back: Parameters<typeof actAs>[2]) {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<{ invitations: number; memberships: number; mails: number }>(
		`select (select count(*)::int from public.pool_invitations) as invitations,
		        (select count(*)::int from public.memberships) as memberships,
		        (select count(*)::int from private.outbox) as mails`
	);
	await actAs(ctx, tx, back);
	return rows[0]!;
}

/** The account's creation as sign-in makes it: an auth.users row (the triggers do the rest). */
async function signUp(ctx: Context, tx: Tx, email: string): Promise<string> {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<{ id: string }>(
		`insert into auth.users (id, email, last_sign_in_at) values ($1, $2, now()) returning id`,
		[randomUUID(), email]
	);
	return rows[0]!.id;
}

/** Acts as a person who is not one of the world's personas (a new account). */
async function actAsNew(tx: Tx, id: string) {
	await tx.query('reset role');
	await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
		JSON.stringify({ sub: id, role: 'authenticated' })
	]);
	await tx.query('set local role authenticated');
}

const newAddress = () => `neu-${randomUUID().slice(0, 8)}@example.org`;

describe.each(backends)('pool invitations by e-mail (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it('invites an address without an account: it waits, and becomes an invitation on /pools at the first sign-in', async () => {
			const address = newAddress();
			const story = await as(ctx, 'coordA', async (tx) => {
				const before = await footprint(ctx, tx, 'coordA');
				const id = await invite(tx, w().organisations.orgA, `  ${address.toUpperCase()} `, 'en');
				const waiting = await tx.query(
					`select email, locale, invited_by, membership_id from public.pool_invitations where id = $1`,
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
				await tx.query(`select app.accept_invitation($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				const delivered = await tx.query(
					`select i.membership_id is not null as linked, m.status from public.pool_invitations i
					 join public.memberships m on m.id = i.membership_id where i.id = $1`,
					[id]
				);
				return {
					before,
					after,
					waiting: waiting.rows,
					mail: mail.rows[0],
					mine: mine.rows,
					delivered: delivered.rows
				};
			});
			expect(story.waiting).toEqual([
				{ email: address, locale: 'en', invited_by: w().people.coordA, membership_id: null }
			]);
			expect({
				invitations: story.after.invitations - story.before.invitations,
				memberships: story.after.memberships - story.before.memberships,
				mails: story.after.mails - story.before.mails
			}).toEqual({ invitations: 1, memberships: 0, mails: 1 });
			expect(story.mail).toMatchObject({
				recipient: address,
				subject: 'Invitation to the pool of Verein A',
				body: expect.stringContaining('https://zeitspende.example/pools')
			});
			expect(story.mine).toEqual([
				{ organisation_id: w().organisations.orgA, role: 'helper', status: 'invited' }
			]);
			expect(story.delivered).toEqual([{ linked: true, status: 'active' }]);
		});

		it('invites an address with an account: an invited membership at once, the mail in the person’s language', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await actAs(ctx, tx, 'system');
				await tx.query(`update public.profiles set locale = 'en' where id = $1`, [
					w().people.stranger
				]);
				await actAs(ctx, tx, 'coordA');
				await invite(tx, w().organisations.orgA, w().emails.stranger, 'de');
				const membership = await tx.query(
					`select status from public.memberships where person_id = $1 and organisation_id = $2`,
					[w().people.stranger, w().organisations.orgA]
				);
				await actAs(ctx, tx, 'system');
				const mail = await tx.query(
					`select recipient, subject from private.outbox order by id desc limit 1`
				);
				return { membership: membership.rows, mail: mail.rows[0] };
			});
			expect(story).toEqual({
				membership: [{ status: 'invited' }],
				mail: { recipient: w().emails.stranger, subject: 'Invitation to the pool of Verein A' }
			});
		});

		it.each([
			['its own address', () => ctx.world.emails.coordA, 'invite_self'],
			['an address already in the pool', () => ctx.world.emails.helper, 'already_in_pool'],
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

		it('is refused a duplicate invitation, with or without an account, and nothing is written', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const address = newAddress();
				await invite(tx, w().organisations.orgA, address);
				await invite(tx, w().organisations.orgA, w().emails.stranger);
				const before = await footprint(ctx, tx, 'coordA');
				await expectDenied(invite(tx, w().organisations.orgA, address.toUpperCase()), {
					raised: 'already_invited'
				});
				await expectDenied(invite(tx, w().organisations.orgA, w().emails.stranger), {
					raised: 'already_invited'
				});
				expect(await footprint(ctx, tx, 'coordA')).toEqual(before);
			});
		});

		it('cannot invite again someone who declined: their no stands', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await invite(tx, w().organisations.orgA, w().emails.stranger);
				await actAs(ctx, tx, 'stranger');
				await tx.query(`select app.leave_pool($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(invite(tx, w().organisations.orgA, w().emails.stranger), {
					raised: 'membership_ended'
				});
			});
		});

		it('resends an open invitation at most every five minutes, and not once it is answered', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				const id = await invite(tx, w().organisations.orgA, w().emails.stranger);
				const resend = () =>
					attempt(tx, `select app.resend_pool_invitation($1, 'https://zeitspende.example')`, [id]);
				await expectDenied(resend(), { raised: 'invitation_resent_recently' });
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.pool_invitations set last_sent_at = now() - interval '6 minutes' where id = $1`,
					[id]
				);
				const before = await footprint(ctx, tx, 'coordA');
				await resend();
				const after = await footprint(ctx, tx, 'stranger');
				await tx.query(`select app.accept_invitation($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.pool_invitations set last_sent_at = now() - interval '6 minutes' where id = $1`,
					[id]
				);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(resend(), { raised: 'invitation_not_found' });
				return after.mails - before.mails;
			});
			expect(story).toBe(1);
		});

		it('withdraws an invitation, waiting or delivered: nothing stays, and the address can be invited again', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const before = await footprint(ctx, tx, 'coordA');
				const waiting = await invite(tx, w().organisations.orgA, newAddress());
				const delivered = await invite(tx, w().organisations.orgA, w().emails.stranger);
				await tx.query(`select app.withdraw_pool_invitation($1)`, [waiting]);
				await tx.query(`select app.withdraw_pool_invitation($1)`, [delivered]);
				const after = await footprint(ctx, tx, 'coordA');
				expect({ invitations: after.invitations, memberships: after.memberships }).toEqual({
					invitations: before.invitations,
					memberships: before.memberships
				});
				await expectDenied(attempt(tx, `select app.withdraw_pool_invitation($1)`, [waiting]), {
					raised: 'invitation_not_found'
				});
				await invite(tx, w().organisations.orgA, w().emails.stranger);
			});
		});

		it('reads its invitations, and its pool’s commitments this month as the capacity rules count them', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await invite(tx, w().organisations.orgA, newAddress());
				const invitations = await tx.query(`select organisation_id from public.pool_invitations`);
				const pool = await tx.query(
					`select person_id, committed_hours, commitments from app.pool_commitments($1)`,
					[w().organisations.orgA]
				);
				await actAs(ctx, tx, 'system');
				const expected = await tx.query(
					`select private.committed_hours($1, private.berlin_today()) as hours`,
					[w().people.helper]
				);
				return {
					invitations: invitations.rows,
					pool: pool.rows,
					expected: expected.rows[0]!.hours
				};
			});
			expect(story.invitations).toEqual([{ organisation_id: w().organisations.orgA }]);
			expect(story.pool).toHaveLength(1);
			expect(story.pool[0]).toMatchObject({ person_id: w().people.helper });
			expect(Number(story.pool[0]!.committed_hours)).toBe(Number(story.expected));
		});
	});

	describe('coordinator of nonprofit B', () => {
		it('can do nothing with A’s invitations: not invite into A, not read, resend or withdraw, not read A’s commitments', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const id = await invite(tx, w().organisations.orgA, newAddress());
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.pool_invitations set last_sent_at = now() - interval '6 minutes' where id = $1`,
					[id]
				);
				const before = await footprint(ctx, tx, 'coordB');
				await expectDenied(invite(tx, w().organisations.orgA, newAddress()), {
					raised: 'not_allowed'
				});
				// Another organisation's invitation reads as none, whatever its state.
				await expectDenied(attempt(tx, `select app.resend_pool_invitation($1)`, [id]), {
					raised: 'invitation_not_found'
				});
				await expectDenied(attempt(tx, `select app.withdraw_pool_invitation($1)`, [id]), {
					raised: 'invitation_not_found'
				});
				await expectDenied(
					attempt(tx, `select * from app.pool_commitments($1)`, [w().organisations.orgA]),
					{ raised: 'not_allowed' }
				);
				expect((await tx.query(`select id from public.pool_invitations`)).rows).toEqual([]);
				expect(await footprint(ctx, tx, 'coordB')).toEqual(before);
			});
		});
	});

	describe.each(['helper', 'stranger'] as const)('%s', (who) => {
		it('cannot invite, resend, withdraw or read invitations or commitments', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const id = await invite(tx, w().organisations.orgA, newAddress());
				await actAs(ctx, tx, who);
				await expectDenied(invite(tx, w().organisations.orgA, newAddress()), {
					raised: 'not_allowed'
				});
				await expectDenied(attempt(tx, `select app.withdraw_pool_invitation($1)`, [id]), {
					raised: 'invitation_not_found'
				});
				await expectDenied(
					attempt(tx, `select * from app.pool_commitments($1)`, [w().organisations.orgA]),
					{ raised: 'not_allowed' }
				);
				expect((await tx.query(`select id from public.pool_invitations`)).rows).toEqual([]);
				await expectDenied(
					attempt(
						tx,
						`insert into public.pool_invitations (organisation_id, email) values ($1, 'x@example.org')`,
						[w().organisations.orgA]
					),
					'privilege'
				);
			});
		});
	});

	describe('anonymous', () => {
		it('is refused the invitation verbs and the table outright', async () => {
			await as(ctx, 'anonymous', async (tx) => {
				await expectDenied(invite(tx, w().organisations.orgA, newAddress()), 'privilege');
				await expectDenied(attempt(tx, `select id from public.pool_invitations`), 'privilege');
			});
		});
	});
});
