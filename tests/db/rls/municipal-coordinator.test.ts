// Row-level security for the municipal coordinator of M1 (the town's Freiwilligenagentur): approves
// nonprofit needs, inspects §72a town-wide, reads the town's ledger — and nothing of other towns.
import { describe, expect, it } from 'vitest';
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

describe.each(backends)('municipal coordinator (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'municipal', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		// the helper of the town's active match (whom the town approves); no pool of its own
		profiles: [w.people.municipal, w.people.helper],
		// no match with the office itself: no helper's contact details
		contact_details: [w.people.municipal],
		// its own office only, not the nonprofits' pools
		memberships: [w.memberships.municipalInOfficeM1],
		platform_admins: [],
		offers: [],
		// every submitted need of M1 (not A's draft) and open needs elsewhere (not M2's pending)
		needs: [
			w.needs.aOpen,
			w.needs.aPending,
			w.needs.aMatched,
			w.needs.aDone,
			w.needs.bOpen,
			w.needs.m2Open
		],
		matches: [w.matches.active, w.matches.completed],
		hour_logs: [w.hourLogs.onActive, w.hourLogs.onCompleted],
		// its own (town-wide) record, not A's own and not M2's
		inspections_72a: [w.inspections.helper2ByTown],
		involvement_events: [
			w.events.aNeedPosted,
			w.events.aNeedApproved,
			w.events.aMatchProposed,
			w.events.townInspection,
			w.events.helperSuggestion,
			w.events.bNeedPosted
		],
		feedback: [],
		need_suggestions: [w.suggestions.byHelper]
	}));

	it("approves A's pending need through the verb: it opens, records who approved and writes the ledger", async () => {
		const rows = await as(ctx, 'municipal', async (tx) => {
			await tx.query('select app.approve_need($1)', [w().needs.aPending]);
			return (
				await tx.query(
					`select n.status, n.approved_by, n.approved_at is not null as approved,
					   (select count(*)::int from public.involvement_events e
					    where e.need_id = n.id and e.kind = 'need_approved' and e.municipal_role = 'approved'
					      and e.actor_id = $2) as events
					 from public.needs n where n.id = $1`,
					[w().needs.aPending, w().people.municipal]
				)
			).rows;
		});
		expect(rows).toEqual([
			{ status: 'open', approved_by: w().people.municipal, approved: true, events: 1 }
		]);
	});

	it("sends A's pending need back with a reason A reads; without a reason it refuses", async () => {
		await expectDenied(
			run(ctx, 'municipal', 'select app.send_back_need($1, $2)', [w().needs.aPending, ' ']),
			{ raised: 'reason_required' }
		);
		const rows = await as(ctx, 'municipal', async (tx) => {
			await tx.query('select app.send_back_need($1, $2)', [
				w().needs.aPending,
				'Bitte ohne Namen der Familie.'
			]);
			await actAs(ctx, tx, 'coordA');
			return (
				await tx.query(
					'select status, sent_back_reason, sent_back_by from public.needs where id = $1',
					[w().needs.aPending]
				)
			).rows;
		});
		expect(rows).toEqual([
			{
				status: 'draft',
				sent_back_reason: 'Bitte ohne Namen der Familie.',
				sent_back_by: w().people.municipal
			}
		]);
	});

	it("does not edit, open, cancel or complete A's needs itself (0 rows), and decides only on waiting needs of M1", async () => {
		for (const set of [
			`status = 'open'`,
			`status = 'cancelled'`,
			`status = 'completed'`,
			`title = 'Neu'`
		])
			for (const need of [w().needs.aPending, w().needs.aOpen, w().needs.aDraft])
				expect(
					await affected(ctx, 'municipal', `update public.needs set ${set} where id = $1`, [need])
				).toBe(0);
		await expectDenied(run(ctx, 'municipal', 'select app.approve_need($1)', [w().needs.aDraft]), {
			raised: 'need_not_pending'
		});
		await expectDenied(
			run(ctx, 'municipal', 'select app.approve_need($1)', [w().needs.m2Pending]),
			{ raised: 'need_not_found' }
		);
	});

	it('cannot push a town need to another organisation, nor write the approval columns itself (no column grant)', async () => {
		await expectDenied(
			run(ctx, 'municipal', `update public.needs set organisation_id = $2 where id = $1`, [
				w().needs.aPending,
				w().organisations.officeM2
			]),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'municipal',
				`update public.needs set approved_by = $2, approved_at = now() where id = $1`,
				[w().needs.bOpen, w().people.coordB]
			),
			'privilege'
		);
	});

	it('posts and opens needs of its own office directly', async () => {
		const { rows } = await run(
			ctx,
			'municipal',
			`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
			 values ($1, 'Digitalsprechstunde', 'digital', 'seniors', 2, current_date + 30, true, 'open') returning status`,
			[w().organisations.officeM1]
		);
		expect(rows).toEqual([{ status: 'open' }]);
	});

	it('cannot post a need that is already matched or closed', async () => {
		for (const [status, refusal] of [
			['matched', { raised: 'need_status_not_allowed' }],
			['completed', { raised: 'need_status_not_allowed' }],
			['cancelled', 'rls']
		] as const) {
			await expectDenied(
				run(
					ctx,
					'municipal',
					`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
					 values ($1, 'Digitalsprechstunde', 'digital', 'seniors', 2, current_date + 30, true, $2)`,
					[w().organisations.officeM1, status]
				),
				refusal
			);
		}
	});

	it("changes M1's policy switches but not M2's (0 rows), nor M1's name or key (no column grant)", async () => {
		expect(
			await affected(
				ctx,
				'municipal',
				`update public.municipalities set minor_matches_need_approval = true where id = $1`,
				[w().municipalities.m1]
			)
		).toBe(1);
		expect(
			await affected(
				ctx,
				'municipal',
				`update public.municipalities set minor_matches_need_approval = true where id = $1`,
				[w().municipalities.m2]
			)
		).toBe(0);
		await expectDenied(
			run(ctx, 'municipal', `update public.municipalities set ags = '00000000' where id = $1`, [
				w().municipalities.m1
			]),
			'privilege'
		);
	});

	it("answers M1's suggestions through the verb, not M2's, and never by a direct write", async () => {
		const answered = await as(ctx, 'municipal', async (tx) => {
			await tx.query('select app.answer_suggestion($1, $2, $3)', [
				w().suggestions.byHelper,
				w().organisations.officeM1,
				'Danke, das nehmen wir auf.'
			]);
			return (
				await tx.query(`select status, answer from public.need_suggestions where id = $1`, [
					w().suggestions.byHelper
				])
			).rows[0];
		});
		expect(answered).toEqual({ status: 'dismissed', answer: 'Danke, das nehmen wir auf.' });
		await expectDenied(
			run(ctx, 'municipal', 'select app.answer_suggestion($1, $2, $3)', [
				w().suggestions.byStranger,
				w().organisations.officeM1,
				'Danke, das nehmen wir auf.'
			]),
			{ raised: 'suggestion_not_found' }
		);
		// Adopting into another organisation's need (Verein A's) is refused, by verb and directly.
		await expectDenied(
			run(ctx, 'municipal', 'select app.adopt_suggestion($1, $2)', [
				w().suggestions.byHelper,
				w().needs.aOpen
			]),
			{ raised: 'need_not_found' }
		);
		await expectDenied(
			run(
				ctx,
				'municipal',
				`update public.need_suggestions set status = 'adopted', need_id = $2 where id = $1`,
				[w().suggestions.byHelper, w().needs.aOpen]
			),
			'privilege'
		);
	});

	describe('§72a inspections as the town', () => {
		const insert = `insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on)
			 values ($1, $2, '2026-01-01', false, '2031-01-01')`;

		it('records one for a helper in any pool of M1 (the town inspects town-wide)', async () => {
			const { rowCount } = await run(ctx, 'municipal', insert, [
				w().people.helper,
				w().organisations.officeM1
			]);
			expect(rowCount).toBe(1);
		});

		it('cannot record one for a person in no pool of M1, nor once M1 no longer inspects town-wide', async () => {
			await expectDenied(
				run(ctx, 'municipal', insert, [w().people.stranger, w().organisations.officeM1]),
				'rls'
			);
			await as(ctx, 'municipal', async (tx) => {
				await tx.query(
					`update public.municipalities set municipality_inspects_72a = false where id = $1`,
					[w().municipalities.m1]
				);
				await expectDenied(
					attempt(tx, insert, [w().people.helper, w().organisations.officeM1]),
					'rls'
				);
			});
		});
	});

	it("cannot change A's inspection, A's pool or A's hour logs (0 rows), nor write the ledger (no grant)", async () => {
		expect(
			await affected(ctx, 'municipal', `delete from public.inspections_72a where id = $1`, [
				w().inspections.helperByA
			])
		).toBe(0);
		expect(
			await affected(
				ctx,
				'municipal',
				`update public.memberships set status = 'ended' where id = $1`,
				[w().memberships.helperInA]
			)
		).toBe(0);
		expect(
			await affected(
				ctx,
				'municipal',
				`update public.hour_logs set status = 'confirmed' where id = $1`,
				[w().hourLogs.onActive]
			)
		).toBe(0);
		await expectDenied(
			run(
				ctx,
				'municipal',
				`insert into public.involvement_events (kind, municipality_id, municipal_role) values ('need_approved', $1, 'approved')`,
				[w().municipalities.m1]
			),
			'privilege'
		);
	});
});
