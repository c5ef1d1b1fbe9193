// Reviewing logged hours: who confirmed them is taken from the acting person, never from input;
// only the system (seed, jobs) writes the reviewer it names.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';

describe.each(backends)('reviewing hour logs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it("coordinator of nonprofit A: confirming hours records A's coordinator as the reviewer, now", async () => {
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

	it('the system (seed, jobs) keeps the reviewer it writes', async () => {
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
