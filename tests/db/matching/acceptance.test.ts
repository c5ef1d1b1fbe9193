// The match verbs: who may act, the rules re-checked at every step, nothing written on failure,
// and the involvement ledger written on success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asSystem } from '../../../src/lib/server/db/person.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, inspection, match, need, person, town, type Town } from './world.ts';

describe.each(backends)('match verbs on %s', (backend) => {
	let db: Database;
	let t: Town;
	let approving: Town;
	let stranger: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		approving = await town(db.pool, { minor_matches_need_approval: true });
		stranger = await person(db.pool, 'Fremde Person');
	});
	afterAll(() => db.close());

	/** Calls a verb as the person; returns its value or the stable error code. */
	async function call(
		personId: string,
		sql: string,
		params: unknown[]
	): Promise<{ value?: unknown; code?: string }> {
		try {
			const { rows } = await as(db.pool, personId, (tx) => tx.query(sql, params));
			return { value: Object.values(rows[0] ?? {})[0] };
		} catch (error) {
			const e = error as { code?: string; message: string };
			expect(e.code).toBe('P0001');
			return { code: e.message };
		}
	}
	const propose = (by: string, needId: string, helperId: string) =>
		call(by, 'select app.propose_match($1, $2, 80)', [needId, helperId]);
	const request = (by: string, needId: string) =>
		call(by, 'select app.request_match($1)', [needId]);
	const accept = (by: string, matchId: string) =>
		call(by, 'select app.accept_match($1)', [matchId]);
	const approve = (by: string, matchId: string) =>
		call(by, 'select app.approve_match($1)', [matchId]);
	const decline = (by: string, matchId: string) =>
		call(by, 'select app.decline_match($1)', [matchId]);
	const withdraw = (by: string, matchId: string) =>
		call(by, `select app.withdraw_match_with_reason($1, '')`, [matchId]);

	async function matchRow(id: string) {
		return (await db.pool.query('select * from public.matches where id = $1', [id])).rows[0];
	}
	async function needStatus(id: string): Promise<string> {
		return (await db.pool.query('select status from public.needs where id = $1', [id])).rows[0]
			.status;
	}
	async function events(needId: string) {
		return (
			await db.pool.query(
				'select kind, municipal_role, actor_id, helper_id, match_id from public.involvement_events where need_id = $1 order by id',
				[needId]
			)
		).rows;
	}
	async function snapshot(needId: string) {
		return {
			matches: (
				await db.pool.query('select * from public.matches where need_id = $1 order by id', [needId])
			).rows,
			need: (await db.pool.query('select * from public.needs where id = $1', [needId])).rows,
			events: await events(needId)
		};
	}

	it('coordinator proposes, helper accepts: active, need matched, ledger written', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const hId = await helper(db.pool, { municipality: t.municipality });
		const proposed = await propose(t.coordA, n, hId);
		expect(proposed.code).toBeUndefined();
		const matchId = proposed.value as string;
		expect(await matchRow(matchId)).toMatchObject({
			status: 'proposed',
			initiated_by: 'coordinator',
			proposed_by: t.coordA,
			score: 80
		});
		expect(await accept(hId, matchId)).toEqual({ value: 'active' });
		const row = await matchRow(matchId);
		expect(row).toMatchObject({
			status: 'active',
			municipal_involvement: null,
			first_with_municipality: false
		});
		expect(row.helper_accepted_at).not.toBeNull();
		expect(row.organisation_accepted_at).not.toBeNull();
		expect(await needStatus(n)).toBe('matched');
		expect(await events(n)).toEqual([
			{
				kind: 'match_proposed',
				municipal_role: null,
				actor_id: t.coordA,
				helper_id: hId,
				match_id: matchId
			},
			{
				kind: 'match_accepted',
				municipal_role: null,
				actor_id: hId,
				helper_id: hId,
				match_id: matchId
			}
		]);
	});

	it("helper asks to help with a municipal office's need, coordinator accepts: initiated, first with the municipality", async () => {
		const n = await need(db.pool, { organisation: t.office, helpers_wanted: 2 });
		const hId = await helper(db.pool, { municipality: t.municipality });
		const requested = await request(hId, n);
		const matchId = requested.value as string;
		expect(await matchRow(matchId)).toMatchObject({
			status: 'requested',
			initiated_by: 'helper',
			municipal_involvement: 'initiated'
		});
		expect(await accept(hId, matchId)).toEqual({ code: 'not_allowed' });
		// Another organisation's match reads as none (one answer whatever its state).
		expect(await accept(t.coordA, matchId)).toEqual({ code: 'match_not_found' });
		expect(await accept(t.municipal, matchId)).toEqual({ value: 'active' });
		expect(await matchRow(matchId)).toMatchObject({
			status: 'active',
			first_with_municipality: true
		});
		expect(await needStatus(n)).toBe('open');
		expect((await events(n)).map((e) => [e.kind, e.municipal_role])).toEqual([
			['match_requested', 'initiated'],
			['match_accepted', 'initiated']
		]);
		// Her second match with municipal involvement is not her first.
		const n2 = await need(db.pool, { organisation: t.office, starts_on: '2027-05-05' });
		const second = (await request(hId, n2)).value as string;
		await accept(t.municipal, second);
		expect(await matchRow(second)).toMatchObject({
			status: 'active',
			first_with_municipality: false
		});
	});

	it('town policy: a nonprofit match with youth waits for the municipality, which approves', async () => {
		const n = await need(db.pool, { organisation: approving.orgA, target_group: 'youth' });
		const hId = await helper(db.pool, { municipality: approving.municipality });
		const matchId = (await propose(approving.coordA, n, hId)).value as string;
		expect(await accept(hId, matchId)).toEqual({ value: 'pending_approval' });
		expect(await needStatus(n)).toBe('open');
		expect(await approve(approving.coordA, matchId)).toEqual({ code: 'not_allowed' });
		// Another town's match reads as none.
		expect(await approve(t.municipal, matchId)).toEqual({ code: 'match_not_found' });
		expect(await approve(approving.municipal, matchId)).toEqual({ value: 'active' });
		expect(await matchRow(matchId)).toMatchObject({
			status: 'active',
			approved_by: approving.municipal,
			municipal_involvement: 'approved',
			first_with_municipality: true
		});
		expect(await needStatus(n)).toBe('matched');
		expect((await events(n)).map((e) => [e.kind, e.municipal_role])).toEqual([
			['match_proposed', null],
			['match_accepted', null],
			['match_approved', 'approved']
		]);
		expect(await approve(approving.municipal, matchId)).toEqual({ code: 'match_not_pending' });
	});

	it('seniors need in the same town needs no approval', async () => {
		const n = await need(db.pool, { organisation: approving.orgA, target_group: 'seniors' });
		const hId = await helper(db.pool, { municipality: approving.municipality });
		const matchId = (await propose(approving.coordA, n, hId)).value as string;
		expect(await accept(hId, matchId)).toEqual({ value: 'active' });
	});

	it('capacity_exceeded: the second acceptance in a month does not fit, and nothing is written', async () => {
		const hId = await helper(db.pool, { municipality: t.municipality, hours_per_month: 10 });
		const n1 = await need(db.pool, { organisation: t.orgA, hours: 6, starts_on: '2027-06-01' });
		const n2 = await need(db.pool, { organisation: t.orgB, hours: 6, starts_on: '2027-06-30' });
		const m1 = (await propose(t.coordA, n1, hId)).value as string;
		const m2 = (await propose(t.coordB, n2, hId)).value as string;
		expect(await accept(hId, m1)).toEqual({ value: 'active' });
		const before = await snapshot(n2);
		expect(await accept(hId, m2)).toEqual({ code: 'capacity_exceeded' });
		expect(await snapshot(n2)).toEqual(before);
		// Proposing what cannot fit fails too.
		const n3 = await need(db.pool, { organisation: t.orgA, hours: 5, starts_on: '2027-06-15' });
		expect(await propose(t.coordA, n3, hId)).toEqual({ code: 'capacity_exceeded' });
		expect((await snapshot(n3)).matches).toEqual([]);
	});

	it('need_full: a second helper cannot be accepted once the place is taken', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const a = await helper(db.pool, { municipality: t.municipality });
		const b = await helper(db.pool, { municipality: t.municipality });
		const ma = (await propose(t.coordA, n, a)).value as string;
		const mb = (await propose(t.coordA, n, b)).value as string;
		expect(await accept(a, ma)).toEqual({ value: 'active' });
		const before = await snapshot(n);
		expect(await accept(b, mb)).toEqual({ code: 'need_full' });
		expect(await snapshot(n)).toEqual(before);
		const c = await helper(db.pool, { municipality: t.municipality });
		expect(await propose(t.coordA, n, c)).toEqual({ code: 'need_full' });
		expect(await request(c, n)).toEqual({ code: 'need_full' });
	});

	it('need_full also while a match waits for approval', async () => {
		const n = await need(db.pool, { organisation: approving.orgA, target_group: 'children' });
		const a = await helper(db.pool, { municipality: approving.municipality });
		const b = await helper(db.pool, { municipality: approving.municipality });
		const ma = (await propose(approving.coordA, n, a)).value as string;
		const mb = (await propose(approving.coordA, n, b)).value as string;
		expect(await accept(a, ma)).toEqual({ value: 'pending_approval' });
		expect(await accept(b, mb)).toEqual({ code: 'need_full' });
	});

	it('need_not_open: drafts and cancelled needs take no matches', async () => {
		const hId = await helper(db.pool, { municipality: t.municipality });
		const draft = await need(db.pool, { organisation: t.orgA, status: 'draft' });
		expect(await propose(t.coordA, draft, hId)).toEqual({ code: 'need_not_open' });
		const n = await need(db.pool, { organisation: t.orgA });
		const m = (await propose(t.coordA, n, hId)).value as string;
		await db.pool.query(`update public.needs set status = 'cancelled' where id = $1`, [n]);
		expect(await accept(hId, m)).toEqual({ code: 'need_not_open' });
	});

	it('inspection_required: an inspection that expired after the proposal blocks acceptance', async () => {
		const n = await need(db.pool, {
			organisation: t.orgA,
			requires_72a: true,
			starts_on: '2027-08-01'
		});
		const hId = await helper(db.pool, { municipality: t.municipality });
		const noInspection = await helper(db.pool, { municipality: t.municipality });
		expect(await propose(t.coordA, n, noInspection)).toEqual({ code: 'inspection_required' });
		await inspection(db.pool, hId, t.orgA);
		const m = (await propose(t.coordA, n, hId)).value as string;
		await db.pool.query(
			`update public.inspections_72a set recheck_on = '2027-08-01' where helper_id = $1`,
			[hId]
		);
		const before = await snapshot(n);
		expect(await accept(hId, m)).toEqual({ code: 'inspection_required' });
		expect(await snapshot(n)).toEqual(before);
	});

	it('helper_paused: pausing after a proposal blocks acceptance', async () => {
		const n = await need(db.pool, { organisation: t.orgA, starts_on: '2027-09-01' });
		const hId = await helper(db.pool, { municipality: t.municipality });
		const m = (await propose(t.coordA, n, hId)).value as string;
		await db.pool.query(
			`update public.offers set paused_until = '2027-09-30' where helper_id = $1`,
			[hId]
		);
		expect(await accept(hId, m)).toEqual({ code: 'helper_paused' });
	});

	it('other hard rules are checked too (category)', async () => {
		const n = await need(db.pool, { organisation: t.orgA, category: 'digital' });
		const hId = await helper(db.pool, { municipality: t.municipality });
		expect(await propose(t.coordA, n, hId)).toEqual({ code: 'category_mismatch' });
		expect(await request(hId, n)).toEqual({ code: 'category_mismatch' });
	});

	it('strangers and other organisations hear "not found", as for no record; the wrong side not_allowed', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const hId = await helper(db.pool, { municipality: t.municipality });
		expect(await propose(stranger, n, hId)).toEqual({ code: 'need_not_found' });
		expect(await propose(t.coordB, n, hId)).toEqual({ code: 'need_not_found' });
		expect(await propose(hId, n, hId)).toEqual({ code: 'own_match' });
		const m = (await propose(t.coordA, n, hId)).value as string;
		const before = await snapshot(n);
		expect(await accept(stranger, m)).toEqual({ code: 'match_not_found' });
		expect(await accept(t.coordB, m)).toEqual({ code: 'match_not_found' });
		// A party to the match who may not take this step hears so: they read the match anyway.
		expect(await accept(t.coordA, m)).toEqual({ code: 'not_allowed' });
		expect(await approve(t.municipal, m)).toEqual({ code: 'match_not_pending' });
		expect(await decline(stranger, m)).toEqual({ code: 'match_not_found' });
		expect(await withdraw(stranger, m)).toEqual({ code: 'match_not_found' });
		expect(await withdraw(t.coordB, m)).toEqual({ code: 'match_not_found' });
		expect(await snapshot(n)).toEqual(before);
	});

	it('no_offer, need_not_found, match_not_found', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		expect(await request(stranger, n)).toEqual({ code: 'no_offer' });
		expect(await propose(t.coordA, n, stranger)).toEqual({ code: 'no_offer' });
		const hId = await helper(db.pool, { municipality: t.municipality });
		expect(await request(hId, '00000000-0000-4000-8000-00000000dead')).toEqual({
			code: 'need_not_found'
		});
		for (const verb of [accept, approve, decline, withdraw]) {
			expect(await verb(hId, '00000000-0000-4000-8000-00000000dead')).toEqual({
				code: 'match_not_found'
			});
		}
	});

	it('decline keeps the pair from being proposed again; already_matched', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const hId = await helper(db.pool, { municipality: t.municipality });
		const m = (await propose(t.coordA, n, hId)).value as string;
		expect(await propose(t.coordA, n, hId)).toEqual({ code: 'already_matched' });
		expect(await decline(hId, m)).toEqual({ value: '' });
		expect(await matchRow(m)).toMatchObject({ status: 'declined' });
		expect(await accept(hId, m)).toEqual({ code: 'match_not_pending' });
		expect(await decline(hId, m)).toEqual({ code: 'match_not_pending' });
		expect(await propose(t.coordA, n, hId)).toEqual({ code: 'already_matched' });
		expect(await request(hId, n)).toEqual({ code: 'already_matched' });
	});

	it('withdrawing an active match frees the place and the hours', async () => {
		const n = await need(db.pool, { organisation: t.orgA, hours: 8, starts_on: '2027-10-10' });
		const hId = await helper(db.pool, { municipality: t.municipality, hours_per_month: 10 });
		const m = (await propose(t.coordA, n, hId)).value as string;
		await accept(hId, m);
		expect(await needStatus(n)).toBe('matched');
		const hours = async () =>
			(await db.pool.query(`select private.committed_hours($1, '2027-10-01') as h`, [hId])).rows[0]
				.h;
		expect(await hours()).toBe(8);
		expect(await withdraw(hId, m)).toEqual({ value: '' });
		expect(await needStatus(n)).toBe('open');
		expect(await hours()).toBe(0);
		expect(await withdraw(hId, m)).toEqual({ code: 'match_closed' });
	});

	it('the batch job (system, no person) may propose; a person cannot pretend to be it', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const hId = await helper(db.pool, { municipality: t.municipality });
		const id = await asSystem(
			db.pool,
			async (tx) =>
				(await tx.query(`select app.propose_match($1, $2, 55, 'batch') as id`, [n, hId])).rows[0]!
					.id
		);
		expect(await matchRow(id)).toMatchObject({
			status: 'proposed',
			initiated_by: 'batch',
			proposed_by: null
		});
		const other = await helper(db.pool, { municipality: t.municipality });
		expect(
			await call(stranger, `select app.propose_match($1, $2, 55, 'batch')`, [n, other])
		).toEqual({ code: 'need_not_found' });
	});

	it('committed_hours counts one-off needs in their month and monthly needs in every month', async () => {
		const hId = await helper(db.pool, {
			municipality: t.municipality,
			categories: ['company'],
			target_groups: ['seniors']
		});
		// Hours only: needs without fixed times, so the overlapping dates are no double booking.
		const loadOnly = { organisation: t.orgB, time_windows: null };
		await match(
			db.pool,
			await need(db.pool, { ...loadOnly, hours: 2, starts_on: '2028-05-31' }),
			hId,
			'active'
		);
		await match(
			db.pool,
			await need(db.pool, {
				...loadOnly,
				hours: 3,
				cadence: 'monthly',
				starts_on: '2028-04-20',
				ends_on: '2028-06-01'
			}),
			hId,
			'pending_approval'
		);
		await match(
			db.pool,
			await need(db.pool, { ...loadOnly, hours: 9, starts_on: '2028-05-02' }),
			hId,
			'proposed'
		);
		await match(
			db.pool,
			await need(db.pool, { ...loadOnly, hours: 9, starts_on: '2028-05-03' }),
			hId,
			'completed'
		);
		// as the system: people may not ask for anyone's committed hours
		const hours = (
			await db.pool.query(
				`select m::date as month, private.committed_hours($1, m::date) as h
				 from generate_series('2028-03-01'::date, '2028-07-01'::date, interval '1 month') m`,
				[hId]
			)
		).rows;
		expect(hours).toEqual([
			{ month: '2028-03-01', h: 0 },
			{ month: '2028-04-01', h: 3 },
			{ month: '2028-05-01', h: 5 },
			{ month: '2028-06-01', h: 3 },
			{ month: '2028-07-01', h: 0 }
		]);
	});
});
