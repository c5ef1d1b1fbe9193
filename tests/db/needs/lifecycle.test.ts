// A need's life through the coordinator's verbs (src/lib/server/needs/write.ts), by persona:
// posted as a draft, to the town or open; edited; cancelled or completed; and every step that
// matters written to the ledger exactly once. The database decides; a refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import type { NeedInput } from '../../../src/lib/schemas/need.ts';
import { needHistory } from '../../../src/lib/server/needs/history.ts';
import {
	cancelNeed,
	completeNeed,
	createNeed,
	updateNeed
} from '../../../src/lib/server/needs/write.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from '../matching/world.ts';

/** A complete need as the form gives it; `change` replaces fields. */
const input = (change: Partial<NeedInput> = {}): NeedInput => ({
	title: 'Lesepatenschaft in der Grundschule',
	description: 'Vorlesen und gemeinsam lesen, Klasse 2.',
	category: 'homework',
	targetGroup: 'children',
	cadence: 'monthly',
	hours: 4,
	startsOn: '2027-02-01',
	endsOn: '2027-06-30',
	timeWindows: [{ from: 1440 + 14 * 60, to: 1440 + 17 * 60 }],
	place: { kind: 'remote' },
	requiredLanguages: ['de'],
	preferredLanguages: [],
	helpersWanted: 1,
	requires72a: true,
	intent: 'post',
	...change
});

