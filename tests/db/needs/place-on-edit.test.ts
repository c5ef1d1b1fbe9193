// Where a need stands, through the coordinator's verbs (src/lib/server/needs/write.ts): posted in a
// district it stands at the centre, at a point it keeps its (rounded) spot, remote it has none.
// Edited, the place is rewritten only when the coordinator changed it: an untouched district keeps
// the need's point, an untouched remote need what it carries (as the seed writes them); a changed
// place moves. Whatever a person writes lands on the ~500 m grid. Also the edges of the verbs: an unknown need or district, a draft posted by editing, an
// open need edited with intent 'post', a database error that is no refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import type { NeedInput } from '../../../src/lib/schemas/need.ts';
import { createNeed, updateNeed } from '../../../src/lib/server/needs/write.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from '../matching/world.ts';
import { refusalsDuring } from '../../support/refusals.ts';

/** A complete need as the form gives it; `change` replaces fields. */
const input = (change: Partial<NeedInput> = {}): NeedInput => ({
	title: 'Begleitung zum Einkaufen',
	description: 'Einmal die Woche zum Markt und zurück.',
	category: 'errands',
	targetGroup: 'seniors',
	cadence: 'one_off',
	hours: 2,
	startsOn: '2027-03-02',
	endsOn: null,
	timeWindows: [{ from: 1440 + 9 * 60, to: 1440 + 12 * 60 }],
	place: { kind: 'remote' },
	requiredLanguages: ['de'],
	preferredLanguages: [],
	helpersWanted: 1,
	requires72a: false,
	intent: 'post',
	...change
});

const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

