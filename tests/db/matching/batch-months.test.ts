// Batch planning across months: a helper's capacity for a need is what is left in the tightest
// month the need runs in, and one plan never over-books any month. The helper here gives 10 hours
// a month and has 7 of February's already committed elsewhere, 1 of January's, none of March's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { planBatch, type BatchPlan } from '../../../src/lib/server/matching/batch.ts';
import { candidatesForNeed } from '../../../src/lib/server/matching/candidates.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, type Town, town } from './world.ts';

describe.each(backends)('batch planning over a helper’s months on %s', (backend) => {
	let db: Database;
	let t: Town;
	let mara: string;
	const needs: Record<string, { id: string; hours: number; months: string[] }> = {};

	beforeAll(async () => {
		db = await freshDatabase(backend);
		const pool = db.pool;
		t = await town(pool);
		mara = await helper(pool, { municipality: t.municipality, name: 'Mara', hours_per_month: 10 });
		const elsewhere = await need(pool, {
			organisation: t.orgB,
			hours: 7,
			starts_on: '2027-02-15',
			title: 'Woanders',
			// Hours only, no fixed times: this is about months, not double booking.
			time_windows: null
		});
		await match(pool, elsewhere, mara, 'active');
		const january = await need(pool, {
			organisation: t.orgB,
			hours: 1,
			starts_on: '2027-01-12',
			title: 'Woanders im Januar',
			time_windows: null
		});
		await match(pool, january, mara, 'active');

		const add = async (name: string, hours: number, months: string[], ends_on: string | null) => {
			const id = await need(pool, {
				organisation: t.orgA,
				title: name,
				hours,
				cadence: ends_on ? 'monthly' : 'one_off',
				starts_on: `${months[0]}-05`,
				ends_on
			});
			needs[name] = { id, hours, months };
		};
		// January, with 9 left, would carry 4 hours; February, with 3 left, would not.
		await add('Winter, 4 h monthly', 4, ['2027-01', '2027-02'], '2027-02-26');
		// Each fits on its own (3 hours left in February), both together do not.
		await add('Winter, 2 h monthly', 2, ['2027-01', '2027-02'], '2027-02-26');
		await add('February, 2 h once', 2, ['2027-02'], null);
		// March is free: the roomiest month must not become the helper's capacity for February.
		await add('March, 2 h once', 2, ['2027-03'], null);
	});
	afterAll(() => db.close());

	// Planned in each test, not in beforeAll: Stryker runs a mutant only with the tests that reach it.
	const planned = (): Promise<BatchPlan> =>
		as(db.pool, t.coordA, (tx) => planBatch(tx, t.orgA, 'de'));
	const plannedFor = (plan: BatchPlan, helperId: string) =>
		plan.proposals.filter((p) => p.helperId === helperId).map((p) => p.needTitle);

	it('counts the tightest month of a monthly need as the helper’s remaining hours', async () => {
		const candidates = (title: string) =>
			as(db.pool, t.coordA, (tx) => candidatesForNeed(tx, needs[title]!.id, 'de'));
		const [fits] = await candidates('Winter, 2 h monthly');
		expect(fits).toMatchObject({ helperId: mara, facts: { remainingHours: 3 } });
		expect(await candidates('Winter, 4 h monthly')).toEqual([]);
		expect(plannedFor(await planned(), mara)).not.toContain('Winter, 4 h monthly');
	});

	it('plans only one of two needs that each fit the tight month but not together', async () => {
		const february = plannedFor(await planned(), mara).filter(
			(title) => title !== 'March, 2 h once'
		);
		expect(february).toHaveLength(1);
		expect(['Winter, 2 h monthly', 'February, 2 h once']).toContain(february[0]);
	});

	it('leaves every month of the helper within their hours once the plan is accepted', async () => {
		const plan = await planned();
		for (const month of ['2027-01-01', '2027-02-01', '2027-03-01']) {
			const { rows } = await db.pool.query<{ committed: string }>(
				'select private.committed_hours($1, $2) as committed',
				[mara, month]
			);
			const planned = plan.proposals
				.filter((p) => p.helperId === mara)
				.map((p) => Object.values(needs).find((n) => n.id === p.needId)!)
				.filter((n) => n.months.includes(month.slice(0, 7)))
				.reduce((sum, n) => sum + n.hours, 0);
			expect(Number(rows[0]!.committed) + planned, month).toBeLessThanOrEqual(10);
		}
	});
});
