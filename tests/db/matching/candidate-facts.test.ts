// The lists the pages rank (bookable_fitting_need_facts, bookable_need_candidate_facts) are the
// bookable lists with the need's preferred-language count beside each row: the same rows in the
// same order for every helper and every coordinator's need of the demo towns, the count equal to
// the need's own preferred languages, and nothing for anyone the lists would not show. Both lists
// are set-based (20261129000400_candidate_facts.sql, 20261130000900_need_candidate_facts_set_based.sql)
// while bookable_fitting_needs and bookable_need_candidates check need by need (pair_checks,
// double_booked): a generated town with load, bookings, pauses and §72a needs holds them to the
// same rows as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { seed } from '../../support/seed-ids.ts';
import { populateBatchTown } from '../../bench/batch-town.ts';
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

	/** Compares the two helper lists for every helper with an offer; the rows compared. */
	async function compareHelpers(): Promise<Row[]> {
		const { rows: helpers } = await db.pool.query<{ id: string }>(
			'select helper_id as id from public.offers order by helper_id'
		);
		const compared: Row[] = [];
		for (const helper of helpers) {
			const [facts, plain] = await asPerson(db.pool, claimsFor(helper.id), async (tx) => [
				(await tx.query<Row>('select * from public.bookable_fitting_need_facts(1000)')).rows,
				(await tx.query<Row>('select * from public.bookable_fitting_needs(1000)')).rows
			]);
			expect(facts.map(withoutCount), `needs for ${helper.id}`).toEqual(plain);
			for (const f of facts)
				expect(f.preferred_count, `need ${String(f.need_id)}`).toBe(counts.get(String(f.need_id)));
			compared.push(...facts);
		}
		return compared;
	}

	/** Compares the coordinator's two lists for each (person, need); the rows compared. */
	async function compareNeeds(pairs: { person: string; need: string }[]): Promise<Row[]> {
		const compared: Row[] = [];
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
			// One helper's row (a proposal's score): the list's row for every third candidate, and
			// nothing for a helper the list leaves out (the need's coordinator is never a candidate).
			const pairs = await asPerson(db.pool, claimsFor(person), async (tx) => {
				const one = (helper: unknown) =>
					tx
						.query<Row>('select * from public.bookable_need_candidate_facts($1, 1, $2)', [
							need,
							helper
						])
						.then((r) => r.rows);
				return {
					rows: await Promise.all(facts.filter((_, i) => i % 3 === 0).map((f) => one(f.helper_id))),
					outsider: await one(person)
				};
			});
			expect(pairs.rows, `one helper's row of ${need}`).toEqual(
				facts.filter((_, i) => i % 3 === 0).map((f) => [f])
			);
			expect(pairs.outsider).toEqual([]);
			compared.push(...facts);
		}
		return compared;
	}

	it("give every helper the bookable needs, in order, each with its need's preferred-language count", async () => {
		const rows = await compareHelpers();
		expect(rows.length).toBeGreaterThan(20);
		expect(rows.filter((r) => r.preferred_count! > 0).length).toBeGreaterThan(0);
	});

	it("give every coordinator their needs' candidates, in order, with the need's count; nobody else any", async () => {
		// An organisation's coordinators for its needs; a town's municipal coordinators for every
		// need in the town.
		const { rows: pairs } = await db.pool.query<{ person: string; need: string }>(
			`select distinct m.person_id as person, n.id as need
			 from memberships m
			 join organisations o on o.id = m.organisation_id
			 join needs n on n.organisation_id = m.organisation_id
			              or (o.kind = 'municipal' and n.municipality_id = o.municipality_id)
			 where m.role = 'coordinator' and m.status = 'active' and n.status = 'open'
			 order by 1, 2`
		);
		const rows = await compareNeeds(pairs);
		expect(rows.length).toBeGreaterThan(20);
		const { rows: byTown } = await db.pool.query<{ n: number }>(
			`select count(*)::integer as n from memberships m join organisations o on o.id = m.organisation_id
			 join needs n on n.municipality_id = o.municipality_id and n.organisation_id <> o.id
			 where o.kind = 'municipal' and m.role = 'coordinator' and m.status = 'active' and n.status = 'open'`
		);
		expect(byTown[0]!.n).toBeGreaterThan(0);

		// A need with candidates, its coordinator, and a coordinator who may not see them: of
		// another organisation, not the town's office of the need's town.
		const { rows: cases } = await db.pool.query<{ need: string; own: string; other: string }>(
			`select n.id as need, mine.person_id as own, theirs.person_id as other
			 from needs n
			 join memberships mine on mine.organisation_id = n.organisation_id and mine.role = 'coordinator' and mine.status = 'active'
			 join memberships theirs on theirs.role = 'coordinator' and theirs.status = 'active'
			 join organisations t on t.id = theirs.organisation_id and t.id <> n.organisation_id
			  and not (t.kind = 'municipal' and t.municipality_id = n.municipality_id)
			 where n.status = 'open'
			 order by (t.municipality_id = n.municipality_id) desc, 1, 2, 3`
		);
		let found: { need: string; own: string; other: string } | undefined;
		for (const c of cases) {
			const own = await asPerson(db.pool, claimsFor(c.own), (tx) =>
				tx.query('select * from private.bookable_need_candidate_fact_rows($1, 1000)', [c.need])
			);
			if (own.rows.length > 0) {
				found = c;
				break;
			}
		}
		expect(found, 'a need with candidates and a coordinator elsewhere').toBeDefined();
		// A helper sees open needs, but not their candidates; nor does that coordinator, not even
		// calling the private function that the public one wraps.
		for (const person of [seed.people.mara.id, found!.other]) {
			const [wrapped, direct] = await asPerson(db.pool, claimsFor(person), async (tx) => [
				await tx.query('select * from public.bookable_need_candidate_facts($1, 1000)', [
					found!.need
				]),
				await tx.query('select * from private.bookable_need_candidate_fact_rows($1, 1000)', [
					found!.need
				])
			]);
			expect(wrapped.rows, person).toEqual([]);
			expect(direct.rows, person).toEqual([]);
		}
		const functions = [
			'public.bookable_fitting_need_facts(integer)',
			'public.bookable_need_candidate_facts(uuid, integer, uuid)',
			'private.bookable_fitting_need_fact_rows(integer)',
			'private.bookable_need_candidate_fact_rows(uuid, integer, uuid)'
		];
		expect(await executableBy(db.pool, functions)).toEqual({ anon: [], authenticated: functions });
	});

	it('give every helper of a generated town the same needs as the need-by-need rules, with load, bookings, pauses and §72a', async () => {
		const town = await populateBatchTown(db, { helpers: 120, needs: 400, loadMatches: 40 });
		const { organisation } = town;
		// This month's load too (the batch town's load is next month): committed_this_month. Today
		// in Berlin, whose month the fact counts (tomorrow is next month on a month's last day).
		await db.pool.query(
			`with n as (
			   insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, time_windows, lat, lng, status, helpers_wanted)
			   select o.id, 'Heute ' || g, 'errands', 'seniors', 2, private.berlin_today(), '{[600,660)}', 48.1, 11.5, 'open', 20
			   from public.organisations o cross join generate_series(0, 7) g
			   where o.name = 'Andere Hilfe e. V.' returning id, title)
			 insert into public.matches (need_id, helper_id, status, initiated_by)
			 select n.id, o.helper_id, 'active', 'coordinator'
			 from public.offers o join n on n.title = 'Heute ' || left(o.helper_id::text, 1)`
		);
		// Pauses: some end before the needs begin, some after.
		await db.pool.query(
			`update public.offers set paused_until = date_trunc('month', current_date + 35)::date + (get_byte(decode(md5(helper_id::text), 'hex'), 0) % 28)
			 where helper_id::text ~ '^[0-3]'`
		);
		// §72a: every third need asks for it; half the helpers were inspected by the organisation,
		// some with a listed conviction, some due for a re-check before the needs end (replacing
		// the town's own inspections by the organisation; those by the town's office stay).
		await db.pool.query(
			`update public.needs set requires_72a = true where organisation_id = $1 and title ~ '[036]$'`,
			[organisation]
		);
		await db.pool.query(
			`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, certificate_date, conviction_listed, recheck_on)
			 select o.helper_id, $1, $2, current_date - 30, o.helper_id::text ~ '^[01]',
			        case when o.helper_id::text ~ '^[23]' then current_date + 40 else current_date + 700 end
			 from public.offers o where o.helper_id::text ~ '^[0-9a]'
			 on conflict (helper_id, inspecting_organisation_id) do update
			   set certificate_date = excluded.certificate_date, conviction_listed = excluded.conviction_listed,
			       recheck_on = excluded.recheck_on`,
			[organisation, town.coordinator]
		);
		// Bookings: each of some helpers takes their first fitting need (the guards may refuse).
		const { rows: helpers } = await db.pool.query<{ id: string }>(
			`select helper_id as id from public.offers where helper_id::text ~ '[02468ace]$'`
		);
		let booked = 0;
		for (const h of helpers) {
			const first = await asPerson(db.pool, claimsFor(h.id), (tx) =>
				tx.query<{ need_id: string }>('select need_id from public.bookable_fitting_needs(1)')
			);
			if (!first.rows[0]) continue;
			const added = await db.pool
				.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, $3, 'coordinator')`,
					[first.rows[0].need_id, h.id, booked % 3 === 0 ? 'pending_approval' : 'active']
				)
				.then(() => 1)
				.catch(() => 0);
			booked += added;
		}
		expect(booked).toBeGreaterThan(5);
		// Some of those matches are over: history counts them, load does not.
		const completed = await db.pool.query(
			`update public.matches set status = 'completed', ended_at = now()
			 where status = 'active' and helper_id::text ~ '^[4-9]'`
		);
		expect(completed.rowCount).toBeGreaterThan(2);
		counts = await preferredCounts(db);

		const rows = await compareHelpers();
		expect(rows.length).toBeGreaterThan(100);
		// The facts the rules compute differ from helper to helper.
		expect(rows.some((r) => Number(r.committed_this_month) > 0)).toBe(true);
		expect(rows.some((r) => Number(r.remaining_hours) < Number(r.capacity))).toBe(true);
		expect(rows.some((r) => Number(r.total_matches) > 0)).toBe(true);
		expect(rows.some((r) => r.distance_km === null)).toBe(true);
		expect(rows.some((r) => r.windows_fit === null)).toBe(true);

		// The coordinator's side in the same town: the organisation's coordinator for each of its
		// open needs (set-based, 20261130000900) against the need-by-need rules.
		const { rows: needs } = await db.pool.query<{ need: string }>(
			`select id as need from public.needs where organisation_id = $1 and status = 'open' order by id`,
			[organisation]
		);
		const candidates = await compareNeeds(
			needs.map(({ need }) => ({ person: town.coordinator, need }))
		);
		expect(candidates.length).toBeGreaterThan(100);
		expect(new Set(candidates.map((r) => r.helper_id)).size).toBeGreaterThan(20);
		expect(candidates.some((r) => Number(r.helped_org_before) > 0)).toBe(true);
		expect(candidates.some((r) => Number(r.remaining_hours) < Number(r.capacity))).toBe(true);
		expect(candidates.some((r) => r.distance_km === null)).toBe(true);
		expect(candidates.some((r) => r.preferred_count! > 0)).toBe(true);
	});
});