describe.each(backends)('where a need stands, posted and edited (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let approving: Town;
	/** Mitte (centre 51.0 / 10.0) and Nord (51.02 / 10.03) of town t. */
	let mitte: string;
	let nord: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		approving = await town(db.pool);
		await db.pool.query(
			'update municipalities set nonprofit_needs_need_approval = true where id = $1',
			[approving.municipality]
		);
		const district = async (name: string, lat: number, lng: number) =>
			(
				await db.pool.query<{ id: string }>(
					`insert into districts (municipality_id, name, centre_lat, centre_lng)
					 values ($1, $2, $3, $4) returning id`,
					[t.municipality, name, lat, lng]
				)
			).rows[0]!.id;
		mitte = await district('Mitte', 51.0, 10.0);
		nord = await district('Nord', 51.02, 10.03);
	});
	afterAll(() => db.close());

	interface Place {
		district_id: string | null;
		lat: number | null;
		lng: number | null;
		remote: boolean;
	}
	const placeOf = async (id: string): Promise<Place> =>
		(
			await db.pool.query<Place>('select district_id, lat, lng, remote from needs where id = $1', [
				id
			])
		).rows[0]!;
	const statusOf = async (id: string) =>
		(await db.pool.query<{ status: string }>('select status from needs where id = $1', [id]))
			.rows[0]!.status;
	const post = async (change: Partial<NeedInput>, coordinator = t.coordA, org = t.orgA) => {
		const result = await as(db.pool, coordinator, (tx) => createNeed(tx, org, input(change)));
		if (!result.ok) throw new Error(`refused: ${result.code}`);
		return result.id;
	};
	const edit = (id: string, change: Partial<NeedInput>, coordinator = t.coordA) =>
		as(db.pool, coordinator, (tx) => updateNeed(tx, id, input(change)));
	/** A need written as the system (no rounding), with its place exactly as given. */
	const seeded = async (place: Place) => {
		const id = await need(db.pool, { organisation: t.orgA, title: 'Einkauf (Saat)' });
		await db.pool.query(
			'update needs set district_id = $2, lat = $3, lng = $4, remote = $5 where id = $1',
			[id, place.district_id, place.lat, place.lng, place.remote]
		);
		return id;
	};

	describe('coordinator of A posts a need', () => {
		it('in a district: at its centre on the grid, not remote', async () => {
			const id = await post({ place: { kind: 'district', districtId: mitte } });
			expect(await placeOf(id)).toEqual({
				district_id: mitte,
				lat: 51.0,
				lng: 9.9975,
				remote: false
			});
		});

		it('at a point in a district: at that point (rounded), in the district, not remote', async () => {
			const id = await post({
				place: { kind: 'point', districtId: mitte, lat: 51.0045, lng: 10.0105 }
			});
			const place = await placeOf(id);
			expect(place).toMatchObject({ district_id: mitte, lat: 51.005, remote: false });
			expect(place.lng).toBeCloseTo(10.0125, 9);
		});

		it('remote: remote, with neither district nor point', async () => {
			const id = await post({ place: { kind: 'remote' } });
			expect(await placeOf(id)).toEqual({ district_id: null, lat: null, lng: null, remote: true });
		});

		it('in a district that does not exist: district_outside_town, nothing written', async () => {
			const before = await db.pool.query('select count(*)::int as n from needs');
			expect(
				await as(db.pool, t.coordA, (tx) =>
					createNeed(tx, t.orgA, input({ place: { kind: 'district', districtId: UNKNOWN } }))
				)
			).toEqual({ ok: false, code: 'district_outside_town' });
			expect((await db.pool.query('select count(*)::int as n from needs')).rows).toEqual(
				before.rows
			);
		});

		it('that the database cannot take at all (an unknown category): thrown, not a refusal', async () => {
			await expect(
				as(db.pool, t.coordA, (tx) =>
					createNeed(tx, t.orgA, input({ category: 'juggling' as NeedInput['category'] }))
				)
			).rejects.toThrow(/need_category/);
		});
	});

	describe('coordinator of B', () => {
		it("posts for A: not_allowed, logged as the need's write", async () => {
			const { result, refusals } = await refusalsDuring(
				() => as(db.pool, t.coordB, (tx) => createNeed(tx, t.orgA, input())),
				{ personId: t.coordB, method: 'POST', route: '/needs/new' }
			);
			expect(result).toEqual({ ok: false, code: 'not_allowed' });
			expect(refusals.map((r) => r.what)).toEqual(['write need: not_allowed']);
		});
	});

	describe('coordinator of A edits the place', () => {
		it('a point in Mitte, edited with Mitte as its district: keeps its point, not the centre', async () => {
			const id = await post({
				place: { kind: 'point', districtId: mitte, lat: 51.0045, lng: 10.0105 }
			});
			const before = await placeOf(id);
			expect(await edit(id, { place: { kind: 'district', districtId: mitte } })).toEqual({
				ok: true,
				status: 'open'
			});
			expect(await placeOf(id)).toEqual(before);
		});

		it('the same point with another district (or none): the district changes, the point stays', async () => {
			const id = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: false });
			await edit(id, { place: { kind: 'point', districtId: nord, lat: 51.0012, lng: 10.0041 } });
			expect(await placeOf(id)).toMatchObject({ district_id: nord, remote: false });
			await edit(id, { place: { kind: 'point', districtId: null, lat: 51.0012, lng: 10.0041 } });
			expect(await placeOf(id)).toMatchObject({ district_id: null, remote: false });
		});

		it('another point in the same district moves it (rounded), also when only one coordinate changes', async () => {
			const id = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: false });
			// Only the latitude.
			await edit(id, { place: { kind: 'point', districtId: mitte, lat: 51.0112, lng: 10.0041 } });
			let place = await placeOf(id);
			expect(place).toMatchObject({ district_id: mitte, lat: 51.01, remote: false });
			expect(place.lng).toBeCloseTo(10.005, 9);

			const other = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: false });
			// Only the longitude.
			await edit(other, {
				place: { kind: 'point', districtId: mitte, lat: 51.0012, lng: 10.0141 }
			});
			place = await placeOf(other);
			expect(place).toMatchObject({ district_id: mitte, lat: 51.0, remote: false });
			expect(place.lng).toBeCloseTo(10.0125, 9);

			// Both.
			await edit(other, { place: { kind: 'point', districtId: mitte, lat: 51.0045, lng: 10.0 } });
			expect(await placeOf(other)).toMatchObject({ lat: 51.005, lng: 9.9975 });
		});

		it('a district changed to another district: moves to its centre', async () => {
			const id = await post({
				place: { kind: 'point', districtId: mitte, lat: 51.0045, lng: 10.0105 }
			});
			await edit(id, { place: { kind: 'district', districtId: nord } });
			const place = await placeOf(id);
			expect(place).toMatchObject({ district_id: nord, lat: 51.02, remote: false });
			expect(place.lng).toBeCloseTo(10.0275, 9);
		});

		it('a district made remote: remote, with neither district nor point', async () => {
			const id = await post({ place: { kind: 'district', districtId: mitte } });
			await edit(id, { place: { kind: 'remote' } });
			expect(await placeOf(id)).toEqual({ district_id: null, lat: null, lng: null, remote: true });
		});

		it('a remote need given a district: at its centre, no longer remote', async () => {
			const id = await post({ place: { kind: 'remote' } });
			await edit(id, { place: { kind: 'district', districtId: mitte } });
			expect(await placeOf(id)).toEqual({
				district_id: mitte,
				lat: 51.0,
				lng: 9.9975,
				remote: false
			});
		});

		it('a remote need that carries a point (seeded), left remote: keeps its district and point as stored', async () => {
			const id = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: true });
			await edit(id, { title: 'Einkauf, auch telefonisch', place: { kind: 'remote' } });
			expect(await placeOf(id)).toEqual({
				district_id: mitte,
				lat: 51.0012,
				lng: 10.0041,
				remote: true
			});
		});

		it('a remote need that carries a point (seeded), given that same point: no longer remote, the point not moved', async () => {
			const id = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: true });
			await edit(id, { place: { kind: 'point', districtId: mitte, lat: 51.0012, lng: 10.0041 } });
			expect(await placeOf(id)).toEqual({
				district_id: mitte,
				lat: 51.0012,
				lng: 10.0041,
				remote: false
			});
		});

		it('a remote need that carries Mitte (seeded), given Mitte: no longer remote, at its centre', async () => {
			const id = await seeded({ district_id: mitte, lat: 51.0012, lng: 10.0041, remote: true });
			await edit(id, { place: { kind: 'district', districtId: mitte } });
			expect(await placeOf(id)).toEqual({
				district_id: mitte,
				lat: 51.0,
				lng: 9.9975,
				remote: false
			});
		});
	});

	describe('coordinator of A edits a need, other edges', () => {
		it('a need that does not exist: need_not_found', async () => {
			expect(await edit(UNKNOWN, { title: 'Gibt es nicht' })).toEqual({
				ok: false,
				code: 'need_not_found'
			});
		});

		it('a draft posted by editing it: open (the town approves nothing)', async () => {
			const id = await post({ intent: 'draft' });
			expect(await statusOf(id)).toBe('draft');
			expect(await edit(id, { intent: 'post' })).toEqual({ ok: true, status: 'open' });
			expect(await statusOf(id)).toBe('open');
		});

		it('a point stored off the grid, under an active match: a title-only edit goes through and leaves the point as stored', async () => {
			const off = { kind: 'point' as const, districtId: mitte, lat: 51.0012, lng: 10.0041 };
			const id = await post({ place: off });
			// Stored exactly (as the seed and points written before rounding are), then matched.
			await db.pool.query('update needs set lat = $2, lng = $3 where id = $1', [
				id,
				off.lat,
				off.lng
			]);
			await match(db.pool, id, await helper(db.pool, { municipality: t.municipality }), 'active');
			expect(await edit(id, { place: off, title: 'Begleitung zum Wochenmarkt' })).toEqual({
				ok: true,
				status: 'open'
			});
			expect(await placeOf(id)).toMatchObject({ lat: 51.0012, lng: 10.0041 });
			// Moving it is a change of substance, refused while a helper is committed.
			expect(await edit(id, { place: { ...off, lat: 51.0112 } })).toEqual({
				ok: false,
				code: 'need_has_matches'
			});
		});

		it('an open need edited with intent post: stays open', async () => {
			const id = await post({});
			expect(await edit(id, { title: 'Begleitung zum Markt', intent: 'post' })).toEqual({
				ok: true,
				status: 'open'
			});
		});
	});

	describe('coordinator of a nonprofit in a town that approves its needs', () => {
		it('an approved, open need edited with intent post: its title stays open, its substance goes back to the town', async () => {
			const id = await post({}, approving.coordA, approving.orgA);
			expect(await statusOf(id)).toBe('pending_approval');
			await as(db.pool, approving.municipal, (tx) => tx.query('select app.approve_need($1)', [id]));
			expect(await statusOf(id)).toBe('open');
			expect(
				await edit(id, { title: 'Begleitung zum Markt', intent: 'post' }, approving.coordA)
			).toEqual({ ok: true, status: 'open' });
			// The database sends a substantive change back, whatever the intent.
			expect(await edit(id, { hours: 3, intent: 'post' }, approving.coordA)).toEqual({
				ok: true,
				status: 'pending_approval'
			});
		});

		it('an approved need at a point, edited with its own district: keeps its point, so it stays open', async () => {
			const altstadt = (
				await db.pool.query<{ id: string }>(
					`insert into districts (municipality_id, name, centre_lat, centre_lng)
					 values ($1, 'Altstadt', 51.0, 10.0) returning id`,
					[approving.municipality]
				)
			).rows[0]!.id;
			const atPoint = { kind: 'point' as const, districtId: altstadt, lat: 51.0045, lng: 10.0105 };
			const id = await post({ place: atPoint }, approving.coordA, approving.orgA);
			await as(db.pool, approving.municipal, (tx) => tx.query('select app.approve_need($1)', [id]));
			const before = await placeOf(id);
			expect(
				await edit(
					id,
					{ place: { kind: 'district', districtId: altstadt }, intent: 'save' },
					approving.coordA
				)
			).toEqual({ ok: true, status: 'open' });
			expect(await placeOf(id)).toEqual(before);
		});
	});
});
