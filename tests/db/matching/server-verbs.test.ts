// The server verbs over the SQL functions: ranked, explained candidate lists and typed results
// for the match verbs (a refused verb leaves the transaction usable and writes nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { candidatesForNeed, needsForHelper } from '../../../src/lib/server/matching/candidates.ts';
import { accept, propose, request, withdraw } from '../../../src/lib/server/matching/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, person, town, type Town } from './world.ts';

describe.each(backends)('matching server verbs on %s', (backend) => {
	let db: Database;
	let t: Town;
	let needId: string;
	let near: string;
	let far: string;
	let busy: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
		near = await helper(db.pool, { municipality: t.municipality, name: 'Nah', north_km: 0.4 });
		far = await helper(db.pool, {
			municipality: t.municipality,
			name: 'Weiter',
			north_km: 2.5,
			languages: ['de']
		});
		busy = await helper(db.pool, { municipality: t.municipality, name: 'Erfahren', north_km: 0.3 });
		await match(
			db.pool,
			await need(db.pool, { organisation: t.orgB, starts_on: '2026-01-10' }),
			busy,
			'completed'
		);
	});
	afterAll(() => db.close());

	it('coordinator of A: candidates ranked by score with explanations in German', async () => {
		const list = await as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needId, 'de'));
		expect(list.map((c) => c.displayName)).toEqual(['Nah', 'Erfahren', 'Weiter']);
		expect(list[0]!.explanation).toEqual([
			'0,4 km entfernt',
			'Di-Nachmittage passen',
			'Spricht Türkisch',
			'Hat diesen Monat noch wenig vor (10 von 10 Std. frei)',
			'Erster Einsatz – neue Helfende willkommen'
		]);
		expect(list[0]!.score).toBeGreaterThan(list[1]!.score);
		expect(list[0]!.facts.remainingHours).toBe(10);
	});

	it('coordinator of B: no candidates for a need of A', async () => {
		expect(await as(db.pool, t.coordB, (tx) => candidatesForNeed(tx, needId, 'en'))).toEqual([]);
	});

	it('helper: fitting needs in English', async () => {
		const list = await as(db.pool, far, (tx) => needsForHelper(tx, 'en'));
		const mine = list.find((n) => n.needId === needId)!;
		expect(mine).toMatchObject({
			title: 'Hausaufgabenhilfe',
			organisationName: 'Verein A',
			hours: 4,
			cadence: 'one_off'
		});
		expect(mine.explanation[0]).toBe('2.5 km away');
	});

	it('typed results: a refused verb returns its code and the transaction goes on', async () => {
		const stranger = await person(db.pool, 'Fremd');
		const outcome = await as(db.pool, stranger, async (tx) => {
			const refused = await propose(tx, needId, near);
			const still = (await tx.query('select 1 as one')).rows[0];
			return { refused, still };
		});
		expect(outcome).toEqual({ refused: { ok: false, code: 'need_not_found' }, still: { one: 1 } });
	});

	it('request → accept → withdraw through the verbs', async () => {
		const requested = await as(db.pool, near, (tx) => request(tx, needId));
		expect(requested.ok).toBe(true);
		const matchId = (requested as { matchId: string }).matchId;
		expect(await as(db.pool, near, (tx) => accept(tx, matchId))).toEqual({
			ok: false,
			code: 'not_allowed'
		});
		expect(await as(db.pool, t.coordA, (tx) => accept(tx, matchId))).toEqual({
			ok: true,
			status: 'active'
		});
		expect(await as(db.pool, far, (tx) => request(tx, needId))).toEqual({
			ok: false,
			code: 'need_full'
		});
		expect(await as(db.pool, near, (tx) => withdraw(tx, matchId))).toEqual({ ok: true });
	});
});
