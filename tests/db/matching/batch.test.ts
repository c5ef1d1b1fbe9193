// Batch proposals over the demo model municipality: the plan respects every helper's hours,
// sending writes 'batch' proposals through the same checked verb, and nothing crosses
// organisations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import type { Queryable } from '../../../src/lib/server/db/types.ts';
import { planBatch, sendBatch, sendBatchFor } from '../../../src/lib/server/matching/batch.ts';
import { scoredForOrganisation } from '../../support/organisation-candidates.ts';
import { seed } from '../../support/seed-ids.ts';
import { backends, freshDatabase } from '../harness.ts';

const NACHBARSCHAFT = seed.organisations.nachbarschaftshilfe.id;
const LERNPATEN = seed.organisations.lernpaten.id;
const HELGA = claimsFor(seed.people.helga.id); // coordinator, Nachbarschaftshilfe
const EMRE = claimsFor(seed.people.emre.id); // coordinator, Lernpaten

describe.each(backends)('batch proposals on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('plans within every helper’s remaining hours and each need’s free places', async () => {
		const plan = await asPerson(db.pool, HELGA, (tx) => planBatch(tx, NACHBARSCHAFT, 'de'));
		expect(plan.openNeeds).toBeGreaterThan(0);
		expect(plan.proposals.length).toBeGreaterThan(0);
		expect(plan.total).toBeCloseTo(
			plan.proposals.reduce((s, p) => s + p.score, 0),
			6
		);
		expect(plan.total).toBeLessThanOrEqual(plan.upperBound + 1e-6);
		expect(plan.total).toBeGreaterThanOrEqual(plan.greedyTotal - 1e-6);
		for (const p of plan.proposals) expect(p.explanation.length).toBeGreaterThan(0);

		const hoursByHelper = new Map<string, number>();
		for (const p of plan.proposals)
			hoursByHelper.set(p.helperId, (hoursByHelper.get(p.helperId) ?? 0) + p.hours);
		const { rows } = await db.pool.query<{ helper_id: string; remaining: number }>(
			`select o.helper_id, o.hours_per_month - private.committed_hours(o.helper_id, date_trunc('month', current_date)::date) as remaining
			 from offers o where o.helper_id = any($1)`,
			[[...hoursByHelper.keys()]]
		);
		// one standing offer per helper: every planned helper's hours are checked below
		expect(rows).toHaveLength(hoursByHelper.size);
		for (const row of rows)
			expect(hoursByHelper.get(row.helper_id)!).toBeLessThanOrEqual(Number(row.remaining) + 1e-9);
	});

	it('plans the same given the page’s transaction runner: the reads in transactions of their own, in parts side by side', async () => {
		const inOne = await asPerson(db.pool, HELGA, (tx) => planBatch(tx, NACHBARSCHAFT, 'de'));
		const runner = <T>(work: (tx: Queryable) => Promise<T>) => asPerson(db.pool, HELGA, work);
		for (const parts of [1, 2, 3]) {
			const byRunner = await planBatch(runner, NACHBARSCHAFT, 'de', parts);
			expect(byRunner.openNeeds, `${parts} part(s)`).toBe(inOne.openNeeds);
			expect(byRunner.total).toBeCloseTo(inOne.total, 6);
			expect(byRunner.proposals).toEqual(inOne.proposals);
		}
		// The parts a plan reads: each need in exactly one, together the whole.
		const whole = await runner((tx) => scoredForOrganisation(tx, NACHBARSCHAFT, 30));
		for (const parts of [2, 3]) {
			const lists = await Promise.all(
				Array.from({ length: parts }, (_, part) =>
					runner((tx) => scoredForOrganisation(tx, NACHBARSCHAFT, 30, { part, parts }))
				)
			);
			const needs = lists.flatMap((list) => [...list.keys()]);
			expect(new Set(needs).size, `${parts} parts overlap`).toBe(needs.length);
			expect(lists.filter((list) => list.size > 0).length).toBeGreaterThan(1);
			expect(new Map(lists.flatMap((list) => [...list]))).toEqual(whole);
		}
	});

	it('sends the reviewed pairs as batch proposals and refuses another organisation’s needs', async () => {
		const plan = await asPerson(db.pool, HELGA, (tx) => planBatch(tx, NACHBARSCHAFT, 'de'));
		const first = plan.proposals[0]!;
		const { rows: lernpatenNeeds } = await db.pool.query<{ id: string }>(
			`select id from needs where organisation_id = $1 and status = 'open' limit 1`,
			[LERNPATEN]
		);
		const { sent, notSent } = await sendBatch(
			(work) => asPerson(db.pool, HELGA, work),
			[
				{ needId: first.needId, helperId: first.helperId },
				{ needId: lernpatenNeeds[0]!.id, helperId: first.helperId }
			]
		);
		expect(sent.map((s) => (s.ok ? 'ok' : s.code))).toEqual(['ok', 'need_not_found']);
		expect(notSent).toEqual([]);
		const { rows } = await db.pool.query(
			'select status, initiated_by, score from matches where need_id = $1 and helper_id = $2',
			[first.needId, first.helperId]
		);
		// the stored score is the server's own, the one the plan showed
		expect(rows).toEqual([{ status: 'proposed', initiated_by: 'batch', score: first.score }]);
		const again = await sendBatch(
			(work) => asPerson(db.pool, HELGA, work),
			[{ needId: first.needId, helperId: first.helperId }]
		);
		expect(again.sent[0]).toMatchObject({ ok: false, code: 'already_matched' });
	});

	it('sends one batch at a time per organisation: a second while one runs is refused and writes nothing', async () => {
		const plan = await asPerson(db.pool, HELGA, (tx) => planBatch(tx, NACHBARSCHAFT, 'de'));
		const fresh = plan.proposals[0];
		expect(fresh, 'a proposal not yet sent').toBeDefined();
		const pair = { needId: fresh!.needId, helperId: fresh!.helperId };
		const written = async () =>
			(
				await db.pool.query<{ n: number }>(
					'select count(*)::int as n from matches where need_id = $1 and helper_id = $2',
					[pair.needId, pair.helperId]
				)
			).rows[0]!.n;
		// The running send's one pair (another organisation's need: refused by the database) waits
		// until the second send has been answered.
		const { rows: lernpatenNeeds } = await db.pool.query<{ id: string }>(
			`select id from needs where organisation_id = $1 and status = 'open' limit 1`,
			[LERNPATEN]
		);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const running = sendBatchFor(
			NACHBARSCHAFT,
			async (work) => {
				await gate;
				return asPerson(db.pool, HELGA, work);
			},
			[{ needId: lernpatenNeeds[0]!.id, helperId: pair.helperId }]
		);
		const helga = <T>(work: (tx: Queryable) => Promise<T>) => asPerson(db.pool, HELGA, work);
		expect(await sendBatchFor(NACHBARSCHAFT, helga, [pair])).toEqual({ busy: true });
		expect(await written()).toBe(0);
		// Another organisation's send is not refused: it takes its turn after the running pair
		// (Helga is refused there by the database).
		const foreign = { needId: lernpatenNeeds[0]!.id, helperId: pair.helperId };
		const other = sendBatchFor(LERNPATEN, helga, [foreign]);
		release();
		expect(await running).toMatchObject({ busy: false, sent: [{ ok: false }] });
		expect(await other).toMatchObject({
			busy: false,
			sent: [{ ok: false, code: 'need_not_found' }]
		});
		// Once it has finished, the organisation may send again.
		expect(await sendBatchFor(NACHBARSCHAFT, helga, [pair])).toMatchObject({
			busy: false,
			sent: [{ ok: true }]
		});
		expect(await written()).toBe(1);
	});

	it('plans nothing for an organisation the person does not coordinate', async () => {
		const plan = await asPerson(db.pool, EMRE, (tx) => planBatch(tx, NACHBARSCHAFT, 'de'));
		expect(plan.proposals).toEqual([]);
	});
});
