// Recording a §72a inspection (app.record_inspection) by persona: a coordinator records the three
// facts for a helper of their pool — stamped as inspected by them, today, re-check five years
// after the certificate, with the ledger event; recording again is the re-check. Never of
// oneself, never a certificate dated after today, never for another organisation's helper.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, expectDenied, run, useWorld } from '../rls/support.ts';
import { BERLIN_TODAY } from '../fixtures.ts';
import {
	inspectableHelpers,
	inspectionRecords,
	recordInspection
} from '../../../src/lib/server/inspections/records.ts';

const record = `select app.record_inspection($1, $2, $3::date, $4) as id`;

describe.each(backends)('recording a §72a inspection (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it("records the three facts for A's helper: by them, today, re-check in five years, in the ledger", async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await actAs(ctx, tx, 'system');
				await tx.query(`delete from public.inspections_72a where id = $1`, [
					w().inspections.helperByA
				]);
				await actAs(ctx, tx, 'coordA');
				const { rows } = await tx.query<{ id: string }>(record, [
					w().organisations.orgA,
					w().people.helper,
					'2026-09-01',
					false
				]);
				const saved = await tx.query(
					`select helper_id, inspecting_organisation_id, inspected_by, inspected_on = ${BERLIN_TODAY} as today,
					        certificate_date::text, conviction_listed, recheck_on::text
					 from public.inspections_72a where id = $1`,
					[rows[0]!.id]
				);
				const events = await tx.query(
					`select kind, organisation_id, actor_id, helper_id, municipal_role from public.involvement_events
					 where kind = 'inspection_recorded' and helper_id = $1 and actor_id = $2`,
					[w().people.helper, w().people.coordA]
				);
				return { saved: saved.rows, events: events.rows };
			});
			expect(seen.saved).toEqual([
				{
					helper_id: w().people.helper,
					inspecting_organisation_id: w().organisations.orgA,
					inspected_by: w().people.coordA,
					today: true,
					certificate_date: '2026-09-01',
					conviction_listed: false,
					recheck_on: '2031-09-01'
				}
			]);
			expect(seen.events).toEqual([
				{
					kind: 'inspection_recorded',
					organisation_id: w().organisations.orgA,
					actor_id: w().people.coordA,
					helper_id: w().people.helper,
					municipal_role: null
				}
			]);
		});

		it('records again as the re-check: the one record holds the new facts', async () => {
			const rows = await as(ctx, 'coordA', async (tx) => {
				const { rows: ids } = await tx.query<{ id: string }>(record, [
					w().organisations.orgA,
					w().people.helper,
					'2026-10-01',
					true
				]);
				const { rows } = await tx.query(
					`select id, certificate_date::text, conviction_listed from public.inspections_72a
					 where helper_id = $1 and inspecting_organisation_id = $2`,
					[w().people.helper, w().organisations.orgA]
				);
				return { id: ids[0]!.id, rows };
			});
			expect(rows.rows).toEqual([
				{ id: w().inspections.helperByA, certificate_date: '2026-10-01', conviction_listed: true }
			]);
			expect(rows.id).toBe(w().inspections.helperByA);
		});

		it('is refused a certificate dated after today (inspection_in_future), nothing written', async () => {
			await expectDenied(
				run(ctx, 'coordA', `select app.record_inspection($1, $2, ${BERLIN_TODAY} + 1, false)`, [
					w().organisations.orgA,
					w().people.helper
				]),
				{ raised: 'inspection_in_future' }
			);
		});

		it('is refused recording their own (own_inspection)', async () => {
			await expectDenied(
				run(ctx, 'coordA', record, [
					w().organisations.orgA,
					w().people.coordA,
					'2026-09-01',
					false
				]),
				{ raised: 'own_inspection' }
			);
		});

		it("is refused B's helper and B's organisation (not_allowed)", async () => {
			await expectDenied(
				run(ctx, 'coordA', record, [
					w().organisations.orgA,
					w().people.helper2,
					'2026-09-01',
					false
				]),
				{ raised: 'not_allowed' }
			);
			await expectDenied(
				run(ctx, 'coordA', record, [
					w().organisations.orgB,
					w().people.helper2,
					'2026-09-01',
					false
				]),
				{ raised: 'not_allowed' }
			);
		});

		it('records through the server module and gets the id of the record written', async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				const result = await recordInspection(tx, w().organisations.orgA, {
					helperId: w().people.helper,
					certificateDate: '2026-09-01',
					inspected: 'yes',
					convictionListed: false
				});
				const { rows } = await tx.query<{ id: string }>(
					`select id from public.inspections_72a
					 where helper_id = $1 and inspecting_organisation_id = $2`,
					[w().people.helper, w().organisations.orgA]
				);
				return { result, ids: rows.map((r) => r.id) };
			});
			// The helper had A's record already: recording again renews that one.
			expect(seen.ids).toEqual([w().inspections.helperByA]);
			expect(seen.result).toEqual({ ok: true, inspectionId: w().inspections.helperByA });
		});

		it('gets the refusal as a typed result from the server module, with nothing written', async () => {
			const result = await as(ctx, 'coordA', async (tx) => {
				const refused = await recordInspection(tx, w().organisations.orgA, {
					helperId: w().people.helper2,
					certificateDate: '2026-09-01',
					inspected: 'yes',
					convictionListed: false
				});
				const { rows } = await tx.query(
					`select count(*)::int as n from public.inspections_72a where helper_id = $1`,
					[w().people.helper2]
				);
				return { refused, n: rows[0]!.n };
			});
			expect(result.refused).toEqual({ ok: false, code: 'not_allowed' });
			expect(result.n).toBe(0);
		});
	});

	describe("the town's office (M1 inspects town-wide)", () => {
		it("records for a helper of nonprofit A's pool, as the town verified it", async () => {
			const seen = await as(ctx, 'municipal', async (tx) => {
				await tx.query(record, [
					w().organisations.officeM1,
					w().people.helper,
					'2026-09-01',
					false
				]);
				const { rows } = await tx.query(
					`select municipal_role from public.involvement_events
					 where kind = 'inspection_recorded' and helper_id = $1 and actor_id = $2`,
					[w().people.helper, w().people.municipal]
				);
				return rows;
			});
			expect(seen).toEqual([{ municipal_role: 'verified' }]);
		});
	});

	describe('whom the page offers, and the names on the records', () => {
		const helpers = (
			who: 'coordA' | 'coordB' | 'municipal' | 'coordM2' | 'stranger',
			org: string
		) =>
			as(ctx, who, (tx) =>
				tx
					.query<{ id: string; may_record: boolean }>(
						`select id, may_record from app.inspection_helpers($1) order by id`,
						[org]
					)
					.then((r) => r.rows)
			);
		const byId = (rows: { id: string; may_record: boolean }[]) =>
			[...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

		it("nonprofit A: its pool's helper, not B's", async () => {
			expect(await helpers('coordA', w().organisations.orgA)).toEqual([
				{ id: w().people.helper, may_record: true }
			]);
		});

		it("the town office that inspects town-wide: every pool's helpers of the town, by name", async () => {
			expect(await helpers('municipal', w().organisations.officeM1)).toEqual(
				byId([
					{ id: w().people.helper, may_record: true },
					{ id: w().people.helper2, may_record: true }
				])
			);
			const seen = await as(ctx, 'municipal', async (tx) => ({
				offered: await inspectableHelpers(tx, w().organisations.officeM1),
				records: await inspectionRecords(tx, w().organisations.officeM1)
			}));
			expect(seen.offered.map((h) => h.id).sort()).toEqual(
				[w().people.helper, w().people.helper2].sort()
			);
			expect(seen.records.map((r) => [r.id, r.helperName])).toEqual([
				[w().inspections.helper2ByTown, expect.stringMatching(/^helper2 /)]
			]);
		});

		it("another town's office: the helper it holds a record of, by name, but may not record again", async () => {
			expect(await helpers('coordM2', w().organisations.officeM2)).toEqual([
				{ id: w().people.helper2, may_record: false }
			]);
		});

		it("nobody else learns an organisation's helpers", async () => {
			expect(await helpers('coordB', w().organisations.orgA)).toEqual([]);
			expect(await helpers('stranger', w().organisations.orgA)).toEqual([]);
		});
	});

	describe('other personas', () => {
		it.each(['helper', 'stranger', 'coordM2', 'admin'] as const)(
			'%s may not record for nonprofit A (not_allowed)',
			async (who) => {
				await expectDenied(
					run(ctx, who, record, [w().organisations.orgA, w().people.helper, '2026-09-01', false]),
					{ raised: who === 'helper' ? 'own_inspection' : 'not_allowed' }
				);
			}
		);

		it('anonymous cannot call it at all', async () => {
			await expectDenied(
				run(ctx, 'anonymous', record, [
					w().organisations.orgA,
					w().people.helper,
					'2026-09-01',
					false
				]),
				'privilege'
			);
		});
	});
});
