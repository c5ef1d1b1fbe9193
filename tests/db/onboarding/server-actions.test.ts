// The onboarding pages' shared form actions (src/lib/server/onboarding/actions.ts), called as
// SvelteKit calls them (a POSTed form, locals running as the person) on both backends: the page's
// guard first, a malformed form is 400 with its message, a verb's refusal 409 with its German
// message, and success answers what the page shows; what the database holds is read back.
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { asPerson } from '../../../src/lib/server/db/person.ts';
import { errorMessage } from '../../../src/lib/domain/errors.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import { inviteAction, invitationActions } from '../../../src/lib/server/onboarding/actions.ts';
import { requireCoordinator } from '../../../src/lib/server/organisations/guard.ts';
import type { PersonaName } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { useWorld } from '../rls/support.ts';
import { newAddress } from './support.ts';

const SITE = 'https://zeitspende.example';
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

/** An action's answer as the page gets it: a failure's status and data, or the success value. */
function answer(result: unknown) {
	const r = result as { status?: number; data?: unknown };
	return r && typeof r === 'object' && 'status' in r && 'data' in r
		? { status: r.status, data: r.data }
		: { success: result };
}

describe.each(backends)('the onboarding form actions (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	function post(who: PersonaName, fields: Record<string, string>, site = SITE): RequestEvent {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		const url = new URL(`${site}/coordinator/x/team`);
		const locals: App.Locals = {
			person: { id: w().people[who], email: w().emails[who] },
			db: (work) => asPerson(ctx.db.pool, w().personas[who], work),
			locale: 'de'
		};
		return { request: new Request(url, { method: 'POST', body }), locals, url } as RequestEvent;
	}

	const team = invitationActions((event) =>
		requireCoordinator(event.locals, w().organisations.orgA)
	);

	/** An open invitation into A (as its coordinator), sent long enough ago to be resent. */
	async function invitation(sentMinutesAgo = 0): Promise<{ id: string; email: string }> {
		const email = newAddress();
		const invited = answer(
			await inviteAction(post('coordA', { email, locale: 'de' }), w().organisations.orgA)
		);
		expect(invited).toEqual({ success: { invited: email } });
		const { rows } = await ctx.db.pool.query<{ id: string }>(
			`update public.coordinator_invitations set last_sent_at = now() - make_interval(mins => $2)
			 where email = $1 returning id`,
			[email, sentMinutesAgo]
		);
		return { id: rows[0]!.id, email };
	}

	const mailsTo = async (email: string) =>
		(
			await ctx.db.pool.query<{ body: string }>(
				`select body from private.outbox where recipient = $1 order by id`,
				[email]
			)
		).rows.map((r) => r.body);

	const isOpen = async (id: string) =>
		(await ctx.db.pool.query(`select 1 from public.coordinator_invitations where id = $1`, [id]))
			.rowCount === 1;

	async function status(action: Promise<unknown>): Promise<number> {
		try {
			await action;
		} catch (e) {
			if (isHttpError(e)) return e.status;
			throw e;
		}
		throw new Error('the guard let the person in');
	}

	describe('resend', () => {
		it('mails an invitation sent long enough ago again, with the link to the site it was asked on', async () => {
			const { id, email } = await invitation(10);
			const result = await team.resend(
				post('coordA', { invitationId: id }, 'https://anders.example')
			);
			expect(answer(result)).toEqual({ success: { done: 'resent' } });
			const mails = await mailsTo(email);
			expect(mails).toHaveLength(2);
			expect(mails[1]).toContain('https://anders.example/');
		});

		it('refuses one sent a moment ago with 409 and the German message; no mail', async () => {
			const { id, email } = await invitation();
			const result = await team.resend(post('coordA', { invitationId: id }));
			expect(answer(result)).toEqual({
				status: 409,
				data: { error: errorMessage('invitation_resent_recently') }
			});
			expect(errorMessage('invitation_resent_recently')).not.toBe('');
			expect(await mailsTo(email)).toHaveLength(1);
		});

		it('answers a malformed form with 400 and its message', async () => {
			expect(answer(await team.resend(post('coordA', { invitationId: 'keine-id' })))).toEqual({
				status: 400,
				data: { error: m.validation_reference() }
			});
			expect(answer(await team.resend(post('coordA', {})))).toEqual({
				status: 400,
				data: { error: m.validation_reference() }
			});
		});

		it('runs the page’s guard first: another coordinator gets 404, whatever the form', async () => {
			const { id, email } = await invitation(10);
			expect(await status(team.resend(post('coordB', { invitationId: id })))).toBe(404);
			expect(await status(team.resend(post('coordB', { invitationId: 'keine-id' })))).toBe(404);
			expect(await mailsTo(email)).toHaveLength(1);
		});
	});

	describe('withdraw', () => {
		it('withdraws an open invitation: it is gone', async () => {
			const { id } = await invitation();
			expect(answer(await team.withdraw(post('coordA', { invitationId: id })))).toEqual({
				success: { done: 'withdrawn' }
			});
			expect(await isOpen(id)).toBe(false);
		});

		it('refuses an unknown invitation with 409 and the German message', async () => {
			expect(answer(await team.withdraw(post('coordA', { invitationId: UNKNOWN })))).toEqual({
				status: 409,
				data: { error: errorMessage('invitation_not_found') }
			});
		});

		it('answers a malformed form with 400, and the guard comes first', async () => {
			const { id } = await invitation();
			expect(answer(await team.withdraw(post('coordA', { invitationId: 'x' })))).toEqual({
				status: 400,
				data: { error: m.validation_reference() }
			});
			expect(await status(team.withdraw(post('coordB', { invitationId: id })))).toBe(404);
			expect(await isOpen(id)).toBe(true);
		});
	});

	describe('invite into the page’s organisation', () => {
		it('invites the address as typed, trimmed and in lower case, and answers it', async () => {
			const email = newAddress();
			const result = await inviteAction(
				post('coordA', { email: `  ${email.toUpperCase()} `, locale: 'en' }),
				w().organisations.orgA
			);
			expect(answer(result)).toEqual({ success: { invited: email } });
			const { rows } = await ctx.db.pool.query(
				`select organisation_id, locale from public.coordinator_invitations where email = $1`,
				[email]
			);
			expect(rows).toEqual([{ organisation_id: w().organisations.orgA, locale: 'en' }]);
		});

		it('answers a malformed address with 400, the field’s errors and the address as typed (at most 254 characters)', async () => {
			const typed = `${'a'.repeat(300)}@example.org`;
			const result = answer(
				await inviteAction(post('coordA', { email: typed, locale: 'de' }), w().organisations.orgA)
			);
			expect(result).toEqual({
				status: 400,
				data: {
					invite: {
						inviteFor: w().organisations.orgA,
						email: typed.slice(0, 254),
						errors: { email: [m.validation_email()] }
					}
				}
			});
			expect(
				answer(await inviteAction(post('coordA', { locale: 'de' }), w().organisations.orgA))
			).toEqual({
				status: 400,
				data: {
					invite: {
						inviteFor: w().organisations.orgA,
						email: '',
						errors: { email: [expect.any(String)] }
					}
				}
			});
		});

		it('refuses what the verb refuses with 409, the German message under the address field', async () => {
			const result = await inviteAction(
				post('coordA', { email: w().emails.coordA, locale: 'de' }),
				w().organisations.orgA
			);
			expect(answer(result)).toEqual({
				status: 409,
				data: {
					invite: {
						inviteFor: w().organisations.orgA,
						email: w().emails.coordA,
						errors: { email: [errorMessage('invite_self')] }
					}
				}
			});
		});
	});

	describe('invite into the organisation the form names', () => {
		it('invites into it (a municipal coordinator into its office)', async () => {
			const email = newAddress();
			const result = await inviteAction(
				post('municipal', { organisationId: w().organisations.officeM1, email, locale: 'de' })
			);
			expect(answer(result)).toEqual({ success: { invited: email } });
			const { rows } = await ctx.db.pool.query(
				`select organisation_id from public.coordinator_invitations where email = $1`,
				[email]
			);
			expect(rows).toEqual([{ organisation_id: w().organisations.officeM1 }]);
		});

		it('answers a missing or malformed organisation with 400 and its message', async () => {
			const email = newAddress();
			const forms: Record<string, string>[] = [
				{ email, locale: 'de' },
				{ organisationId: 'x', email, locale: 'de' }
			];
			for (const fields of forms) {
				expect(answer(await inviteAction(post('municipal', fields)))).toEqual({
					status: 400,
					data: { error: m.validation_reference() }
				});
			}
			expect(await mailsTo(email)).toEqual([]);
		});

		it('carries the organisation in the answer of a refused or malformed invitation', async () => {
			const email = newAddress();
			const fields = { organisationId: w().organisations.officeM1, email, locale: 'de' };
			await inviteAction(post('municipal', fields));
			expect(answer(await inviteAction(post('municipal', fields)))).toEqual({
				status: 409,
				data: {
					invite: {
						inviteFor: w().organisations.officeM1,
						email,
						errors: { email: [errorMessage('already_invited')] }
					}
				}
			});
			expect(
				answer(await inviteAction(post('municipal', { ...fields, locale: 'fr' })))
			).toMatchObject({
				status: 400,
				data: {
					invite: {
						inviteFor: w().organisations.officeM1,
						errors: { locale: [m.validation_locale()] }
					}
				}
			});
		});
	});
});
