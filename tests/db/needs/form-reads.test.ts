// What the need form reads (src/lib/server/needs/form.ts), as the coordinator: the need's stored
// fields to edit (null for a need that does not exist or is not theirs to see) and the districts
// to choose from, those of the organisation's own town only, by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { districtsOfOrganisation, readStoredNeed } from '../../../src/lib/server/needs/form.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('the need form’s reads (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let other: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		other = await town(db.pool);
	});
	afterAll(() => db.close());

	const district = async (municipality: string, name: string) =>
		(
			await db.pool.query<{ id: string }>(
				`insert into districts (municipality_id, name, centre_lat, centre_lng)
				 values ($1, $2, 51.0, 10.0) returning id`,
				[municipality, name]
			)
		).rows[0]!.id;

	describe('coordinator of A', () => {
		it("chooses among the districts of the organisation's town, by name, not another town's", async () => {
			const weststadt = await district(t.municipality, 'Weststadt');
			const altstadt = await district(t.municipality, 'Altstadt');
			const nordviertel = await district(t.municipality, 'Nordviertel');
			await district(other.municipality, 'Anderswo');
			expect(await as(db.pool, t.coordA, (tx) => districtsOfOrganisation(tx, t.orgA))).toEqual([
				{ id: altstadt, name: 'Altstadt' },
				{ id: nordviertel, name: 'Nordviertel' },
				{ id: weststadt, name: 'Weststadt' }
			]);
		});

		it('reads its need with its stored fields and places taken', async () => {
			const id = await need(db.pool, { organisation: t.orgA, title: 'Mathe, Klasse 7' });
			expect(await as(db.pool, t.coordA, (tx) => readStoredNeed(tx, id))).toMatchObject({
				id,
				organisationId: t.orgA,
				status: 'open',
				title: 'Mathe, Klasse 7',
				hours: 4,
				cadence: 'one_off',
				startsOn: '2027-03-10',
				endsOn: null,
				timeWindows: [{ from: 2280, to: 2460 }],
				takenPlaces: 0
			});
		});

		it('reads null for a need that does not exist, and for a draft of another organisation', async () => {
			const draftOfB = await need(db.pool, { organisation: t.orgB, status: 'draft' });
			expect(
				await as(db.pool, t.coordA, async (tx) => [
					await readStoredNeed(tx, '00000000-0000-4000-8000-00000000dead'),
					await readStoredNeed(tx, draftOfB)
				])
			).toEqual([null, null]);
		});
	});
});
