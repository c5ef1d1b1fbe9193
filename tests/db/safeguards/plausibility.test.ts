// Plausibility, enforced by the database with stable error codes: §72a dates, hour logs in time
// and within a day, offers that keep their commitments and stay in their town on a ~500 m grid,
// and match verbs that refuse steps out of order. Each story is rolled back.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { actAs, as, attempt, expectDenied, run, useWorld } from '../rls/support.ts';

const TODAY = `(now() at time zone 'Europe/Berlin')::date`;
const log = (tx: Tx, match: string, day: string, hours: number) =>
	attempt(tx, `select app.log_hours(null, $1, ${day}, $2, null)`, [match, hours]);

describe.each(backends)('plausibility (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('§72a inspections (coordinator of A)', () => {
		it('refuses an inspection dated in the future', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await tx.query(`delete from public.inspections_72a where id = $1`, [
					w().inspections.helperByA
				]);
				await expectDenied(
					attempt(
						tx,
						`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_on, certificate_date, conviction_listed, recheck_on)
						 values ($1, $2, ${TODAY} + 1, ${TODAY} - 30, false, ${TODAY} + 365)`,
						[w().people.helper, w().organisations.orgA]
					),
					{ raised: 'inspection_in_future' }
				);
			});
		});

		it('refuses a re-check more than five years after the certificate (valid for ever)', async () => {
			let error: { code?: string; constraint?: string } | undefined;
			// the certificate is dated 2026-01-15: five years to the day is the latest re-check
			const atBoundary = await as(ctx, 'coordA', async (tx) => {
				const { rowCount } = await tx.query(
					`update public.inspections_72a set recheck_on = '2031-01-15' where id = $1`,
					[w().inspections.helperByA]
				);
				await attempt(
					tx,
					`update public.inspections_72a set recheck_on = '9999-12-31' where id = $1`,
					[w().inspections.helperByA]
				).catch((e) => (error = e));
				return rowCount;
			});
			expect(atBoundary).toBe(1);
			expect(error).toMatchObject({ code: '23514' });
			expect(error?.constraint).toMatch(/inspections_72a_check/);
		});
	});

	describe('hour logs (helper on the active match with A)', () => {
		it('refuses hours in the future and before the match began', async () => {
			await as(ctx, 'helper', async (tx) => {
				await expectDenied(log(tx, w().matches.active, `${TODAY} + 1`, 2), {
					raised: 'hours_in_future'
				});
				await expectDenied(log(tx, w().matches.active, `${TODAY} - 365`, 2), {
					raised: 'hours_before_match'
				});
				expect((await log(tx, w().matches.active, TODAY, 2)).rowCount).toBe(1);
			});
		});

		it('refuses more than 24 hours on one day, counting logs already there', async () => {
			await as(ctx, 'helper', async (tx) => {
				for (let i = 0; i < 4; i++)
					expect((await log(tx, w().matches.active, TODAY, 6)).rowCount).toBe(1);
				await expectDenied(log(tx, w().matches.active, TODAY, 0.25), {
					raised: 'hours_exceed_day'
				});
				// another day is another day
				expect((await log(tx, w().matches.active, `${TODAY} - 1`, 6)).rowCount).toBe(1);
			});
		});

		it('a rejected log frees its hours of the day again', async () => {
			await as(ctx, 'helper', async (tx) => {
				const first = await log(tx, w().matches.active, TODAY, 20);
				expect(first.rowCount).toBe(1);
				await actAs(ctx, tx, 'coordA');
				await tx.query(
					`update public.hour_logs set status = 'rejected' where match_id = $1 and hours = 20`,
					[w().matches.active]
				);
				await actAs(ctx, tx, 'helper');
				expect((await log(tx, w().matches.active, TODAY, 20)).rowCount).toBe(1);
			});
		});
	});

	describe("offers (helper, 2 of 8 hours committed in A's matched need's month)", () => {
		it('cannot lower the monthly hours below what is committed; down to it is fine', async () => {
			await expectDenied(
				run(ctx, 'helper', `update public.offers set hours_per_month = 1 where id = $1`, [
					w().offers.helper
				]),
				{ raised: 'offer_below_committed' }
			);
			const { rows } = await run(
				ctx,
				'helper',
				`update public.offers set hours_per_month = 2 where id = $1 returning hours_per_month`,
				[w().offers.helper]
			);
			expect(rows).toEqual([{ hours_per_month: 2 }]);
		});

		it('stores the home point on the ~500 m grid, never as sent', async () => {
			const { rows } = await run(
				ctx,
				'helper',
				`update public.offers set home_lat = 52.02137, home_lng = 8.53711 where id = $1
				 returning home_lat, home_lng`,
				[w().offers.helper]
			);
			expect(rows).toEqual([{ home_lat: 52.02, home_lng: 8.535 }]);
		});

		it('refuses a home district of another town', async () => {
			await expectDenied(
				run(ctx, 'helper', `update public.offers set home_district_id = $2 where id = $1`, [
					w().offers.helper,
					w().districts.d2
				]),
				{ raised: 'district_outside_town' }
			);
		});
	});

	describe('needs (coordinator of A)', () => {
		const post = (o: { starts?: string; ends?: string; languages?: string; district?: string }) =>
			run(
				ctx,
				'coordA',
				`insert into public.needs (organisation_id, title, category, target_group, hours, cadence, starts_on, ends_on, remote, required_languages, district_id)
				 values ($1, 'Einkaufshilfe', 'errands', 'seniors', 1, 'monthly', ${o.starts ?? TODAY}, ${o.ends ?? `${TODAY} + 30`},
				   true, ${o.languages ?? `'{}'`}, ${o.district ?? 'null'})`,
				[w().organisations.orgA]
			);
		const checkViolation = async (promise: Promise<unknown>) => {
			const error = await promise.then(
				() => undefined,
				(e: { code?: string }) => e
			);
			expect(error?.code, 'a check constraint refuses it').toBe('23514');
		};

		it('refuses endless or implausible dates: a need runs at most five years', async () => {
			expect((await post({})).rowCount).toBe(1);
			await checkViolation(post({ ends: `'infinity'` }));
			await checkViolation(post({ ends: `${TODAY} + 5 * 366` }));
			await checkViolation(post({ starts: `'-infinity'`, ends: TODAY }));
		});

		it('refuses language lists that are not language codes', async () => {
			await checkViolation(post({ languages: `array[repeat('x', 5000)]` }));
			await checkViolation(post({ languages: `'{de,"tr; drop"}'` }));
			expect((await post({ languages: `'{de,tr}'` })).rowCount).toBe(1);
		});

		it('refuses a district of another town', async () => {
			await expectDenied(post({ district: `'${w().districts.d2}'` }), {
				raised: 'district_outside_town'
			});
		});

		it('completes a need only once matched, and cancels it only while nobody is committed', async () => {
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set status = 'completed' where id = $1`, [
					w().needs.aOpen
				]),
				{ raised: 'need_status_not_allowed' }
			);
			await expectDenied(
				run(ctx, 'coordA', `update public.needs set status = 'cancelled' where id = $1`, [
					w().needs.aMatched
				]),
				{ raised: 'need_has_matches' }
			);
		});
	});

	describe('offers with commitments (helper) and without (helper2)', () => {
		it('an offer with committed hours is neither deleted nor moved to another town', async () => {
			await expectDenied(
				run(ctx, 'helper', `delete from public.offers where id = $1`, [w().offers.helper]),
				{ raised: 'offer_has_matches' }
			);
			await expectDenied(
				run(
					ctx,
					'helper',
					`update public.offers set municipality_id = $2, home_district_id = null where id = $1`,
					[w().offers.helper, w().municipalities.m2]
				),
				{ raised: 'offer_has_matches' }
			);
			expect(
				(await run(ctx, 'helper2', `delete from public.offers where id = $1`, [w().offers.helper2]))
					.rowCount
			).toBe(1);
		});
	});

	describe('suggestions (helper; the municipal coordinator of M1)', () => {
		it('keep to their own town: district and adopted need', async () => {
			await expectDenied(
				run(
					ctx,
					'helper',
					`insert into public.need_suggestions (municipality_id, district_id, author_id, body)
					 values ($1, $2, $3, 'Im Ortskern fehlt eine Begleitung zum Arzt.')`,
					[w().municipalities.m1, w().districts.d2, w().people.helper]
				),
				{ raised: 'district_outside_town' }
			);
			await expectDenied(
				run(ctx, 'system', `update public.need_suggestions set need_id = $2 where id = $1`, [
					w().suggestions.byHelper,
					w().needs.m2Open
				]),
				{ raised: 'need_outside_town' }
			);
		});
	});

	describe('match verbs out of order', () => {
		it('nobody declines an active match: it is withdrawn or completed', async () => {
			for (const who of ['helper', 'coordA'] as const)
				await expectDenied(run(ctx, who, 'select app.decline_match($1)', [w().matches.active]), {
					raised: 'match_not_pending'
				});
		});

		it('the town declines only matches that wait for its approval', async () => {
			await as(ctx, 'coordB', async (tx) => {
				const match = (
					await tx.query<{ id: string }>('select app.propose_match($1, $2) as id', [
						w().needs.bOpen,
						w().people.helper2
					])
				).rows[0]!.id;
				await actAs(ctx, tx, 'municipal');
				await expectDenied(attempt(tx, 'select app.decline_match($1)', [match]), {
					raised: 'not_allowed'
				});
			});
		});
	});

	describe("§72a in matching (B's need for youth; helper2 inspected by the town office of M1)", () => {
		const propose = (tx: Tx) =>
			attempt(tx, 'select app.propose_match($1, $2)', [w().needs.bOpen, w().people.helper2]);

		it("counts the town's inspection only while the town inspects town-wide", async () => {
			await as(ctx, 'system', async (tx) => {
				await tx.query(`update public.needs set requires_72a = true where id = $1`, [
					w().needs.bOpen
				]);
				await actAs(ctx, tx, 'coordB');
				expect((await propose(tx)).rowCount).toBe(1);
			});
			await as(ctx, 'system', async (tx) => {
				await tx.query(`update public.needs set requires_72a = true where id = $1`, [
					w().needs.bOpen
				]);
				await tx.query(
					`update public.municipalities set municipality_inspects_72a = false where id = $1`,
					[w().municipalities.m1]
				);
				await actAs(ctx, tx, 'coordB');
				await expectDenied(propose(tx), { raised: 'inspection_required' });
			});
		});

		it("needs the inspection valid to a monthly need's last day, not only its first", async () => {
			// the town's record of helper2 is due for re-check on 2031-01-15
			const set = (ends: string) =>
				`update public.needs set requires_72a = true, cadence = 'monthly', hours = 1,
				   starts_on = '2027-01-01', ends_on = '${ends}' where id = $1`;
			await as(ctx, 'system', async (tx) => {
				await tx.query(set('2031-02-28'), [w().needs.bOpen]);
				await actAs(ctx, tx, 'coordB');
				await expectDenied(propose(tx), { raised: 'inspection_required' });
			});
			const proposed = await as(ctx, 'system', async (tx) => {
				await tx.query(set('2030-12-31'), [w().needs.bOpen]);
				await actAs(ctx, tx, 'coordB');
				return (await propose(tx)).rowCount;
			});
			expect(proposed).toBe(1);
		});
	});
});