describe.each(backends)('a need from posting to its end (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let approving: Town;
	let district: string;
	let otherDistrict: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		approving = await town(db.pool);
		await db.pool.query(
			'update municipalities set nonprofit_needs_need_approval = true where id = $1',
			[approving.municipality]
		);
		const d = async (municipality: string) =>
			(
				await db.pool.query<{ id: string }>(
					`insert into districts (municipality_id, name, centre_lat, centre_lng)
					 values ($1, 'Mitte', 51.0, 10.0) returning id`,
					[municipality]
				)
			).rows[0]!.id;
		district = await d(t.municipality);
		otherDistrict = await d(approving.municipality);
	});
	afterAll(() => db.close());

	const row = async (id: string) =>
		(
			await db.pool.query<{
				status: string;
				lat: number | null;
				lng: number | null;
				title: string;
			}>('select status, lat, lng, title from needs where id = $1', [id])
		).rows[0]!;
	const events = async (id: string) =>
		(
			await db.pool.query<{ kind: string; actor_id: string; municipal_role: string | null }>(
				'select kind, actor_id, municipal_role from involvement_events where need_id = $1 order by id',
				[id]
			)
		).rows;
	const post = async (
		coordinator: string,
		organisation: string,
		change: Partial<NeedInput> = {}
	) => {
		const result = await as(db.pool, coordinator, (tx) =>
			createNeed(tx, organisation, input(change))
		);
		if (!result.ok) throw new Error(`refused: ${result.code}`);
		return result;
	};

	describe('coordinator of a nonprofit in a town that approves its needs', () => {
		it('posts a need: it waits for the town, and the ledger says it was posted (the town took no part yet)', async () => {
			const posted = await post(approving.coordA, approving.orgA);
			expect(posted.status).toBe('pending_approval');
			expect(await events(posted.id)).toEqual([
				{ kind: 'need_posted', actor_id: approving.coordA, municipal_role: null }
			]);
		});

		it('keeps a draft, posts it later: posted once, also after the town sent it back', async () => {
			const draft = await post(approving.coordA, approving.orgA, { intent: 'draft' });
			expect(draft.status).toBe('draft');
			expect(await events(draft.id)).toEqual([]);
			const first = await as(db.pool, approving.coordA, (tx) =>
				updateNeed(tx, draft.id, input({ intent: 'post' }))
			);
			expect(first).toEqual({ ok: true, status: 'pending_approval' });
			await as(db.pool, approving.municipal, (tx) =>
				tx.query('select app.send_back_need($1, $2)', [draft.id, 'Bitte genauer beschreiben.'])
			);
			const again = await as(db.pool, approving.coordA, (tx) =>
				updateNeed(
					tx,
					draft.id,
					input({ description: 'Vorlesen, Klasse 2, dienstags.', intent: 'save' })
				)
			);
			expect(again).toEqual({ ok: true, status: 'draft' });
			await as(db.pool, approving.coordA, (tx) =>
				updateNeed(tx, draft.id, input({ intent: 'post' }))
			);
			expect((await events(draft.id)).map((e) => e.kind)).toEqual([
				'need_posted',
				'need_sent_back'
			]);
			expect((await row(draft.id)).status).toBe('pending_approval');
		});

		it('cannot open a need itself (need_requires_municipal_approval), whatever it sends', async () => {
			const refused = await as(db.pool, approving.coordA, (tx) =>
				tx
					.query(
						`insert into needs (organisation_id, title, category, target_group, hours, starts_on, remote, status)
						 values ($1, 'Direkt offen', 'errands', 'seniors', 1, '2027-01-10', true, 'open')`,
						[approving.orgA]
					)
					.then(
						() => 'written',
						(e: { message: string }) => e.message
					)
			);
			expect(refused).toBe('need_requires_municipal_approval');
		});

		it('chooses a district of another town: refused with district_outside_town, nothing written', async () => {
			const before = await db.pool.query('select count(*)::int as n from needs');
			const refused = await as(db.pool, approving.coordA, (tx) =>
				createNeed(tx, approving.orgA, input({ place: { kind: 'district', districtId: district } }))
			);
			expect(refused).toEqual({ ok: false, code: 'district_outside_town' });
			expect((await db.pool.query('select count(*)::int as n from needs')).rows).toEqual(
				before.rows
			);
		});
	});

	describe('municipal coordinator', () => {
		it('posts a need of the office: it opens at once, initiated by the town', async () => {
			const posted = await post(t.municipal, t.office, { targetGroup: 'seniors' });
			expect(posted.status).toBe('open');
			expect(await events(posted.id)).toEqual([
				{ kind: 'need_posted', actor_id: t.municipal, municipal_role: 'initiated' }
			]);
		});
	});

	describe('coordinator of nonprofit A (town without need approval)', () => {
		it('posts an open need in a district of the town, at its centre (on the grid)', async () => {
			const posted = await post(t.coordA, t.orgA, {
				place: { kind: 'district', districtId: district }
			});
			expect(posted.status).toBe('open');
			const { lat, lng } = await row(posted.id);
			expect([lat, lng]).toEqual([51.0, 9.9975]);
		});

		it('posts a need at an approximate point: the database rounds it to the ~500 m grid', async () => {
			const id = await as(db.pool, t.coordA, async (tx) => {
				await tx.query(
					`insert into needs (organisation_id, title, category, target_group, hours, starts_on, lat, lng)
					 values ($1, 'Einkauf am Markt', 'errands', 'seniors', 2, '2027-01-10', 51.0012, 10.0041)`,
					[t.orgA]
				);
				return (
					await tx.query<{ id: string }>(`select id from needs where title = 'Einkauf am Markt'`)
				).rows[0]!.id;
			});
			const { lat, lng } = await row(id);
			expect(lat).toBe(51.0);
			expect(lng).toBeCloseTo(10.005, 9);
		});

		it('cannot post a need whose dates have passed (need_in_past)', async () => {
			expect(
				await as(db.pool, t.coordA, (tx) =>
					createNeed(
						tx,
						t.orgA,
						input({ cadence: 'one_off', startsOn: '2026-01-10', endsOn: null })
					)
				)
			).toEqual({ ok: false, code: 'need_in_past' });
			expect(
				await as(db.pool, t.coordA, (tx) =>
					createNeed(tx, t.orgA, input({ startsOn: '2025-01-01', endsOn: '2025-12-31' }))
				)
			).toEqual({ ok: false, code: 'need_in_past' });
		});

		it('edits a need with an active match: its substance is refused (need_has_matches), its title is free', async () => {
			const posted = await post(t.coordA, t.orgA);
			await match(
				db.pool,
				posted.id,
				await helper(db.pool, { municipality: t.municipality }),
				'active'
			);
			expect(
				await as(db.pool, t.coordA, (tx) => updateNeed(tx, posted.id, input({ hours: 8 })))
			).toEqual({ ok: false, code: 'need_has_matches' });
			expect(
				await as(db.pool, t.coordA, (tx) =>
					updateNeed(tx, posted.id, input({ title: 'Lesepatenschaft (Klasse 2)' }))
				)
			).toEqual({ ok: true, status: 'open' });
			expect(await row(posted.id)).toMatchObject({ title: 'Lesepatenschaft (Klasse 2)' });
		});

		it('cannot cancel a need a helper is committed to (need_has_matches); cancels one nobody is', async () => {
			const taken = await post(t.coordA, t.orgA);
			await match(
				db.pool,
				taken.id,
				await helper(db.pool, { municipality: t.municipality }),
				'active'
			);
			expect(await as(db.pool, t.coordA, (tx) => cancelNeed(tx, taken.id))).toEqual({
				ok: false,
				code: 'need_has_matches'
			});
			expect((await row(taken.id)).status).toBe('open');

			const free = await post(t.coordA, t.orgA);
			expect(await as(db.pool, t.coordA, (tx) => cancelNeed(tx, free.id))).toEqual({ ok: true });
			expect((await events(free.id)).map((e) => [e.kind, e.actor_id])).toEqual([
				['need_posted', t.coordA],
				['need_cancelled', t.coordA]
			]);
			// Closed stays closed, and nothing of it changes any more.
			expect(await as(db.pool, t.coordA, (tx) => cancelNeed(tx, free.id))).toEqual({
				ok: false,
				code: 'need_closed'
			});
			expect(
				await as(db.pool, t.coordA, (tx) => updateNeed(tx, free.id, input({ title: 'Neu' })))
			).toEqual({ ok: false, code: 'need_closed' });
			expect((await events(free.id)).length).toBe(2);
		});

		it('cancels a draft never posted without a trace in the ledger', async () => {
			const draft = await post(t.coordA, t.orgA, { intent: 'draft' });
			expect(await as(db.pool, t.coordA, (tx) => cancelNeed(tx, draft.id))).toEqual({ ok: true });
			expect(await events(draft.id)).toEqual([]);
		});

		it('completes a need only once its helpers were found, and once', async () => {
			const posted = await post(t.coordA, t.orgA);
			expect(await as(db.pool, t.coordA, (tx) => completeNeed(tx, posted.id))).toEqual({
				ok: false,
				code: 'need_status_not_allowed'
			});
			await db.pool.query(`update needs set status = 'matched' where id = $1`, [posted.id]);
			expect(await as(db.pool, t.coordA, (tx) => completeNeed(tx, posted.id))).toEqual({
				ok: true
			});
			expect(await as(db.pool, t.coordA, (tx) => completeNeed(tx, posted.id))).toEqual({
				ok: false,
				code: 'need_closed'
			});
			expect((await events(posted.id)).map((e) => [e.kind, e.municipal_role])).toEqual([
				['need_posted', null],
				['need_completed', null]
			]);
		});

		it("reads the need's history: who did what, oldest first, names where it may see them", async () => {
			const posted = await post(t.coordA, t.orgA);
			await as(db.pool, t.coordA, (tx) => cancelNeed(tx, posted.id));
			const history = await as(db.pool, t.coordA, (tx) => needHistory(tx, posted.id));
			expect(history.map((e) => [e.kind, e.actorName])).toEqual([
				['need_posted', 'Koordination A'],
				['need_cancelled', 'Koordination A']
			]);
			expect(history[0]!.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
		});
	});

	describe('coordinator of nonprofit B', () => {
		it("cannot edit, cancel or complete A's need, nor post for A: not_allowed, nothing written", async () => {
			const posted = await post(t.coordA, t.orgA);
			expect(
				await as(db.pool, t.coordB, (tx) => updateNeed(tx, posted.id, input({ title: 'Gekapert' })))
			).toEqual({ ok: false, code: 'not_allowed' });
			expect(await as(db.pool, t.coordB, (tx) => cancelNeed(tx, posted.id))).toEqual({
				ok: false,
				code: 'not_allowed'
			});
			expect(await as(db.pool, t.coordB, (tx) => completeNeed(tx, posted.id))).toEqual({
				ok: false,
				code: 'not_allowed'
			});
			expect(await as(db.pool, t.coordB, (tx) => createNeed(tx, t.orgA, input()))).toEqual({
				ok: false,
				code: 'not_allowed'
			});
			expect(await row(posted.id)).toMatchObject({ status: 'open', title: input().title });
			expect((await events(posted.id)).length).toBe(1);
		});

		it("cannot move its own need into A's town's other district (district_outside_town)", async () => {
			const posted = await post(t.coordB, t.orgB);
			expect(
				await as(db.pool, t.coordB, (tx) =>
					updateNeed(
						tx,
						posted.id,
						input({ place: { kind: 'district', districtId: otherDistrict } })
					)
				)
			).toEqual({ ok: false, code: 'district_outside_town' });
		});
	});

	describe('the system (no person)', () => {
		it('writes no ledger events of its own when it inserts or closes needs (the seed writes its history)', async () => {
			const id = await need(db.pool, { organisation: t.orgA });
			await db.pool.query(`update needs set status = 'cancelled' where id = $1`, [id]);
			expect(await events(id)).toEqual([]);
		});
	});
});
