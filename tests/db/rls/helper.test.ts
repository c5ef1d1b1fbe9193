// Row-level security for a citizen helper: in A's pool, an offer in M1, an active and a completed
// match with A, inspected by A.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { backends } from '../harness.ts';
import {
	actAs,
	affected,
	all,
	as,
	attempt,
	expectDenied,
	itReadsExactly,
	run,
	useWorld
} from './support.ts';

describe.each(backends)('helper (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'helper', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: [w.people.helper],
		contact_details: [w.people.helper],
		memberships: [w.memberships.helperInA],
		platform_admins: [],
		offers: [w.offers.helper],
		// open and matched needs everywhere, plus the needs of their own matches; never drafts or pending
		needs: [w.needs.aOpen, w.needs.aMatched, w.needs.aDone, w.needs.bOpen, w.needs.m2Open],
		matches: [w.matches.active, w.matches.completed],
		hour_logs: [w.hourLogs.onActive, w.hourLogs.onCompleted],
		inspections_72a: [w.inspections.helperByA],
		involvement_events: [w.events.aMatchProposed, w.events.helperSuggestion],
		feedback: [w.feedback.coordAOnCompleted],
		need_suggestions: [w.suggestions.byHelper]
	}));

	describe('profile and contact details', () => {
		it('changes their own profile and contact details', async () => {
			expect(
				await affected(
					ctx,
					'helper',
					`update public.profiles set display_name = 'Hanna' where id = $1`,
					[w().people.helper]
				)
			).toBe(1);
			expect(
				await affected(
					ctx,
					'helper',
					`update public.contact_details set phone = '0521 123456' where person_id = $1`,
					[w().people.helper]
				)
			).toBe(1);
		});

		it("cannot change anyone else's profile or contact details (0 rows)", async () => {
			expect(
				await affected(
					ctx,
					'helper',
					`update public.profiles set display_name = 'x' where id = $1`,
					[w().people.helper2]
				)
			).toBe(0);
			expect(
				await affected(
					ctx,
					'helper',
					`update public.contact_details set phone = '0000 00000' where person_id = $1`,
					[w().people.coordA]
				)
			).toBe(0);
		});

		it('cannot move their profile onto another id (no column grant)', async () => {
			await expectDenied(
				run(ctx, 'helper', `update public.profiles set id = $2 where id = $1`, [
					w().people.helper,
					w().people.stranger
				]),
				'privilege'
			);
		});

		it('cannot create or delete profiles and contact details (no grant)', async () => {
			await expectDenied(
				run(ctx, 'helper', `delete from public.profiles where id = $1`, [w().people.helper]),
				'privilege'
			);
			await expectDenied(
				run(ctx, 'helper', `delete from public.contact_details where person_id = $1`, [
					w().people.helper
				]),
				'privilege'
			);
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.contact_details (person_id, email) values ($1, 'x@example.org')`,
					[w().people.helper]
				),
				'privilege'
			);
		});
	});

	describe('municipalities, districts, organisations, memberships, platform admins', () => {
		it('cannot change municipalities or organisations (0 rows) nor districts (no grant)', async () => {
			expect(
				await affected(
					ctx,
					'helper',
					`update public.municipalities set nonprofit_needs_need_approval = false where id = $1`,
					[w().municipalities.m1]
				)
			).toBe(0);
			expect(
				await affected(
					ctx,
					'helper',
					`update public.organisations set contact_phone = '1' where id = $1`,
					[w().organisations.orgA]
				)
			).toBe(0);
			await expectDenied(
				run(ctx, 'helper', `update public.districts set name = 'Neustadt' where id = $1`, [
					w().districts.d1
				]),
				'privilege'
			);
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.organisations (municipality_id, name, kind) values ($1, 'Mein Verein', 'nonprofit')`,
					[w().municipalities.m1]
				),
				'privilege'
			);
		});

		it('cannot join a pool, become coordinator, or change or leave a membership themselves', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'helper')`,
					[w().organisations.orgB, w().people.helper]
				),
				'rls'
			);
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgA, w().people.helper]
				),
				'rls'
			);
			await expectDenied(
				run(ctx, 'helper', `update public.memberships set role = 'coordinator' where id = $1`, [
					w().memberships.helperInA
				]),
				'privilege'
			);
			expect(
				await affected(
					ctx,
					'helper',
					`update public.memberships set status = 'ended' where id = $1`,
					[w().memberships.helperInA]
				)
			).toBe(0);
			expect(
				await affected(ctx, 'helper', `delete from public.memberships where id = $1`, [
					w().memberships.helperInA
				])
			).toBe(0);
		});

		it('cannot make themselves platform admin (no grant)', async () => {
			await expectDenied(
				run(ctx, 'helper', `insert into public.platform_admins (person_id) values ($1)`, [
					w().people.helper
				]),
				'privilege'
			);
		});
	});

	describe('pool invitations', () => {
		const invite = async (tx: Tx, person: string) => {
			await actAs(ctx, tx, 'coordB');
			const { rows } = await tx.query<{ id: string }>(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited') returning id`,
				[w().organisations.orgB, person]
			);
			return rows[0]!.id;
		};
		const statusOf = async (tx: Tx, id: string) =>
			(
				await tx.query(
					`select status, ended_at is not null as ended from public.memberships where id = $1`,
					[id]
				)
			).rows[0];

		it("accepts its own invitation into B's pool: the membership becomes active", async () => {
			const result = await as(ctx, 'helper', async (tx) => {
				const invitation = await invite(tx, w().people.helper);
				await actAs(ctx, tx, 'helper');
				const { rows } = await tx.query(`select app.accept_invitation($1) as id`, [
					w().organisations.orgB
				]);
				return { accepted: rows[0]!.id === invitation, membership: await statusOf(tx, invitation) };
			});
			expect(result).toEqual({ accepted: true, membership: { status: 'active', ended: false } });
		});

		it("cannot accept someone else's invitation, nor one it does not hold", async () => {
			const result = await as(ctx, 'helper', async (tx) => {
				const strangers = await invite(tx, w().people.stranger);
				await actAs(ctx, tx, 'helper');
				await expectDenied(
					attempt(tx, `select app.accept_invitation($1)`, [w().organisations.orgB]),
					{ raised: 'not_invited' }
				);
				// already active in A: nothing to accept
				await expectDenied(
					attempt(tx, `select app.accept_invitation($1)`, [w().organisations.orgA]),
					{ raised: 'not_invited' }
				);
				await actAs(ctx, tx, 'coordB');
				return statusOf(tx, strangers);
			});
			expect(result).toEqual({ status: 'invited', ended: false });
		});

		it("leaves A's pool, and cannot come back by itself", async () => {
			const result = await as(ctx, 'helper', async (tx) => {
				const { rows } = await tx.query(`select app.leave_pool($1) as id`, [
					w().organisations.orgA
				]);
				await expectDenied(attempt(tx, `select app.leave_pool($1)`, [w().organisations.orgA]), {
					raised: 'not_in_pool'
				});
				await expectDenied(
					attempt(tx, `select app.accept_invitation($1)`, [w().organisations.orgA]),
					{ raised: 'not_invited' }
				);
				return {
					left: rows[0]!.id === w().memberships.helperInA,
					membership: await statusOf(tx, w().memberships.helperInA)
				};
			});
			expect(result).toEqual({ left: true, membership: { status: 'ended', ended: true } });
		});

		it('declines an invitation by leaving; cannot leave a pool it is not in', async () => {
			const result = await as(ctx, 'helper', async (tx) => {
				const invitation = await invite(tx, w().people.helper);
				await actAs(ctx, tx, 'helper');
				await tx.query(`select app.leave_pool($1)`, [w().organisations.orgB]);
				return statusOf(tx, invitation);
			});
			expect(result).toEqual({ status: 'ended', ended: true });
			await expectDenied(
				run(ctx, 'helper', `select app.leave_pool($1)`, [w().organisations.officeM1]),
				{ raised: 'not_in_pool' }
			);
		});
	});

	describe('offers', () => {
		it('changes their own offer, but does not withdraw it while hours are committed', async () => {
			expect(
				await affected(
					ctx,
					'helper',
					`update public.offers set hours_per_month = 12 where id = $1`,
					[w().offers.helper]
				)
			).toBe(1);
			await expectDenied(
				run(ctx, 'helper', `delete from public.offers where id = $1`, [w().offers.helper]),
				{ raised: 'offer_has_matches' }
			);
		});

		it("cannot change or delete someone else's offer (0 rows), nor offer in their name", async () => {
			expect(
				await affected(
					ctx,
					'helper',
					`update public.offers set hours_per_month = 1 where id = $1`,
					[w().offers.helper2]
				)
			).toBe(0);
			expect(
				await affected(ctx, 'helper', `delete from public.offers where id = $1`, [
					w().offers.helper2
				])
			).toBe(0);
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, remote_ok)
					 values ($1, $2, '{digital}', '{seniors}', 4, true)`,
					[w().people.stranger, w().municipalities.m1]
				),
				'rls'
			);
		});
	});

	describe('needs', () => {
		it('cannot post or change needs', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote)
					 values ($1, 'Eigener Bedarf', 'errands', 'seniors', 1, current_date + 30, true)`,
					[w().organisations.orgA]
				),
				'rls'
			);
			expect(
				await affected(ctx, 'helper', `update public.needs set title = 'geändert' where id = $1`, [
					w().needs.aOpen
				])
			).toBe(0);
			expect(
				await affected(ctx, 'helper', `update public.needs set title = 'geändert' where id = $1`, [
					w().needs.aMatched
				])
			).toBe(0);
			await expectDenied(
				run(ctx, 'helper', `delete from public.needs where id = $1`, [w().needs.aOpen]),
				'privilege'
			);
		});
	});

	describe('matches', () => {
		const request = (needId: string) =>
			run(ctx, 'helper', `select app.request_match($1) as id`, [needId]);

		it('says "I can help" to an open need; the verb fills in organisation, municipality and who accepted', async () => {
			const rows = await as(ctx, 'helper', async (tx) => {
				const { rows } = await tx.query(`select app.request_match($1) as id`, [w().needs.aOpen]);
				return (
					await tx.query(
						`select organisation_id, municipality_id, status, initiated_by, helper_accepted_at is not null as helper_accepted,
						   organisation_accepted_at, approved_at, municipal_involvement, first_with_municipality
						 from public.matches where id = $1`,
						[rows[0]!.id]
					)
				).rows;
			});
			expect(rows).toEqual([
				{
					organisation_id: w().organisations.orgA,
					municipality_id: w().municipalities.m1,
					status: 'requested',
					initiated_by: 'helper',
					helper_accepted: true,
					organisation_accepted_at: null,
					approved_at: null,
					// the town approved the need, so it is informed of the match
					municipal_involvement: 'informed',
					first_with_municipality: false
				}
			]);
		});

		it("cannot ask for a draft, pending, full or other town's need, nor twice (the verb checks every rule)", async () => {
			// A draft or a need waiting for its town is none the helper reads: as no need.
			await expectDenied(request(w().needs.aDraft), { raised: 'need_not_found' });
			await expectDenied(request(w().needs.aPending), { raised: 'need_not_found' });
			await expectDenied(request(w().needs.aMatched), { raised: 'need_full' });
			await expectDenied(request(w().needs.m2Open), { raised: 'wrong_municipality' });
			// B's need requires §72a; only A has inspected the helper, and A's record is A's alone
			await expectDenied(request(w().needs.bOpen), { raised: 'inspection_required' });
			await as(ctx, 'helper', async (tx) => {
				await tx.query(`select app.request_match($1)`, [w().needs.aOpen]);
				await expectDenied(attempt(tx, `select app.request_match($1)`, [w().needs.aOpen]), {
					raised: 'already_matched'
				});
			});
		});

		it("cannot propose itself or anyone else: that is the organisation's verb", async () => {
			await expectDenied(
				run(ctx, 'helper', `select app.propose_match($1, $2)`, [
					w().needs.aOpen,
					w().people.helper
				]),
				{
					raised: 'own_match'
				}
			);
			await expectDenied(
				run(ctx, 'helper', `select app.propose_match($1, $2)`, [
					w().needs.bOpen,
					w().people.helper2
				]),
				{
					raised: 'need_not_found'
				}
			);
			await expectDenied(
				run(ctx, 'helper', `select app.propose_match($1, $2, null, 'helper')`, [
					w().needs.aOpen,
					w().people.helper
				]),
				{ raised: 'not_allowed' }
			);
		});

		it('cannot write a match directly: no insert, update or delete grant', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'requested', 'helper')`,
					[w().needs.aOpen, w().people.helper]
				),
				'privilege'
			);
			await expectDenied(
				run(ctx, 'helper', `update public.matches set status = 'completed' where id = $1`, [
					w().matches.active
				]),
				'privilege'
			);
			await expectDenied(
				run(ctx, 'helper', `delete from public.matches where id = $1`, [w().matches.active]),
				'privilege'
			);
		});
	});

	describe('hour logs', () => {
		it('logs hours on their active match through app.log_hours, never by a direct insert', async () => {
			// A direct insert would go around the verb (and could take a client key another
			// phone made up): no grant.
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.hour_logs (match_id, worked_on, hours, client_key)
					 values ($1, (now() at time zone 'Europe/Berlin')::date, 2, gen_random_uuid())`,
					[w().matches.active]
				),
				'privilege'
			);
			const rows = await as(ctx, 'helper', async (tx) => {
				const logged = await tx.query<{ id: string }>(
					`select app.log_hours(gen_random_uuid(), $1, (now() at time zone 'Europe/Berlin')::date, 2, null) as id`,
					[w().matches.active]
				);
				return (
					await tx.query(
						'select helper_id, organisation_id, status from public.hour_logs where id = $1',
						[logged.rows[0]!.id]
					)
				).rows;
			});
			expect(rows).toEqual([
				{ helper_id: w().people.helper, organisation_id: w().organisations.orgA, status: 'logged' }
			]);
		});

		it('cannot log on a completed match, log pre-confirmed hours, or confirm their own hours', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`select app.log_hours(null, $1, (now() at time zone 'Europe/Berlin')::date, 2, null)`,
					[w().matches.completed]
				),
				{ raised: 'match_closed' }
			);
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.hour_logs (match_id, worked_on, hours, status) values ($1, (now() at time zone 'Europe/Berlin')::date, 2, 'confirmed')`,
					[w().matches.active]
				),
				'privilege'
			);
			// Correcting and withdrawing a log not yet reviewed: tests/db/hours/corrections.test.ts.
			await expectDenied(
				run(ctx, 'helper', `update public.hour_logs set status = 'confirmed' where id = $1`, [
					w().hourLogs.onActive
				]),
				{ raised: 'own_hours' }
			);
		});
	});

	describe('§72a inspections', () => {
		it('reads their own inspection but cannot record, change or delete one', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
					 values ($1, $2, '2026-01-01', false, '2031-01-01')`,
					[w().people.helper, w().organisations.orgB]
				),
				// nobody records an inspection of themselves
				{ raised: 'own_inspection' }
			);
			expect(
				await affected(
					ctx,
					'helper',
					`update public.inspections_72a set conviction_listed = false, recheck_on = '2040-01-01' where id = $1`,
					[w().inspections.helperByA]
				)
			).toBe(0);
			expect(
				await affected(ctx, 'helper', `delete from public.inspections_72a where id = $1`, [
					w().inspections.helperByA
				])
			).toBe(0);
		});
	});

	describe('involvement ledger', () => {
		it('cannot insert, change or delete ledger events, not even its own (no grant)', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.involvement_events (kind, municipality_id, actor_id) values ('suggestion_made', $1, $2)`,
					[w().municipalities.m1, w().people.helper]
				),
				'privilege'
			);
			await expectDenied(
				run(ctx, 'helper', `update public.involvement_events set actor_id = null where id = $1`, [
					w().events.helperSuggestion
				]),
				'privilege'
			);
			await expectDenied(
				run(ctx, 'helper', `delete from public.involvement_events where id = $1`, [
					w().events.helperSuggestion
				]),
				'privilege'
			);
		});
	});

	describe('feedback', () => {
		it('rates their completed match', async () => {
			const { rows } = await run(
				ctx,
				'helper',
				`insert into public.feedback (match_id, author_id, perspective, rating) values ($1, $2, 'helper', 4) returning organisation_id`,
				[w().matches.completed, w().people.helper]
			);
			expect(rows).toEqual([{ organisation_id: w().organisations.orgA }]);
		});

		it('cannot rate a running match, speak for the coordinator or beneficiary, or edit feedback', async () => {
			const give = (match: string, perspective: string) =>
				run(
					ctx,
					'helper',
					`insert into public.feedback (match_id, author_id, perspective, rating) values ($1, $2, $3, 5)`,
					[match, w().people.helper, perspective]
				);
			await expectDenied(give(w().matches.active, 'helper'), 'rls');
			await expectDenied(give(w().matches.completed, 'beneficiary'), 'rls');
			await expectDenied(
				run(ctx, 'helper', `update public.feedback set rating = 1 where id = $1`, [
					w().feedback.coordAOnCompleted
				]),
				'privilege'
			);
		});
	});

	describe('need suggestions', () => {
		it('suggests a need in its neighbourhood', async () => {
			const { rowCount } = await run(
				ctx,
				'helper',
				`insert into public.need_suggestions (municipality_id, author_id, body) values ($1, $2, 'Hausaufgabenhilfe im Jugendzentrum fehlt.')`,
				[w().municipalities.m1, w().people.helper]
			);
			expect(rowCount).toBe(1);
		});

		it("cannot suggest in someone else's name, pre-adopt, or handle suggestions", async () => {
			const suggest = (author: string, status: string) =>
				run(
					ctx,
					'helper',
					`insert into public.need_suggestions (municipality_id, author_id, body, status) values ($1, $2, 'Ein Vorschlag fürs Viertel.', $3)`,
					[w().municipalities.m1, author, status]
				);
			await expectDenied(suggest(w().people.helper2, 'new'), 'rls');
			await expectDenied(suggest(w().people.helper, 'adopted'), 'rls');
			await expectDenied(
				run(
					ctx,
					'helper',
					`update public.need_suggestions set status = 'dismissed' where id = $1`,
					[w().suggestions.byHelper]
				),
				'privilege'
			);
		});
	});

	describe("helper of nonprofit B (in B's pool, no match, inspected by the town and by M2)", () => {
		itReadsExactly(ctx, 'helper2', (w) => ({
			municipalities: all(w, 'municipalities'),
			districts: all(w, 'districts'),
			organisations: all(w, 'organisations'),
			profiles: [w.people.helper2],
			contact_details: [w.people.helper2],
			memberships: [w.memberships.helper2InB],
			platform_admins: [],
			offers: [w.offers.helper2],
			needs: [w.needs.aOpen, w.needs.aMatched, w.needs.bOpen, w.needs.m2Open],
			matches: [],
			hour_logs: [],
			inspections_72a: [w.inspections.helper2ByTown, w.inspections.helper2ByM2],
			involvement_events: [w.events.townInspection],
			feedback: [],
			need_suggestions: []
		}));
	});

	it('sees the contact details of nobody else, even its active match partner coordinator', async () => {
		const { rows } = await as(ctx, 'helper', (tx) =>
			tx.query(`select person_id from public.contact_details`)
		);
		expect(rows).toEqual([{ person_id: w().people.helper }]);
	});
});
