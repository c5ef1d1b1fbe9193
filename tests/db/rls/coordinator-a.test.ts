// Row-level security for the coordinator of nonprofit A (M1, where nonprofit needs need the
// town's approval and the town inspects §72a). A's pool holds the helper, who has an active and a
// completed match with A.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { affected, all, as, expectDenied, itReadsExactly, run, useWorld } from './support.ts';

describe.each(backends)('coordinator of nonprofit A (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'coordA', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		// own, A's pool, and everyone offering in M1 (for proposals); not other coordinators, not strangers
		profiles: [w.people.coordA, w.people.helper, w.people.helper2],
		// the helper only because of the active match with A; helper2 offers in M1 but is no counterpart
		contact_details: [w.people.coordA, w.people.helper],
		memberships: [w.memberships.coordAInA, w.memberships.helperInA],
		platform_admins: [],
		offers: [w.offers.helper, w.offers.helper2],
		needs: [w.needs.aOpen, w.needs.aDraft, w.needs.aPending, w.needs.aMatched, w.needs.aDone, w.needs.bOpen, w.needs.m2Open],
		matches: [w.matches.active, w.matches.completed],
		hour_logs: [w.hourLogs.onActive, w.hourLogs.onCompleted],
		// A's own record and the town's (M1 inspects town-wide); not M2's
		inspections_72a: [w.inspections.helperByA, w.inspections.helper2ByTown],
		involvement_events: [w.events.aNeedPosted, w.events.aNeedApproved, w.events.aMatchProposed],
		feedback: [w.feedback.coordAOnCompleted],
		need_suggestions: [w.suggestions.byHelper]
	}));

	describe('organisation and municipality', () => {
		it("changes A's name and contact data", async () => {
			expect(
				await affected(ctx, 'coordA', `update public.organisations set name = 'Verein A e. V.', contact_phone = '0521 999' where id = $1`, [
					w().organisations.orgA
				])
			).toBe(1);
		});

		it("cannot change B's or the town's organisation (0 rows), nor the town's policy (0 rows)", async () => {
			expect(await affected(ctx, 'coordA', `update public.organisations set contact_phone = '1' where id = $1`, [w().organisations.orgB])).toBe(0);
			expect(await affected(ctx, 'coordA', `update public.organisations set contact_phone = '1' where id = $1`, [w().organisations.officeM1])).toBe(0);
			expect(
				await affected(ctx, 'coordA', `update public.municipalities set nonprofit_needs_need_approval = false where id = $1`, [
					w().municipalities.m1
				])
			).toBe(0);
		});

		it('cannot turn A into a municipal office or move it to another town (no column grant)', async () => {
			await expectDenied(run(ctx, 'coordA', `update public.organisations set kind = 'municipal' where id = $1`, [w().organisations.orgA]), 'privilege');
			await expectDenied(
				run(ctx, 'coordA', `update public.organisations set municipality_id = $2 where id = $1`, [w().organisations.orgA, w().municipalities.m2]),
				'privilege'
			);
		});
	});

	describe("A's pool", () => {
		it('invites a helper, pauses and removes helpers of A', async () => {
			expect(
				(
					await run(ctx, 'coordA', `insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'helper', 'invited')`, [
						w().organisations.orgA,
						w().people.stranger
					])
				).rowCount
			).toBe(1);
			expect(await affected(ctx, 'coordA', `update public.memberships set status = 'paused' where id = $1`, [w().memberships.helperInA])).toBe(1);
			expect(await affected(ctx, 'coordA', `delete from public.memberships where id = $1`, [w().memberships.helperInA])).toBe(1);
		});

		it('cannot make anyone coordinator, nor add to or change B\'s pool', async () => {
			await expectDenied(
				run(ctx, 'coordA', `insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`, [
					w().organisations.orgA,
					w().people.stranger
				]),
				'rls'
			);
			await expectDenied(
				run(ctx, 'coordA', `insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'helper')`, [
					w().organisations.orgB,
					w().people.stranger
				]),
				'rls'
			);
			await expectDenied(
				run(ctx, 'coordA', `update public.memberships set role = 'coordinator' where id = $1`, [w().memberships.helperInA]),
				'rls'
			);
			expect(await affected(ctx, 'coordA', `update public.memberships set status = 'ended' where id = $1`, [w().memberships.coordAInA])).toBe(0);
			expect(await affected(ctx, 'coordA', `update public.memberships set status = 'paused' where id = $1`, [w().memberships.helper2InB])).toBe(0);
			expect(await affected(ctx, 'coordA', `delete from public.memberships where id = $1`, [w().memberships.helper2InB])).toBe(0);
		});
	});

	describe('needs', () => {
		const post = (organisation: string, status: string) =>
			run(
				ctx,
				'coordA',
				`insert into public.needs (organisation_id, municipality_id, title, category, target_group, hours, starts_on, remote, status)
				 values ($1, $2, 'Einkaufshilfe', 'errands', 'seniors', 1, '2026-12-01', true, $3) returning municipality_id`,
				[organisation, w().municipalities.m2, status]
			);

		it('posts a draft and submits it for approval; the municipality comes from A, not the client', async () => {
			expect((await post(w().organisations.orgA, 'draft')).rows).toEqual([{ municipality_id: w().municipalities.m1 }]);
			expect((await post(w().organisations.orgA, 'pending_approval')).rowCount).toBe(1);
			expect(await affected(ctx, 'coordA', `update public.needs set status = 'pending_approval' where id = $1`, [w().needs.aDraft])).toBe(1);
		});

		it('cannot open a need itself where the town must approve (trigger)', async () => {
			await expectDenied(post(w().organisations.orgA, 'open'), { raised: 'need_requires_municipal_approval' });
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set status = 'open' where id = $1`, [w().needs.aPending]),
				{ raised: 'need_requires_municipal_approval' }
			);
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set status = 'matched' where id = $1`, [w().needs.aDraft]),
				{ raised: 'need_requires_municipal_approval' }
			);
		});

		it("cannot post for B, change B's or M2's needs (0 rows), or move its need to another town", async () => {
			await expectDenied(post(w().organisations.orgB, 'draft'), 'rls');
			expect(await affected(ctx, 'coordA', `update public.needs set title = 'Übernommen' where id = $1`, [w().needs.bOpen])).toBe(0);
			expect(await affected(ctx, 'coordA', `update public.needs set title = 'Übernommen' where id = $1`, [w().needs.m2Open])).toBe(0);
			const { rows } = await run(ctx, 'coordA', `update public.needs set municipality_id = $2 where id = $1 returning municipality_id`, [
				w().needs.aOpen,
				w().municipalities.m2
			]);
			expect(rows).toEqual([{ municipality_id: w().municipalities.m1 }]);
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set organisation_id = $2 where id = $1`, [w().needs.aOpen, w().organisations.orgB]),
				'rls'
			);
			await expectDenied(run(ctx, 'coordA', `delete from public.needs where id = $1`, [w().needs.aDraft]), 'privilege');
		});
	});

	describe('matches', () => {
		const propose = (needId: string, proposedBy: string, status = 'proposed') =>
			run(
				ctx,
				'coordA',
				`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by) values ($1, $2, $3, 'coordinator', $4)`,
				[needId, w().people.helper2, status, proposedBy]
			);

		it("proposes a helper for A's need", async () => {
			expect((await propose(w().needs.aOpen, w().people.coordA)).rowCount).toBe(1);
		});

		it("cannot propose for B's need, in another's name, or skip to active; cannot move matches directly", async () => {
			await expectDenied(propose(w().needs.bOpen, w().people.coordA), 'rls');
			await expectDenied(propose(w().needs.aOpen, w().people.coordB), 'rls');
			await expectDenied(propose(w().needs.aOpen, w().people.coordA, 'active'), 'rls');
			await expectDenied(run(ctx, 'coordA', `update public.matches set status = 'completed' where id = $1`, [w().matches.active]), 'privilege');
			await expectDenied(run(ctx, 'coordA', `delete from public.matches where id = $1`, [w().matches.active]), 'privilege');
		});
	});

	describe('hour logs', () => {
		it("confirms and rejects A's hour logs", async () => {
			expect(
				await affected(ctx, 'coordA', `update public.hour_logs set status = 'confirmed', reviewed_by = $2, reviewed_at = now() where id = $1`, [
					w().hourLogs.onActive,
					w().people.coordA
				])
			).toBe(1);
		});

		it('cannot rewrite whose hours, how many or where (no column grant), nor log hours itself', async () => {
			for (const set of [`helper_id = '${w().people.helper2}'`, `hours = 10`, `municipality_id = '${w().municipalities.m2}'`]) {
				await expectDenied(run(ctx, 'coordA', `update public.hour_logs set ${set} where id = $1`, [w().hourLogs.onActive]), 'privilege');
			}
			await expectDenied(
				run(ctx, 'coordA', `insert into public.hour_logs (match_id, worked_on, hours) values ($1, '2026-12-10', 2)`, [w().matches.active]),
				'rls'
			);
		});
	});

	describe('§72a inspections', () => {
		const record = (helper: string, organisation: string) =>
			run(
				ctx,
				'coordA',
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, certificate_date, conviction_listed, recheck_on)
				 values ($1, $2, $3, '2026-01-01', false, '2031-01-01')`,
				[helper, organisation, w().people.coordA]
			);

		it('records, updates and deletes its own inspections', async () => {
			expect((await record(w().people.helper2, w().organisations.orgA)).rowCount).toBe(1);
			expect(await affected(ctx, 'coordA', `update public.inspections_72a set recheck_on = '2030-06-01' where id = $1`, [w().inspections.helperByA])).toBe(1);
			expect(await affected(ctx, 'coordA', `delete from public.inspections_72a where id = $1`, [w().inspections.helperByA])).toBe(1);
		});

		it("cannot record for B, nor change or delete the town's records (0 rows)", async () => {
			await expectDenied(record(w().people.helper, w().organisations.orgB), 'rls');
			expect(await affected(ctx, 'coordA', `update public.inspections_72a set conviction_listed = true where id = $1`, [w().inspections.helper2ByTown])).toBe(0);
			expect(await affected(ctx, 'coordA', `delete from public.inspections_72a where id = $1`, [w().inspections.helper2ByTown])).toBe(0);
			expect(await affected(ctx, 'coordA', `delete from public.inspections_72a where id = $1`, [w().inspections.helper2ByM2])).toBe(0);
		});
	});

	describe('feedback, suggestions, ledger, people', () => {
		it("records the beneficiary's feedback on A's completed match", async () => {
			const { rowCount } = await run(
				ctx,
				'coordA',
				`insert into public.feedback (match_id, author_id, perspective, rating, comment) values ($1, $2, 'beneficiary', 5, 'Sehr zufrieden')`,
				[w().matches.completed, w().people.coordA]
			);
			expect(rowCount).toBe(1);
		});

		it("cannot give feedback on a running match or as the helper", async () => {
			const give = (match: string, perspective: string) =>
				run(ctx, 'coordA', `insert into public.feedback (match_id, author_id, perspective, rating) values ($1, $2, $3, 3)`, [
					match,
					w().people.coordA,
					perspective
				]);
			await expectDenied(give(w().matches.active, 'beneficiary'), 'rls');
			await expectDenied(give(w().matches.completed, 'helper'), 'rls');
		});

		it('cannot handle the town\'s suggestions (0 rows) or write the ledger (no grant)', async () => {
			expect(await affected(ctx, 'coordA', `update public.need_suggestions set status = 'adopted' where id = $1`, [w().suggestions.byHelper])).toBe(0);
			await expectDenied(
				run(ctx, 'coordA', `insert into public.involvement_events (kind, municipality_id, organisation_id) values ('need_posted', $1, $2)`, [
					w().municipalities.m1,
					w().organisations.orgA
				]),
				'privilege'
			);
			await expectDenied(run(ctx, 'coordA', `delete from public.involvement_events where id = $1`, [w().events.aNeedPosted]), 'privilege');
		});

		it("cannot change a pool helper's profile or contact details (0 rows)", async () => {
			expect(await affected(ctx, 'coordA', `update public.profiles set display_name = 'x' where id = $1`, [w().people.helper])).toBe(0);
			expect(await affected(ctx, 'coordA', `update public.contact_details set phone = '0000 00000' where person_id = $1`, [w().people.helper])).toBe(0);
		});

		it("loses the helper's contact details once the match is no longer active", async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await tx.query(`reset role`);
				await tx.query(`update public.matches set status = 'completed', ended_at = now() where id = $1`, [w().matches.active]);
				await tx.query(`set local role authenticated`);
				return (await tx.query(`select person_id from public.contact_details where person_id = $1`, [w().people.helper])).rows;
			});
			expect(seen).toEqual([]);
		});
	});
});
