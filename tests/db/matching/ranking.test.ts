// Ties in the ranked lists: the database pre-orders candidates by windows, then distance, but the
// lists a person sees are ordered by the full score, then the nearer, then (for needs) the earlier
// start, then the id, so equal scores always come out in one stable order. Each town below is
// built so that the database's pre-order and the list's order disagree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { planBatch } from '../../../src/lib/server/matching/batch.ts';
import { candidatesForNeed, needsForHelper } from '../../../src/lib/server/matching/candidates.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town } from './world.ts';

const byId = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

describe.each(backends)('ranked lists break ties in a stable order on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('coordinator: of two candidates with the same score the nearer comes first', async () => {
		const t = await town(db.pool);
		const needId = await need(db.pool, { organisation: t.orgA });
		// 3.83 km with fitting windows scores as much as 0.5 km at any time (78.5 points each).
		await helper(db.pool, {
			municipality: t.municipality,
			name: 'Fenster',
			north_km: 3.8333,
			radius_km: 5
		});
		await helper(db.pool, {
			municipality: t.municipality,
			name: 'Jederzeit',
			north_km: 0.5,
			availability: null
		});

		const list = await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needId, 'de'));
		expect(list.map((c) => [c.displayName, c.score])).toEqual([
			['Jederzeit', 78.5],
			['Fenster', 78.5]
		]);
		// Asked for one, the list holds the best one only, even where the database pre-orders it second.
		const top = await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needId, 'de', 1));
		expect(top.map((c) => c.displayName)).toEqual(['Jederzeit']);
	});

	it('coordinator: a helper meeting remotely counts as farther than any distance', async () => {
		const t = await town(db.pool);
		const needId = await need(db.pool, { organisation: t.orgA, remote: true });
		// Meeting remotely scores like 5 km away (15 points).
		await helper(db.pool, {
			municipality: t.municipality,
			name: 'Online',
			north_km: null,
			remote_ok: true
		});
		await helper(db.pool, {
			municipality: t.municipality,
			name: 'Fünf km',
			north_km: 5,
			radius_km: 6
		});

		const list = await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needId, 'de'));
		expect(list.map((c) => [c.displayName, c.facts.distanceKm === null, c.score])).toEqual([
			['Fünf km', false, 75],
			['Online', true, 75]
		]);
	});

	it('coordinator: same score, same distance: by helper id', async () => {
		const t = await town(db.pool);
		const needId = await need(db.pool, { organisation: t.orgA });
		const [first, second] = byId(
			await helper(db.pool, { municipality: t.municipality, name: 'Eins' }),
			await helper(db.pool, { municipality: t.municipality, name: 'Zwei' })
		);
		// The first gives no windows (10 instead of 20 points) but has helped A before (10 points);
		// the second has helped elsewhere: neither is new, both score 72.
		await db.pool.query('update offers set availability = null where helper_id = $1', [first]);
		await match(
			db.pool,
			await need(db.pool, { organisation: t.orgA, starts_on: '2026-01-10' }),
			first,
			'completed'
		);
		await match(
			db.pool,
			await need(db.pool, { organisation: t.orgB, starts_on: '2026-01-10' }),
			second,
			'completed'
		);

		const list = await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needId, 'de'));
		expect(list.map((c) => [c.helperId, c.facts.windowsFit, c.score])).toEqual([
			[first, null, 72],
			[second, true, 72]
		]);
	});

	it('helper: of two needs with the same score the earlier start comes first, then the id', async () => {
		const t = await town(db.pool);
		const me = await helper(db.pool, { municipality: t.municipality, north_km: 1 });
		const ids = await Promise.all(
			[1, 2, 3, 4].map(() => need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' }))
		);
		const [a, b, c, d] = [...ids].sort();
		// Fitting windows but no preferred language the helper speaks scores as much as no windows
		// with Turkish preferred; the database lists the fitting windows first.
		const anyTimeInTurkish = (id: string, startsOn: string) =>
			db.pool.query(
				`update needs set time_windows = null, preferred_languages = '{tr}', starts_on = $2 where id = $1`,
				[id, startsOn]
			);
		await db.pool.query(`update needs set preferred_languages = '{fr}' where id = any($1)`, [ids]);
		await anyTimeInTurkish(b!, '2027-03-09');
		await anyTimeInTurkish(c!, '2027-03-10');

		const list = await as(db.pool, me, (tx) => needsForHelper(tx, 'de'));
		expect(list.map((n) => [n.needId, n.startsOn, n.score])).toEqual([
			[b, '2027-03-09', 77],
			[a, '2027-03-10', 77],
			[c, '2027-03-10', 77],
			[d, '2027-03-10', 77]
		]);
		const top = await as(db.pool, me, (tx) => needsForHelper(tx, 'de', 1));
		expect(top.map((n) => n.needId)).toEqual([b]);
	});

	it('coordinator: a batch plan lists its proposals by need title, the better first', async () => {
		const t = await town(db.pool);
		// One helper per need (each offers only that need's category); the solver hands the pairs
		// back in the needs' order of start, which is neither the order by title nor by score.
		const pair = async (title: string, category: string, startsOn: string, northKm: number) => {
			const needId = await need(db.pool, {
				organisation: t.orgA,
				title,
				category,
				starts_on: startsOn
			});
			const helperId = await helper(db.pool, {
				municipality: t.municipality,
				categories: [category],
				north_km: northKm
			});
			return { needId, helperId };
		};
		const reading = await pair('Zeitung vorlesen', 'advice', '2027-03-01', 0);
		const farther = await pair('Hausaufgabenhilfe', 'homework', '2027-03-02', 2);
		const nearer = await pair('Hausaufgabenhilfe', 'digital', '2027-03-03', 1);

		const plan = await as(db.pool, t.coordA, (tx) => planBatch(tx, t.orgA, 'de'));
		expect(
			plan.proposals.map((p) => ({ needId: p.needId, helperId: p.helperId, score: p.score }))
		).toEqual([
			{ ...nearer, score: 87 },
			{ ...farther, score: 84 },
			{ ...reading, score: 90 }
		]);
	});
});
