// The lists the pages rank (bookable_fitting_need_facts, bookable_need_candidate_facts) are the
// bookable lists with the need's preferred-language count beside each row: the same rows in the
// same order for every helper and every coordinator's need of the demo towns, the count equal to
// the need's own preferred languages, and nothing for anyone the lists would not show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { seed } from '../../support/seed-ids.ts';
import { executableBy } from '../privileges.ts';
import { backends, freshDatabase } from '../harness.ts';

type Row = Record<string, unknown> & { preferred_count?: number };

/** Each need's number of preferred languages, as the database holds it. */
async function preferredCounts(db: Database): Promise<Map<string, number>> {
	const { rows } = await db.pool.query<{ id: string; n: number }>(
		'select id, coalesce(cardinality(preferred_languages), 0) as n from public.needs'
	);
	return new Map(rows.map((r) => [r.id, r.n]));
}

const withoutCount = (row: Row) => {
	const rest = { ...row };
	delete rest.preferred_count;
	return rest;
};

describe.each(backends)('candidate lists with their facts on %s', (backend) => {
	let db: Database;
	let counts: Map<string, number>;
	beforeAll(async () => {
		db = await freshDatabase(backend);
		counts = await preferredCounts(db);
	});
	afterAll(() => db.close());

	it("give every helper the bookable needs, in order, each with its need's preferred-language count", async () => {
		const { rows: helpers } = await db.pool.query<{ id: string }>(
			'select helper_id as id from public.offers order by helper_id'
		);
		let rows = 0;
		let preferring = 0;
		for (const helper of helpers) {
			const [facts, plain] = await asPerson(db.pool, claimsFor(helper.id), async (tx) => [
				(await tx.query<Row>('select * from public.bookable_fitting_need_facts(1000)')).rows,
				(await tx.query<Row>('select * from public.bookable_fitting_needs(1000)')).rows
			]);
			expect(facts.map(withoutCount), `needs for ${helper.id}`).toEqual(plain);
			for (const f of facts) {
				expect(f.preferred_count, `need ${String(f.need_id)}`).toBe(counts.get(String(f.need_id)));
				if (f.preferred_count! > 0) preferring++;
			}
			rows += facts.length;
		}
		expect(rows).toBeGreaterThan(20);
		expect(preferring).toBeGreaterThan(0);
	});

	it("give every coordinator their needs' candidates, in order, with the need's count; nobody else any", async () => {
		const { rows: pairs } = await db.pool.query<{ person: string; need: string }>(
			`select m.person_id as person, n.id as need
			 from memberships m join needs n on n.organisation_id = m.organisation_id
			 where m.role = 'coordinator' and m.status = 'active' and n.status = 'open'
			 order by 1, 2`
		);
		let rows = 0;
		for (const { person, need } of pairs) {
			const [facts, plain] = await asPerson(db.pool, claimsFor(person), async (tx) => [
				(
					await tx.query<Row>('select * from public.bookable_need_candidate_facts($1, 1000)', [
						need
					])
				).rows,
				(await tx.query<Row>('select * from public.bookable_need_candidates($1, 1000)', [need]))
					.rows
			]);
			expect(facts.map(withoutCount), `candidates of ${need} for ${person}`).toEqual(plain);
			for (const f of facts) expect(f.preferred_count).toBe(counts.get(need));
			rows += facts.length;
		}
		expect(rows).toBeGreaterThan(20);
		// A helper sees open needs, but not their candidates.
		const stranger = await asPerson(db.pool, claimsFor(seed.people.mara.id), (tx) =>
			tx.query('select * from public.bookable_need_candidate_facts($1, 1000)', [pairs[0]!.need])
		);
		expect(stranger.rows).toEqual([]);
		const functions = [
			'public.bookable_fitting_need_facts(integer)',
			'public.bookable_need_candidate_facts(uuid, integer)',
			'private.bookable_fitting_need_fact_rows(integer)'
		];
		expect(await executableBy(db.pool, functions)).toEqual({ anon: [], authenticated: functions });
	});
});
