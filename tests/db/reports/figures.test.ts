// The public figures on the home page, for anyone: the counts app.public_figures gives, under
// the names the page uses.
import { describe, expect, it } from 'vitest';
import { publicFigures } from '../../../src/lib/server/reports/figures.ts';
import { backends } from '../harness.ts';
import { as, run, useWorld } from '../rls/support.ts';

describe.each(backends)('public figures (%s)', (backend) => {
	const ctx = useWorld(backend);

	it('anonymous: towns, open needs, helpers and confirmed hours', async () => {
		const figures = await as(ctx, 'anonymous', (tx) => publicFigures(tx));
		const {
			rows: [counted]
		} = await run(ctx, 'system', 'select * from app.public_figures()');
		expect(figures).toEqual({
			municipalities: counted!.municipalities,
			openNeeds: counted!.open_needs,
			helpers: counted!.helpers,
			confirmedHours: Number(counted!.confirmed_hours)
		});
		expect(figures.municipalities).toBeGreaterThanOrEqual(2);
		expect(figures.confirmedHours).toBeGreaterThan(0);
	});
});
