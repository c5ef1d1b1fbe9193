// The towns and districts a helper picks their home area from, for anyone; and whether a
// person has an offer at all.
import { describe, expect, it } from 'vitest';
import { hasOffer } from '../../../src/lib/server/offers/read.ts';
import { readTowns } from '../../../src/lib/server/offers/places.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('home areas and offers (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('anonymous: every town by name, each with its districts by name', async () => {
		const { towns, lone } = await as(ctx, 'anonymous', async (tx) => {
			await actAs(ctx, tx, 'system');
			await tx.query(
				`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, 'Neustadt', 52.03, 8.54),
				   ($1, 'Bahnhofsviertel', 52.01, 8.52)`,
				[w().municipalities.m1]
			);
			const { rows } = await tx.query<{ id: string; name: string }>(
				`insert into public.municipalities (name, ags) values ('Aaa-Dorf ohne Bezirke', '99999999') returning id, name`
			);
			await actAs(ctx, tx, 'anonymous');
			return { towns: await readTowns(tx), lone: rows[0]! };
		});
		const names = towns.map((t) => t.name);
		expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		expect(towns.find((t) => t.id === lone.id)).toEqual({ ...lone, districts: [] });
		const m1 = towns.find((t) => t.id === w().municipalities.m1)!;
		expect(m1.districts.map((d) => d.name)).toEqual(['Altstadt', 'Bahnhofsviertel', 'Neustadt']);
		expect(m1.districts[0]).toEqual({ id: w().districts.d1, name: 'Altstadt' });
		expect(new Set(towns.map((t) => t.id)).size).toBe(towns.length);
	});

	it('helper has an offer; coordinator of A has none', async () => {
		expect(await as(ctx, 'helper', (tx) => hasOffer(tx, w().people.helper))).toBe(true);
		expect(await as(ctx, 'coordA', (tx) => hasOffer(tx, w().people.coordA))).toBe(false);
	});
});
