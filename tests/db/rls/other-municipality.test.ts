// Row-level security for the coordinator of M2's municipal office: a municipal coordinator too,
// but of another town. Nothing of M1 beyond what every signed-in person sees.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { affected, all, as, expectDenied, itReadsExactly, run, useWorld } from './support.ts';

describe.each(backends)('coordinator of another municipality (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'coordM2', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: [w.people.coordM2],
		contact_details: [w.people.coordM2],
		memberships: [w.memberships.coordM2InOfficeM2],
		platform_admins: [],
		offers: [],
		needs: [w.needs.aOpen, w.needs.aMatched, w.needs.bOpen, w.needs.m2Open, w.needs.m2Pending],
		matches: [],
		hour_logs: [],
		inspections_72a: [w.inspections.helper2ByM2],
		involvement_events: [w.events.m2NeedPosted],
		feedback: [],
		need_suggestions: [w.suggestions.byStranger]
	}));

	it("cannot approve M1's pending need (need_not_found) nor open it (0 rows), change M1's policy or handle M1's suggestions (0 rows)", async () => {
		await expectDenied(run(ctx, 'coordM2', 'select app.approve_need($1)', [w().needs.aPending]), {
			raised: 'need_not_found'
		});
		expect(
			await affected(ctx, 'coordM2', `update public.needs set status = 'open' where id = $1`, [
				w().needs.aPending
			])
		).toBe(0);
		expect(
			await affected(ctx, 'coordM2', `update public.needs set title = 'x' where id = $1`, [
				w().needs.aOpen
			])
		).toBe(0);
		expect(
			await affected(
				ctx,
				'coordM2',
				`update public.municipalities set nonprofit_needs_need_approval = false where id = $1`,
				[w().municipalities.m1]
			)
		).toBe(0);
		await expectDenied(
			run(ctx, 'coordM2', `update public.need_suggestions set status = 'dismissed' where id = $1`, [
				w().suggestions.byHelper
			]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'coordM2', 'select app.answer_suggestion($1, $2, $3)', [
				w().suggestions.byHelper,
				w().organisations.officeM2,
				'Nicht unsere Stadt.'
			]),
			{ raised: 'suggestion_not_found' }
		);
		expect(
			await affected(ctx, 'coordM2', `delete from public.inspections_72a where id = $1`, [
				w().inspections.helper2ByTown
			])
		).toBe(0);
	});

	it('cannot propose helpers for M1 needs or post needs for M1 organisations', async () => {
		await expectDenied(
			run(ctx, 'coordM2', `select app.propose_match($1, $2)`, [
				w().needs.bOpen,
				w().people.helper2
			]),
			{
				raised: 'need_not_found'
			}
		);
		await expectDenied(
			run(
				ctx,
				'coordM2',
				`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by) values ($1, $2, 'proposed', 'coordinator', $3)`,
				[w().needs.bOpen, w().people.helper2, w().people.coordM2]
			),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'coordM2',
				`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote) values ($1, 'Fremd', 'errands', 'seniors', 1, current_date + 30, true)`,
				[w().organisations.officeM1]
			),
			'rls'
		);
	});

	it('cannot record a §72a inspection for a helper outside its pool (M2 does not inspect town-wide)', async () => {
		await expectDenied(
			run(
				ctx,
				'coordM2',
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
				 values ($1, $2, '2026-01-01', false, '2031-01-01')`,
				[w().people.helper, w().organisations.officeM2]
			),
			'rls'
		);
	});

	it("governs its own town: opens its office's pending need directly (M2 asks for no approval), changes M2's policy, handles M2's suggestions", async () => {
		expect(
			await affected(ctx, 'coordM2', `update public.needs set status = 'open' where id = $1`, [
				w().needs.m2Pending
			])
		).toBe(1);
		expect(
			await affected(
				ctx,
				'coordM2',
				`update public.municipalities set municipality_inspects_72a = true where id = $1`,
				[w().municipalities.m2]
			)
		).toBe(1);
		// Suggestions are answered through the verb (no column grant on the answer).
		const answered = await as(ctx, 'coordM2', async (tx) => {
			await tx.query('select app.answer_suggestion($1, $2, $3)', [
				w().suggestions.byStranger,
				w().organisations.officeM2,
				'Danke, das gibt es schon.'
			]);
			return (
				await tx.query(`select status from public.need_suggestions where id = $1`, [
					w().suggestions.byStranger
				])
			).rows[0]?.status;
		});
		expect(answered).toBe('dismissed');
	});
});
