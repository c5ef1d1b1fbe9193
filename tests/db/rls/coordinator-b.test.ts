// Row-level security for the coordinator of nonprofit B: same town as A (M1), helper2 in B's pool,
// no matches. B must not see into A: drafts, pending needs, pool, matches, hours, inspections.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { affected, all, as, expectDenied, itReadsExactly, run, useWorld } from './support.ts';

describe.each(backends)('coordinator of nonprofit B (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'coordB', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: [w.people.coordB, w.people.helper2],
		// no active match with B: not even its own pool helper's contact details
		contact_details: [w.people.coordB],
		memberships: [w.memberships.coordBInB, w.memberships.helper2InB],
		platform_admins: [],
		// B's pool only
		offers: [w.offers.helper2],
		// A's drafts, pending and completed needs stay A's
		needs: [w.needs.aOpen, w.needs.aMatched, w.needs.bOpen, w.needs.m2Open],
		matches: [],
		hour_logs: [],
		// the town's record counts town-wide; A's record is A's alone
		inspections_72a: [w.inspections.helper2ByTown],
		involvement_events: [w.events.bNeedPosted],
		feedback: [],
		need_suggestions: [w.suggestions.byHelper]
	}));

	it("cannot change A's needs, pool, hour logs or inspections (0 rows)", async () => {
		expect(
			await affected(ctx, 'coordB', `update public.needs set title = 'Übernommen' where id = $1`, [
				w().needs.aOpen
			])
		).toBe(0);
		expect(
			await affected(
				ctx,
				'coordB',
				`update public.needs set status = 'pending_approval' where id = $1`,
				[w().needs.aDraft]
			)
		).toBe(0);
		expect(
			await affected(
				ctx,
				'coordB',
				`update public.memberships set status = 'paused' where id = $1`,
				[w().memberships.helperInA]
			)
		).toBe(0);
		expect(
			await affected(ctx, 'coordB', `delete from public.memberships where id = $1`, [
				w().memberships.helperInA
			])
		).toBe(0);
		expect(
			await affected(
				ctx,
				'coordB',
				`update public.hour_logs set status = 'rejected' where id = $1`,
				[w().hourLogs.onActive]
			)
		).toBe(0);
		expect(
			await affected(
				ctx,
				'coordB',
				`update public.inspections_72a set recheck_on = '2040-01-01' where id = $1`,
				[w().inspections.helperByA]
			)
		).toBe(0);
		expect(
			await affected(ctx, 'coordB', `delete from public.inspections_72a where id = $1`, [
				w().inspections.helperByA
			])
		).toBe(0);
	});

	it("cannot propose for A's need, record inspections for A, take A's helper into B by changing the row, or rate A's match", async () => {
		await expectDenied(
			run(ctx, 'coordB', `select app.propose_match($1, $2)`, [w().needs.aOpen, w().people.helper2]),
			{
				raised: 'need_not_found'
			}
		);
		await expectDenied(
			run(
				ctx,
				'coordB',
				`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by) values ($1, $2, 'proposed', 'coordinator', $3)`,
				[w().needs.aOpen, w().people.helper2, w().people.coordB]
			),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'coordB',
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
				 values ($1, $2, '2026-01-01', true, '2031-01-01')`,
				[w().people.helper, w().organisations.orgA]
			),
			'rls'
		);
		await expectDenied(
			run(ctx, 'coordB', `update public.memberships set organisation_id = $2 where id = $1`, [
				w().memberships.helper2InB,
				w().organisations.orgA
			]),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'coordB',
				`insert into public.feedback (match_id, author_id, perspective, rating) values ($1, $2, 'coordinator', 1)`,
				[w().matches.completed, w().people.coordB]
			),
			'rls'
		);
	});

	it("manages its own pool and needs, and proposes helpers for B's open need", async () => {
		expect(
			await affected(
				ctx,
				'coordB',
				`update public.memberships set status = 'paused' where id = $1`,
				[w().memberships.helper2InB]
			)
		).toBe(1);
		expect(
			await affected(ctx, 'coordB', `update public.needs set hours = 3 where id = $1`, [
				w().needs.bOpen
			])
		).toBe(1);
		// helper2's inspection by the town counts for B's need (M1 inspects town-wide)
		const rows = await as(ctx, 'coordB', async (tx) => {
			const { rows } = await tx.query(`select app.propose_match($1, $2) as id`, [
				w().needs.bOpen,
				w().people.helper2
			]);
			return (
				await tx.query(`select status, proposed_by from public.matches where id = $1`, [
					rows[0]!.id
				])
			).rows;
		});
		expect(rows).toEqual([{ status: 'proposed', proposed_by: w().people.coordB }]);
	});

	it("records a §72a inspection for its own pool's helper, not for A's", async () => {
		const insert = `insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
			 values ($1, $2, '2026-01-01', false, '2031-01-01')`;
		expect(
			(await run(ctx, 'coordB', insert, [w().people.helper2, w().organisations.orgB])).rowCount
		).toBe(1);
		await expectDenied(
			run(ctx, 'coordB', insert, [w().people.helper, w().organisations.orgB]),
			'rls'
		);
	});
});
