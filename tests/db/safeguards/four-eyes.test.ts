// Safeguards that need two people, enforced by the database: nobody records a §72a inspection
// of themselves, proposes or accepts themselves for their own organisation, approves for the
// town a match they help in, reviews their own hours, or approves a need they posted or whose
// organisation they coordinate. Each story is told as the people in it and rolled back.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { actAs, as, attempt, expectDenied, useWorld, type Context } from '../rls/support.ts';

/** As the system: puts a person into an organisation's pool with a remote offer that fits `need`. */
async function helperInPool(ctx: Context, tx: Tx, person: string, organisation: string) {
	await actAs(ctx, tx, 'system');
	await tx.query(
		`insert into public.memberships (organisation_id, person_id, role, status)
		 values ($1, $2, 'helper', 'active')`,
		[organisation, person]
	);
	await tx.query(
		`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, remote_ok)
		 values ($1, $2, '{errands}', '{children,seniors}', 10, true)
		 on conflict (helper_id) do update set categories = '{errands}', target_groups = '{children,seniors}', remote_ok = true`,
		[person, ctx.world.municipalities.m1]
	);
}

/** As the system: an open remote errands need of the organisation, for the target group. */
async function openNeed(ctx: Context, tx: Tx, organisation: string, targetGroup = 'seniors') {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<{ id: string }>(
		`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
		 values ($1, 'Einkaufen gehen', 'errands', $2, 2, (now() at time zone 'Europe/Berlin')::date + 7, true, 'open')
		 returning id`,
		[organisation, targetGroup]
	);
	return rows[0]!.id;
}

const one = async (tx: Tx, sql: string, params: unknown[]) =>
	Object.values((await tx.query(sql, params)).rows[0] ?? {})[0];

