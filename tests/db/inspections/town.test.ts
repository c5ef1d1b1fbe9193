// The town's §72a records: where the town inspects town-wide (M1), a nonprofit's coordinator reads the
// town office's records only for active or paused helpers of their own pool — never the record
// (conviction_listed included) of a helper in another organisation's pool. Matching still counts
// the town's inspection, as a boolean.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, run, useWorld, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

/** The town office records an inspection of the helper (in A's pool), as the system. */
async function townInspectsHelper(ctx: Context, tx: Tx): Promise<string> {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<{ id: string }>(
		`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, certificate_date, conviction_listed, recheck_on)
		 values ($1, $2, $3, '2026-01-01', true, '2031-01-01') returning id`,
		[ctx.world.people.helper, ctx.world.organisations.officeM1, ctx.world.people.municipal]
	);
	return rows[0]!.id;
}

const readTownRecords = (tx: Tx, office: string) =>
	tx
		.query<{ helper_id: string; conviction_listed: boolean }>(
			`select helper_id, conviction_listed from public.inspections_72a where inspecting_organisation_id = $1`,
			[office]
		)
		.then((r) => r.rows.sort((a, b) => (a.helper_id < b.helper_id ? -1 : 1)));

describe.each(backends)("the town's §72a records (%s)", (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it("cannot read the town's record of helper2, who is in B's pool, nor whether a conviction is listed", async () => {
			// the record is there: the town office inspected helper2
			const { rows: recorded } = await run(
				ctx,
				'system',
				`select inspecting_organisation_id as office from public.inspections_72a where helper_id = $1`,
				[w().people.helper2]
			);
			expect(recorded).toContainEqual({ office: w().organisations.officeM1 });
			const { rows } = await run(
				ctx,
				'coordA',
				`select conviction_listed from public.inspections_72a where helper_id = $1`,
				[w().people.helper2]
			);
			expect(rows).toEqual([]);
		});

		it("reads the town's record of its own pool's helper, also while the helper is paused", async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await townInspectsHelper(ctx, tx);
				await actAs(ctx, tx, 'coordA');
				const active = await readTownRecords(tx, w().organisations.officeM1);
				await tx.query(`update public.memberships set status = 'paused' where id = $1`, [
					w().memberships.helperInA
				]);
				const paused = await readTownRecords(tx, w().organisations.officeM1);
				return { active, paused };
			});
			const record = [{ helper_id: w().people.helper, conviction_listed: true }];
			expect(seen).toEqual({ active: record, paused: record });
		});

		it('no longer reads it once the helper has left the pool', async () => {
			const seen = await as(ctx, 'coordA', async (tx) => {
				await townInspectsHelper(ctx, tx);
				await actAs(ctx, tx, 'helper');
				await tx.query(`select app.leave_pool($1)`, [w().organisations.orgA]);
				await actAs(ctx, tx, 'coordA');
				return readTownRecords(tx, w().organisations.officeM1);
			});
			expect(seen).toEqual([]);
		});

		it("still proposes helper2 for A's need that requires §72a: the town's inspection counts", async () => {
			const { rows } = await run(
				ctx,
				'coordA',
				`select app.propose_match($1, $2) is not null as proposed`,
				[w().needs.aOpen, w().people.helper2]
			);
			expect(rows).toEqual([{ proposed: true }]);
		});
	});

	describe('coordinator of nonprofit B', () => {
		it("reads the town's record of helper2 (B's pool), not of A's helper", async () => {
			const seen = await as(ctx, 'coordB', async (tx) => {
				await townInspectsHelper(ctx, tx);
				await actAs(ctx, tx, 'coordB');
				return readTownRecords(tx, w().organisations.officeM1);
			});
			expect(seen).toEqual([{ helper_id: w().people.helper2, conviction_listed: false }]);
		});
	});

	describe('municipal coordinator of the inspecting office', () => {
		it('reads every record of its office, whichever pool the helper is in', async () => {
			const seen = await as(ctx, 'municipal', async (tx) => {
				await townInspectsHelper(ctx, tx);
				await actAs(ctx, tx, 'municipal');
				return readTownRecords(tx, w().organisations.officeM1);
			});
			expect(seen).toEqual(
				[
					{ helper_id: w().people.helper, conviction_listed: true },
					{ helper_id: w().people.helper2, conviction_listed: false }
				].sort((a, b) => (a.helper_id < b.helper_id ? -1 : 1))
			);
		});
	});
});
