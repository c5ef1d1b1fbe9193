// saveOffer as the helper, on both databases: the first save creates the offer, later saves
// change it; a home point is rounded to the ~500 m grid; another town's district, or fewer hours
// than already committed, is refused with its code and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { fittingNeedCount, readOffer } from '../../../src/lib/server/offers/read.ts';
import { saveOffer } from '../../../src/lib/server/offers/write.ts';
import type { OfferInput } from '../../../src/lib/schemas/offer.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, CENTRE, match, need, person, town, type Town } from '../matching/world.ts';

async function district(pool: pg.Pool, municipality: string, name: string): Promise<string> {
	const { rows } = await pool.query<{ id: string }>(
		`insert into public.districts (municipality_id, name, centre_lat, centre_lng)
		 values ($1, $2, $3, $4) returning id`,
		[municipality, name, CENTRE.lat, CENTRE.lng]
	);
	return rows[0]!.id;
}

/** Homework for youth, 4 h, Tuesday afternoons, near the town centre: fits the default need. */
const input = (municipalityId: string, change: Partial<OfferInput> = {}): OfferInput => ({
	municipalityId,
	categories: ['homework'],
	targetGroups: ['youth'],
	hoursPerMonth: 4,
	availability: [{ from: 1440 + 720, to: 1440 + 1020 }],
	home: { kind: 'remote' },
	radiusKm: 3,
	remoteOk: true,
	languages: ['de'],
	pausedUntil: null,
	...change
});

describe.each(backends)('saving an offer on %s', (backend) => {
	let db: Database;
	let t: Town;
	let other: Town;
	let centre: string;
	let otherDistrict: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		other = await town(db.pool);
		centre = await district(db.pool, t.municipality, 'Mitte');
		otherDistrict = await district(db.pool, other.municipality, 'Anderswo');
		await need(db.pool, { organisation: t.orgA });
	});
	afterAll(() => db.close());

	const offerOf = (helper: string) => as(db.pool, helper, (tx) => readOffer(tx, helper));

	it('new helper: the first save creates the offer at the district centre; now the need fits', async () => {
		const helper = await person(db.pool, 'Neu');
		const [before, saved, after] = await as(db.pool, helper, async (tx) => [
			await fittingNeedCount(tx),
			await saveOffer(
				tx,
				helper,
				input(t.municipality, { home: { kind: 'district', districtId: centre } })
			),
			await fittingNeedCount(tx)
		]);
		expect(saved).toEqual({ ok: true, created: true });
		expect([before, after]).toEqual([0, 1]);
		expect(await offerOf(helper)).toMatchObject({
			municipalityId: t.municipality,
			categories: ['homework'],
			targetGroups: ['youth'],
			hoursPerMonth: 4,
			availability: [{ from: 2160, to: 2460 }],
			districtId: centre,
			// The centre, on the grid as for any point a person writes (10.0° E is between lines).
			lat: CENTRE.lat,
			lng: expect.closeTo(9.9975, 9),
			radiusKm: 3,
			remoteOk: true,
			languages: ['de'],
			pausedUntil: null
		});
	});

	it('helper: a later save changes the same offer (hours, windows, pause)', async () => {
		const helper = await person(db.pool, 'Ändert');
		await as(db.pool, helper, (tx) => saveOffer(tx, helper, input(t.municipality)));
		const saved = await as(db.pool, helper, (tx) =>
			saveOffer(
				tx,
				helper,
				input(t.municipality, { hoursPerMonth: 12.5, availability: [], pausedUntil: '2099-01-31' })
			)
		);
		expect(saved).toEqual({ ok: true, created: false });
		expect(await offerOf(helper)).toMatchObject({
			hoursPerMonth: 12.5,
			availability: null,
			pausedUntil: '2099-01-31'
		});
		const { rows } = await db.pool.query('select 1 from offers where helper_id = $1', [helper]);
		expect(rows).toHaveLength(1);
	});

	it('helper: an exact location is stored on the ~500 m grid only', async () => {
		const helper = await person(db.pool, 'Standort');
		const saved = await as(db.pool, helper, (tx) =>
			saveOffer(
				tx,
				helper,
				input(t.municipality, { home: { kind: 'point', lat: 51.00312, lng: 10.00421 } })
			)
		);
		expect(saved).toEqual({ ok: true, created: true });
		const offer = await offerOf(helper);
		expect(offer?.lat).toBeCloseTo(51.005, 9);
		expect(offer?.lng).toBeCloseTo(10.005, 9);
		expect(offer?.districtId).toBeNull();
	});

	it("helper: another town's district is refused (district_outside_town), nothing written", async () => {
		const helper = await person(db.pool, 'Falscher Ort');
		const [refused, after] = await as(db.pool, helper, async (tx) => [
			await saveOffer(
				tx,
				helper,
				input(t.municipality, { home: { kind: 'district', districtId: otherDistrict } })
			),
			// The transaction stays usable after the refusal.
			await readOffer(tx, helper)
		]);
		expect(refused).toEqual({ ok: false, code: 'district_outside_town' });
		expect(after).toBeNull();
		const unknown = await as(db.pool, helper, (tx) =>
			saveOffer(
				tx,
				helper,
				input(t.municipality, { home: { kind: 'district', districtId: crypto.randomUUID() } })
			)
		);
		expect(unknown).toEqual({ ok: false, code: 'district_outside_town' });
		expect(await offerOf(helper)).toBeNull();
	});

	it('helper: hours outside 1–40 or a radius outside 0–50 are refused by the table, nothing written', async () => {
		const helper = await person(db.pool, 'Außer Rand');
		const outcomes = [];
		for (const change of [
			{ hoursPerMonth: 0 },
			{ hoursPerMonth: 41 },
			{ radiusKm: -1 },
			{ radiusKm: 51 }
		] satisfies Partial<OfferInput>[]) {
			outcomes.push(
				await as(db.pool, helper, (tx) =>
					saveOffer(tx, helper, input(t.municipality, change))
				).catch((error: { code?: string }) => ({ thrown: error.code }))
			);
		}
		// The form never sends these (tests/unit/schemas/offer.test.ts); the table's checks hold.
		expect(outcomes).toEqual([
			{ thrown: '23514' },
			{ thrown: '23514' },
			{ thrown: '23514' },
			{ thrown: '23514' }
		]);
		expect(await offerOf(helper)).toBeNull();
	});

	it('helper: fewer hours than already committed are refused (offer_below_committed)', async () => {
		const helper = await person(db.pool, 'Zugesagt');
		await as(db.pool, helper, (tx) =>
			saveOffer(tx, helper, input(t.municipality, { hoursPerMonth: 10 }))
		);
		await match(db.pool, await need(db.pool, { organisation: t.orgB, hours: 6 }), helper, 'active');
		const refused = await as(db.pool, helper, (tx) =>
			saveOffer(tx, helper, input(t.municipality, { hoursPerMonth: 5 }))
		);
		expect(refused).toEqual({ ok: false, code: 'offer_below_committed' });
		expect((await offerOf(helper))?.hoursPerMonth).toBe(10);
	});

	it('stranger: saving for someone else writes nothing (RLS)', async () => {
		const owner = await person(db.pool, 'Eigentümer');
		const stranger = await person(db.pool, 'Fremd');
		await expect(
			as(db.pool, stranger, (tx) => saveOffer(tx, owner, input(t.municipality)))
		).rejects.toThrow(/row-level security/);
		expect(await offerOf(owner)).toBeNull();
	});
});