describe.each(backends)('four eyes (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A who is also a helper in its pool', () => {
		it('cannot invite themselves into their own pool', async () => {
			await expectDenied(
				as(ctx, 'coordA', (tx) =>
					tx.query(
						`insert into public.memberships (organisation_id, person_id, role, status)
						 values ($1, $2, 'helper', 'invited')`,
						[w().organisations.orgA, w().people.coordA]
					)
				),
				'rls'
			);
		});

		it('cannot record, nor have anyone record, a §72a inspection of themselves', async () => {
			await as(ctx, 'system', async (tx) => {
				await helperInPool(ctx, tx, w().people.coordA, w().organisations.orgA);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(
					attempt(
						tx,
						`insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
						 values ($1, $2, '2026-01-01', false, '2031-01-01')`,
						[w().people.coordA, w().organisations.orgA]
					),
					{ raised: 'own_inspection' }
				);
				// not even the system stores one inspected by the helper themselves
				await actAs(ctx, tx, 'system');
				await expectDenied(
					attempt(
						tx,
						`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, certificate_date, conviction_listed, recheck_on)
						 values ($1, $2, $1, '2026-01-01', false, '2031-01-01')`,
						[w().people.coordA, w().organisations.orgA]
					),
					{ raised: 'own_inspection' }
				);
			});
		});

		it('cannot propose themselves, nor accept their own "I can help" for A; another coordinator can', async () => {
			const status = await as(ctx, 'system', async (tx) => {
				await helperInPool(ctx, tx, w().people.coordA, w().organisations.orgA);
				const need = await openNeed(ctx, tx, w().organisations.orgA);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(
					attempt(tx, 'select app.propose_match($1, $2)', [need, w().people.coordA]),
					{ raised: 'own_match' }
				);
				const match = await one(tx, 'select app.request_match($1)', [need]);
				await expectDenied(attempt(tx, 'select app.accept_match($1)', [match]), {
					raised: 'own_match'
				});
				// a second coordinator of A accepts for the organisation
				await actAs(ctx, tx, 'system');
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgA, w().people.coordB]
				);
				await actAs(ctx, tx, 'coordB');
				return one(tx, 'select app.accept_match($1)', [match]);
			});
			expect(status).toBe('active');
		});

		it('cannot confirm the hours they logged themselves (own_hours); another coordinator can', async () => {
			const outcome = await as(ctx, 'system', async (tx) => {
				await helperInPool(ctx, tx, w().people.coordA, w().organisations.orgA);
				const need = await openNeed(ctx, tx, w().organisations.orgA);
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgA, w().people.coordB]
				);
				await actAs(ctx, tx, 'coordA');
				const match = await one(tx, 'select app.request_match($1)', [need]);
				await actAs(ctx, tx, 'coordB');
				await tx.query('select app.accept_match($1)', [match]);
				await actAs(ctx, tx, 'coordA');
				const log = await one(
					tx,
					`select app.log_hours(null, $1, (now() at time zone 'Europe/Berlin')::date, 2, null) as id`,
					[match]
				);
				const own = await attempt(
					tx,
					`update public.hour_logs set status = 'confirmed' where id = $1`,
					[log]
				).catch((e: Error) => e.message);
				await actAs(ctx, tx, 'coordB');
				const other = (
					await tx.query(
						`update public.hour_logs set status = 'confirmed' where id = $1 returning reviewed_by`,
						[log]
					)
				).rows;
				return { own, other };
			});
			expect(outcome).toEqual({ own: 'own_hours', other: [{ reviewed_by: w().people.coordB }] });
		});
	});

	describe('municipal coordinator of M1 who helps in a nonprofit pool', () => {
		it('cannot approve for the town a match with children in which they help; a colleague can', async () => {
			const outcome = await as(ctx, 'system', async (tx) => {
				await tx.query(
					`update public.municipalities set minor_matches_need_approval = true where id = $1`,
					[w().municipalities.m1]
				);
				await helperInPool(ctx, tx, w().people.municipal, w().organisations.orgA);
				const need = await openNeed(ctx, tx, w().organisations.orgA, 'children');
				// a second municipal coordinator of M1
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.officeM1, w().people.stranger]
				);
				await actAs(ctx, tx, 'municipal');
				const match = await one(tx, 'select app.request_match($1)', [need]);
				await actAs(ctx, tx, 'coordA');
				const accepted = await one(tx, 'select app.accept_match($1)', [match]);
				await actAs(ctx, tx, 'municipal');
				await expectDenied(attempt(tx, 'select app.approve_match($1)', [match]), {
					raised: 'own_match'
				});
				await actAs(ctx, tx, 'stranger');
				const approved = await one(tx, 'select app.approve_match($1)', [match]);
				const approvedBy = await one(tx, 'select approved_by from public.matches where id = $1', [
					match
				]);
				return { accepted, approved, approvedBy };
			});
			expect(outcome).toEqual({
				accepted: 'pending_approval',
				approved: 'active',
				approvedBy: w().people.stranger
			});
		});
	});

	describe('a person who coordinates for the town and for nonprofit B', () => {
		it("cannot approve the need they posted for B, nor any of B's needs", async () => {
			await as(ctx, 'system', async (tx) => {
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgB, w().people.municipal]
				);
				await actAs(ctx, tx, 'municipal');
				const own = await one(
					tx,
					`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
					 values ($1, 'Begleitung', 'advice', 'seniors', 2, '2026-12-15', true, 'pending_approval') returning id`,
					[w().organisations.orgB]
				);
				await expectDenied(attempt(tx, 'select app.approve_need($1)', [own]), {
					raised: 'own_need'
				});
				await actAs(ctx, tx, 'coordB');
				const byColleague = await one(
					tx,
					`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
					 values ($1, 'Begleitung', 'advice', 'seniors', 2, '2026-12-15', true, 'pending_approval') returning id`,
					[w().organisations.orgB]
				);
				await actAs(ctx, tx, 'municipal');
				await expectDenied(attempt(tx, 'select app.approve_need($1)', [byColleague]), {
					raised: 'own_need'
				});
				await expectDenied(
					attempt(tx, 'select app.send_back_need($1, $2)', [own, 'Bitte prüfen']),
					{
						raised: 'own_need'
					}
				);
			});
		});
	});

	describe('a person who coordinates the town office and nonprofit A', () => {
		it('cannot approve for the town the match they accepted for A', async () => {
			await as(ctx, 'system', async (tx) => {
				await tx.query(
					`update public.municipalities set minor_matches_need_approval = true where id = $1`,
					[w().municipalities.m1]
				);
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgA, w().people.municipal]
				);
				await helperInPool(ctx, tx, w().people.stranger, w().organisations.orgA);
				const need = await openNeed(ctx, tx, w().organisations.orgA, 'children');
				await actAs(ctx, tx, 'stranger');
				const match = await one(tx, 'select app.request_match($1)', [need]);
				await actAs(ctx, tx, 'municipal');
				expect(await one(tx, 'select app.accept_match($1)', [match])).toBe('pending_approval');
				await expectDenied(attempt(tx, 'select app.approve_match($1)', [match]), {
					raised: 'own_match'
				});
			});
		});
	});

	describe('a paused coordinator of A', () => {
		it('coordinates nothing: proposes nothing and reads none of A’s drafts', async () => {
			const drafts = await as(ctx, 'system', async (tx) => {
				// A colleague stays active: an organisation never loses its last active coordinator.
				await tx.query(
					`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
					[w().organisations.orgA, w().people.coordB]
				);
				await tx.query(`update public.memberships set status = 'paused' where id = $1`, [
					w().memberships.coordAInA
				]);
				await actAs(ctx, tx, 'coordA');
				await expectDenied(
					attempt(tx, 'select app.propose_match($1, $2)', [w().needs.aOpen, w().people.helper]),
					{ raised: 'need_not_found' }
				);
				return (await tx.query(`select id from public.needs where id = $1`, [w().needs.aDraft]))
					.rows;
			});
			expect(drafts).toEqual([]);
		});
	});
});
