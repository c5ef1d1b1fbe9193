// Candidate retrieval: every hard rule excludes exactly the helper that breaks it, from the
// coordinator's side (need_candidates) and from the helper's side (fitting_needs); RLS decides
// who may ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { backends, freshDatabase } from '../harness.ts';
import {
	MON_MORNING,
	as,
	candidateIds,
	coordinator,
	fittingNeedIds,
	helper,
	inspection,
	match,
	need,
	person,
	town,
	violations,
	type Town
} from './world.ts';

describe.each(backends)('candidate retrieval on %s', (backend) => {
	let db: Database;
	let t: Town;
	let otherTown: Town;
	let coordOther: string;
	let stranger: string;
	let needId: string;
	/** helper name → id */
	const h: Record<string, string> = {};
	/** helper name → the rule it breaks (null: fits) */
	const expected: Record<string, string | null> = {
		fits: null,
		fitsTownInspection: null,
		fitsNoWindows: null,
		fitsExactCapacity: null,
		fitsLoadInOtherMonths: null,
		fitsProposedElsewhere: null,
		fitsPausedBefore: null,
		fitsRecheckAfterEnd: null,
		fitsEdgeOfRadius: null,
		otherTown: 'wrong_municipality',
		category: 'category_mismatch',
		targetGroup: 'target_group_mismatch',
		language: 'language_missing',
		tooFar: 'out_of_range',
		remoteOnly: 'out_of_range',
		windows: 'windows_do_not_fit',
		paused: 'helper_paused',
		declined: 'already_matched',
		noInspection: 'inspection_required',
		inspectionExpired: 'inspection_required',
		convictionListed: 'inspection_required',
		otherOrgInspection: 'inspection_required',
		capacityActive: 'capacity_exceeded',
		capacityPending: 'capacity_exceeded'
	};
	const fitting = () => Object.keys(expected).filter((k) => expected[k] === null);

	beforeAll(async () => {
		db = await freshDatabase(backend);
		const pool = db.pool;
		t = await town(pool, { municipality_inspects_72a: true });
		otherTown = await town(pool);
		coordOther = otherTown.coordA;
		stranger = await person(pool, 'Fremde Person');
		needId = await need(pool, {
			organisation: t.orgA,
			requires_72a: true,
			hours: 4,
			starts_on: '2027-03-10'
		});

		const m = t.municipality;
		const mk = async (
			name: string,
			input: Partial<Parameters<typeof helper>[1]> = {},
			inspected: 'A' | 'none' = 'A'
		) => {
			h[name] = await helper(pool, { municipality: m, name, ...input });
			if (inspected === 'A') await inspection(pool, h[name]!, t.orgA);
		};
		// Load on other needs of another organisation: capacity counts across organisations.
		const load = async (helperId: string, hours: number, startsOn: string, status: string) => {
			const n = await need(pool, {
				organisation: t.orgB,
				hours,
				starts_on: startsOn,
				title: 'Last'
			});
			await match(pool, n, helperId, status);
		};

		await mk('fits');
		await mk('fitsTownInspection', {}, 'none');
		await inspection(pool, h.fitsTownInspection!, t.office);
		await mk('fitsNoWindows', { availability: null });
		await mk('fitsExactCapacity');
		await load(h.fitsExactCapacity!, 6, '2027-03-20', 'active');
		await mk('fitsLoadInOtherMonths');
		await load(h.fitsLoadInOtherMonths!, 10, '2027-02-28', 'active');
		await load(h.fitsLoadInOtherMonths!, 10, '2027-04-01', 'active');
		await mk('fitsProposedElsewhere');
		await load(h.fitsProposedElsewhere!, 10, '2027-03-01', 'proposed');
		await mk('fitsPausedBefore', { paused_until: '2027-03-09' });
		await mk('fitsRecheckAfterEnd', {}, 'none');
		await inspection(pool, h.fitsRecheckAfterEnd!, t.orgA, { recheck_on: '2027-03-11' });
		await mk('fitsEdgeOfRadius', { north_km: 2.95, radius_km: 3 });

		h.otherTown = await helper(pool, { municipality: otherTown.municipality, name: 'otherTown' });
		await inspection(pool, h.otherTown, t.orgA);
		await mk('category', { categories: ['errands'] });
		await mk('targetGroup', { target_groups: ['seniors'] });
		await mk('language', { languages: ['en'] });
		await mk('tooFar', { north_km: 3.1, radius_km: 3 });
		await mk('remoteOnly', { north_km: null, remote_ok: true });
		await mk('windows', { availability: MON_MORNING });
		await mk('paused', { paused_until: '2027-03-10' });
		await mk('declined');
		await match(pool, needId, h.declined!, 'declined');
		await mk('noInspection', {}, 'none');
		await mk('inspectionExpired', {}, 'none');
		await inspection(pool, h.inspectionExpired!, t.orgA, { recheck_on: '2027-03-10' });
		await mk('convictionListed', {}, 'none');
		await inspection(pool, h.convictionListed!, t.orgA, { conviction_listed: true });
		await mk('otherOrgInspection', {}, 'none');
		await inspection(pool, h.otherOrgInspection!, t.orgB);
		await mk('capacityActive');
		await load(h.capacityActive!, 7, '2027-03-01', 'active');
		await mk('capacityPending');
		await load(h.capacityPending!, 7, '2027-03-31', 'pending_approval');
	});
	afterAll(() => db.close());

	it('the SQL rules name exactly the rule each helper breaks', async () => {
		const v = await violations(db.pool, needId, Object.values(h));
		const byName = Object.fromEntries(Object.entries(h).map(([name, id]) => [name, v.get(id)]));
		expect(byName).toEqual(expected);
	});

	it('coordinator of A: need_candidates returns exactly the helpers that fit every rule', async () => {
		const ids = await candidateIds(db.pool, t.coordA, needId);
		expect(ids).toEqual(
			fitting()
				.map((n) => h[n]!)
				.sort()
		);
	});

	it('municipal coordinator of the town: gets the same candidates', async () => {
		expect(await candidateIds(db.pool, t.municipal, needId)).toEqual(
			fitting()
				.map((n) => h[n]!)
				.sort()
		);
	});

	it('helper: fitting_needs lists the need for exactly the helpers that fit it', async () => {
		for (const [name, id] of Object.entries(h)) {
			const lists = (await fittingNeedIds(db.pool, id)).includes(needId);
			expect({ name, lists }).toEqual({ name, lists: expected[name] === null });
		}
	});

	it('returns the facts the score needs', async () => {
		const rows = await as(
			db.pool,
			t.coordA,
			async (tx) => (await tx.query('select * from public.need_candidates($1)', [needId])).rows
		);
		const fits = rows.find((r) => r.helper_id === h.fits)!;
		expect(fits).toMatchObject({
			display_name: 'fits',
			remaining_hours: 10,
			capacity: 10,
			windows_fit: true,
			speaks_preferred: ['tr'],
			helped_org_before: 0,
			total_matches: 0,
			committed_this_month: 0
		});
		expect(fits.distance_km).toBeCloseTo(1, 2);
		expect(rows.find((r) => r.helper_id === h.fitsNoWindows)!.windows_fit).toBeNull();
		expect(rows.find((r) => r.helper_id === h.fitsExactCapacity)!.remaining_hours).toBe(4);
		expect(rows.find((r) => r.helper_id === h.fitsLoadInOtherMonths)!.remaining_hours).toBe(10);
		const helperSide = await as(
			db.pool,
			h.fits!,
			async (tx) =>
				(await tx.query('select * from public.fitting_needs() where need_id = $1', [needId])).rows
		);
		expect(helperSide[0]).toMatchObject({
			remaining_hours: 10,
			capacity: 10,
			windows_fit: true,
			hours: 4
		});
		expect(helperSide[0]!.distance_km).toBeCloseTo(1, 2);
	});

	it('counts history with the organisation and in total', async () => {
		const pool = db.pool;
		const veteran = await helper(pool, { municipality: t.municipality, name: 'veteran' });
		await inspection(pool, veteran, t.orgA);
		await match(
			pool,
			await need(pool, { organisation: t.orgA, title: 'Früher', starts_on: '2026-01-10' }),
			veteran,
			'completed'
		);
		await match(
			pool,
			await need(pool, { organisation: t.orgB, title: 'Früher B', starts_on: '2026-01-10' }),
			veteran,
			'completed'
		);
		const rows = await as(
			pool,
			t.coordA,
			async (tx) =>
				(
					await tx.query('select * from public.need_candidates($1) where helper_id = $2', [
						needId,
						veteran
					])
				).rows
		);
		expect(rows[0]).toMatchObject({ helped_org_before: 1, total_matches: 2 });
	});

	describe('who may ask', () => {
		it('coordinator of B (same town, need of A) gets no candidates', async () => {
			expect(await candidateIds(db.pool, t.coordB, needId)).toEqual([]);
		});
		it('coordinator in another municipality gets no candidates', async () => {
			expect(await candidateIds(db.pool, coordOther, needId)).toEqual([]);
		});
		it('a helper gets no candidates', async () => {
			expect(await candidateIds(db.pool, h.fits!, needId)).toEqual([]);
		});
		it('a stranger gets no candidates and no fitting needs', async () => {
			expect(await candidateIds(db.pool, stranger, needId)).toEqual([]);
			expect(await fittingNeedIds(db.pool, stranger)).toEqual([]);
		});
		it("coordinator of B cannot call the definer retrieval directly for A's need", async () => {
			const rows = await as(
				db.pool,
				t.coordB,
				async (tx) =>
					(await tx.query('select * from private.need_candidate_rows($1, 50)', [needId])).rows
			);
			expect(rows).toEqual([]);
		});
		it('nobody gets candidates for a draft need, not even its own coordinator', async () => {
			const draft = await need(db.pool, { organisation: t.orgA, status: 'draft' });
			expect(await candidateIds(db.pool, t.coordA, draft)).toEqual([]);
			expect(await candidateIds(db.pool, t.coordB, draft)).toEqual([]);
		});
		it('a coordinator of another organisation in the town sees a need of their own', async () => {
			const own = await coordinator(db.pool, t.orgB, 'Zweite Koordination B');
			const needB = await need(db.pool, { organisation: t.orgB });
			expect(await candidateIds(db.pool, own, needB)).toContain(h.fits);
		});
	});

	describe('remote needs and months', () => {
		it('remote: remote-ok helpers anywhere in town, others only within their radius', async () => {
			const pool = db.pool;
			const remoteNeed = await need(pool, {
				organisation: t.orgA,
				category: 'digital',
				target_group: 'seniors',
				north_km: 20,
				remote: true
			});
			const far = await helper(pool, {
				municipality: t.municipality,
				categories: ['digital'],
				north_km: -10,
				remote_ok: true
			});
			const farNoRemote = await helper(pool, {
				municipality: t.municipality,
				categories: ['digital'],
				north_km: -10
			});
			const near = await helper(pool, {
				municipality: t.municipality,
				categories: ['digital'],
				north_km: 19
			});
			const remoteOnly = await helper(pool, {
				municipality: t.municipality,
				categories: ['digital'],
				north_km: null
			});
			const ids = await candidateIds(pool, t.coordA, remoteNeed);
			expect(ids).toEqual([far, near, remoteOnly].sort());
			expect(ids).not.toContain(farNoRemote);
			const rows = await as(
				pool,
				t.coordA,
				async (tx) =>
					(
						await tx.query('select helper_id, distance_km from public.need_candidates($1)', [
							remoteNeed
						])
					).rows
			);
			expect(rows.find((r) => r.helper_id === far)!.distance_km).toBeNull();
			expect(rows.find((r) => r.helper_id === near)!.distance_km).toBeCloseTo(1, 2);
			expect(await fittingNeedIds(pool, remoteOnly)).toContain(remoteNeed);
			expect(await fittingNeedIds(pool, farNoRemote)).not.toContain(remoteNeed);
		});

		it('monthly need: the remaining hours must cover it in every month it runs', async () => {
			const pool = db.pool;
			const monthly = await need(pool, {
				organisation: t.orgA,
				category: 'company',
				target_group: 'seniors',
				hours: 3,
				cadence: 'monthly',
				starts_on: '2027-01-15',
				ends_on: '2027-03-20'
			});
			const mk = () => helper(pool, { municipality: t.municipality, categories: ['company'] });
			const busyFeb = await mk();
			const busyApr = await mk();
			const busyDec = await mk();
			const free = await mk();
			await match(
				pool,
				await need(pool, { organisation: t.orgB, hours: 8, starts_on: '2027-02-01' }),
				busyFeb,
				'active'
			);
			await match(
				pool,
				await need(pool, { organisation: t.orgB, hours: 8, starts_on: '2027-04-01' }),
				busyApr,
				'active'
			);
			await match(
				pool,
				await need(pool, { organisation: t.orgB, hours: 8, starts_on: '2026-12-31' }),
				busyDec,
				'active'
			);
			expect(await candidateIds(pool, t.coordA, monthly)).toEqual([busyApr, busyDec, free].sort());
		});

		it('monthly need from December into January counts both years', async () => {
			const pool = db.pool;
			const winter = await need(pool, {
				organisation: t.orgA,
				category: 'company',
				target_group: 'seniors',
				hours: 5,
				cadence: 'monthly',
				starts_on: '2027-12-01',
				ends_on: '2028-01-31'
			});
			const busyJan = await helper(pool, { municipality: t.municipality, categories: ['company'] });
			const busyNovFeb = await helper(pool, {
				municipality: t.municipality,
				categories: ['company']
			});
			// A monthly load from January through March 2028: 6 h in January leaves 4 < 5.
			await match(
				pool,
				await need(pool, {
					organisation: t.orgB,
					hours: 6,
					cadence: 'monthly',
					starts_on: '2028-01-01',
					ends_on: '2028-03-31'
				}),
				busyJan,
				'active'
			);
			await match(
				pool,
				await need(pool, { organisation: t.orgB, hours: 10, starts_on: '2027-11-30' }),
				busyNovFeb,
				'active'
			);
			await match(
				pool,
				await need(pool, { organisation: t.orgB, hours: 10, starts_on: '2028-02-01' }),
				busyNovFeb,
				'active'
			);
			const ids = await candidateIds(pool, t.coordA, winter);
			expect(ids).toContain(busyNovFeb);
			expect(ids).not.toContain(busyJan);
			const v = await violations(pool, winter, [busyJan]);
			expect(v.get(busyJan)).toBe('capacity_exceeded');
		});

		it('a town that does not inspect: its office inspection does not count for a nonprofit need', async () => {
			const pool = db.pool;
			const plain = await town(pool);
			const n = await need(pool, { organisation: plain.orgA, requires_72a: true });
			const byOffice = await helper(pool, { municipality: plain.municipality });
			await inspection(pool, byOffice, plain.office);
			const byA = await helper(pool, { municipality: plain.municipality });
			await inspection(pool, byA, plain.orgA);
			expect(await candidateIds(pool, plain.coordA, n)).toEqual([byA]);
		});

		it('fitting_needs leaves out needs whose places are taken', async () => {
			const pool = db.pool;
			const n = await need(pool, {
				organisation: t.orgA,
				category: 'advice',
				target_group: 'seniors',
				helpers_wanted: 1
			});
			const a = await helper(pool, { municipality: t.municipality, categories: ['advice'] });
			const b = await helper(pool, { municipality: t.municipality, categories: ['advice'] });
			expect(await fittingNeedIds(pool, b)).toContain(n);
			await match(pool, n, a, 'pending_approval');
			expect(await fittingNeedIds(pool, b)).not.toContain(n);
		});
	});
});
