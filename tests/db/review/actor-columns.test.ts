// Who reviewed hours and who inspected are taken from the acting person, never from input.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('actor columns (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('a coordinator confirming hours is recorded as the reviewer', async () => {
		const row = await as(ctx, 'coordA', async (tx) => {
			await tx.query(`update public.hour_logs set status = 'confirmed' where id = $1`, [
				w().hourLogs.onActive
			]);
			return (
				await tx.query(
					`select reviewed_by, reviewed_at > now() - interval '1 minute' as fresh from public.hour_logs where id = $1`,
					[w().hourLogs.onActive]
				)
			).rows[0];
		});
		expect(row).toEqual({ reviewed_by: w().people.coordA, fresh: true });
	});

	it('an inspection is recorded under the coordinator who changes it', async () => {
		const row = await as(ctx, 'system', async (tx) => {
			// the seed or a job recorded it under someone else; coordA corrects it and signs it
			await tx.query(`update public.inspections_72a set inspected_by = $2 where id = $1`, [
				w().inspections.helperByA,
				w().people.coordB
			]);
			await actAs(ctx, tx, 'coordA');
			await tx.query(`update public.inspections_72a set conviction_listed = false where id = $1`, [
				w().inspections.helperByA
			]);
			return (
				await tx.query(`select inspected_by from public.inspections_72a where id = $1`, [
					w().inspections.helperByA
				])
			).rows[0];
		});
		expect(row).toEqual({ inspected_by: w().people.coordA });
	});

	it('the system (seed, jobs) keeps what it writes', async () => {
		const row = await as(ctx, 'system', async (tx) => {
			await tx.query(
				`update public.hour_logs set status = 'confirmed', reviewed_by = $2, reviewed_at = now() where id = $1`,
				[w().hourLogs.onActive, w().people.coordB]
			);
			return (
				await tx.query(`select reviewed_by from public.hour_logs where id = $1`, [
					w().hourLogs.onActive
				])
			).rows[0];
		});
		expect(row).toEqual({ reviewed_by: w().people.coordB });
	});
});
