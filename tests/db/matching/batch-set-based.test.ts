// Batch planning reads every open need's candidates in one statement
// (bookable_organisation_candidate_lists); the need page reads them need by need
// (bookable_need_candidates). Both must give the same helpers, facts, scores and order, for every
// need of every organisation of the demo towns, as each of its coordinators and as the town's
// municipal coordinator — on the seed, and again once load, history and bookings are added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { candidatesForNeed } from '../../../src/lib/server/matching/candidates.ts';
import {
	candidatesForOrganisation,
	listedRows,
	normal,
	type Row
} from '../../support/organisation-candidates.ts';
import { seed } from '../../support/seed-ids.ts';
import { populateBatchTown } from '../../bench/batch-town.ts';
import { backends, freshDatabase } from '../harness.ts';

interface Viewer {
	person: string;
	organisation: string;
}

/** Every (coordinator, organisation) pair of the seed, and each town's municipal coordinators for its organisations. */
async function viewers(db: Database): Promise<Viewer[]> {
	const { rows } = await db.pool.query<Viewer>(
		`select m.person_id as person, m.organisation_id as organisation
		 from memberships m where m.role = 'coordinator'
		 union
		 select m.person_id, o.id
		 from memberships m join organisations mo on mo.id = m.organisation_id and mo.kind = 'municipal'
		 join organisations o on o.municipality_id = mo.municipality_id
		 where m.role = 'coordinator'
		 order by 1, 2`
	);
	return rows;
}

/** The most parts with rows in one organisation's read (the parts are tried at all when > 1). */
let mostPartsFilled = 0;

async function compareAll(db: Database): Promise<number> {
	let compared = 0;
	for (const v of await viewers(db)) {
		await asPerson(db.pool, claimsFor(v.person), async (tx) => {
			const { rows: needs } = await tx.query<{ id: string }>(
				`select id from needs where organisation_id = $1 and status = 'open' order by id`,
				[v.organisation]
			);
			// The raw lists, uncut: the same set and pre-order per need.
			const all = await listedRows(tx, v.organisation);
			// Read in parts (side by side in a plan), the same rows: each need in one part, in order.
			for (const parts of [2, 3]) {
				const pieces: { need_id: string }[] = [];
				let filled = 0;
				for (let part = 0; part < parts; part++) {
					const rows = await listedRows(tx, v.organisation, part, parts);
					pieces.push(...rows);
					if (rows.length > 0) filled++;
				}
				mostPartsFilled = Math.max(mostPartsFilled, filled);
				const byNeed = pieces
					.map((r, i) => ({ r, i }))
					.sort((a, b) =>
						a.r.need_id < b.r.need_id ? -1 : a.r.need_id > b.r.need_id ? 1 : a.i - b.i
					)
					.map(({ r }) => r);
				expect(byNeed, `${parts} parts of ${v.organisation} as ${v.person}`).toEqual(all);
			}
			const ranked = await candidatesForOrganisation(tx, v.organisation, 'de', 30);
			for (const need of needs) {
				const { rows } = await tx.query<Row>(
					'select * from public.bookable_need_candidates($1, 100000)',
					[need.id]
				);
				const single = rows.map(normal);
				const mine = all
					.filter((r) => r.need_id === need.id)
					.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'need_id')));
				expect(mine, `rows of need ${need.id} as ${v.person}`).toEqual(single);
				const perNeed = await candidatesForNeed(tx, need.id, 'de', 30);
				expect(ranked.get(need.id) ?? [], `ranking of need ${need.id}`).toEqual(perNeed);
				compared += single.length;
			}
			// Nothing for needs of other organisations.
			expect(new Set(all.map((r) => r.need_id))).toEqual(
				new Set(needs.map((n) => n.id).filter((id) => all.some((r) => r.need_id === id)))
			);
		});
	}
	return compared;
}

describe.each(backends)('set-based batch candidates on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('equal the per-need candidates for every need of the demo towns', async () => {
		mostPartsFilled = 0;
		expect(await compareAll(db)).toBeGreaterThan(20);
		expect(mostPartsFilled).toBeGreaterThan(1);
	});

	it('read nothing, and fail nothing, for a part that does not exist', async () => {
		const all = await asPerson(db.pool, claimsFor(seed.people.emre.id), (tx) =>
			listedRows(tx, seed.organisations.lernpaten.id)
		);
		expect(all.length).toBeGreaterThan(0);
		for (const [part, parts] of [
			[0, 0],
			[-1, 2],
			[2, 2],
			[0, -3]
		]) {
			const rows = await asPerson(db.pool, claimsFor(seed.people.emre.id), (tx) =>
				listedRows(tx, seed.organisations.lernpaten.id, part, parts)
			);
			expect(rows, `part ${part} of ${parts}`).toEqual([]);
		}
	});

	it('stay equal with load, history and bookings added', async () => {
		// Each need's best candidate becomes active on it (where the guards allow): capacity,
		// double booking, "already matched" and history now differ between helpers.
		const pairs: { need: string; helper: string }[] = [];
		for (const town of [seed.people.katrin.id, seed.people.sabine.id]) {
			const { rows } = await asPerson(db.pool, claimsFor(town), (tx) =>
				tx.query<{ need: string; helper: string }>(
					`select n.id as need, c.helper_id as helper
					 from needs n cross join lateral public.bookable_need_candidates(n.id, 1) c
					 where n.status = 'open' order by n.starts_on, n.id`
				)
			);
			pairs.push(...rows);
		}
		let added = 0;
		for (const p of pairs) {
			const ok = await db.pool
				.query(
					`insert into matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'active', 'coordinator')`,
					[p.need, p.helper]
				)
				.then(() => true)
				.catch(() => false);
			if (ok) added++;
		}
		expect(added).toBeGreaterThan(3);
		expect(await compareAll(db)).toBeGreaterThan(20);
	});

	it('stay equal in a generated town, with windows on several days or none, and after offers change', async () => {
		// The batch finds helpers through private.offer_reach_keys (kind, slot of the week and reach
		// box); the per-need path through the offers themselves. Needs spanning two or three
		// weekdays or parts of a day, needs and offers without windows, and offers rewritten after
		// the keys were built (the trigger must follow) are where the two could part.
		const town = await populateBatchTown(db, { helpers: 300, needs: 40, loadMatches: 30 });
		await db.pool.query(
			`update public.needs set time_windows = time_windows + int4multirange(int4range(
			   ((lower(time_windows) / 1440 + 2) % 7) * 1440 + 600, ((lower(time_windows) / 1440 + 2) % 7) * 1440 + 720))
			 where organisation_id = $1 and time_windows is not null and title ~ '[02468]$'`,
			[town.organisation]
		);
		await db.pool.query(
			`update public.needs set time_windows = null where organisation_id = $1 and title ~ '3$'`,
			[town.organisation]
		);
		// Windows across the parts of a day (the keys' slots end at 12:00 and 17:00): Tuesday
		// 11:00–13:00 and 16:00–17:30, or 17:30–19:00, against the offers below (12:30–14:00 and
		// 16:45–18:00), which meet them in a later slot only.
		await db.pool.query(
			`update public.needs set time_windows = case when title ~ '7$' then '{[2100,2220),[2400,2490)}'
			                                             else '{[2490,2580)}' end::public.week_windows
			 where organisation_id = $1 and title ~ '[79]$'`,
			[town.organisation]
		);
		await db.pool.query(
			`update public.offers o set availability = '{[2190,2280),[2445,2520)}'::public.week_windows,
			   categories = enum_range(null::public.need_category), target_groups = enum_range(null::public.target_group),
			   radius_km = 20
			 from (select helper_id, row_number() over (order by helper_id) as i from public.offers
			       where municipality_id = (select municipality_id from public.organisations where id = $1)) g
			 where o.helper_id = g.helper_id and g.i % 8 = 1`,
			[town.organisation]
		);
		const { rowCount: changed } = await db.pool.query(
			`update public.offers o set
			   availability = case when g.i % 3 = 0 then null else '{[600,780),[4920,5040)}'::public.week_windows end,
			   categories = case when g.i % 3 = 1 then enum_range(null::public.need_category) else o.categories end,
			   radius_km = case when g.i % 3 = 2 then 20 else o.radius_km end,
			   home_lat = o.home_lat + 0.01
			 from (select helper_id, row_number() over (order by helper_id) as i from public.offers
			       where municipality_id = (select municipality_id from public.organisations where id = $1)) g
			 where o.helper_id = g.helper_id and g.i % 4 = 0`,
			[town.organisation]
		);
		expect(changed).toBeGreaterThan(50);
		// Moved home areas alone: the keys must move with them.
		const { rowCount: moved } = await db.pool.query(
			`update public.offers o set home_lat = o.home_lat - 0.02, home_lng = o.home_lng + 0.02
			 from (select helper_id, row_number() over (order by helper_id) as i from public.offers
			       where municipality_id = (select municipality_id from public.organisations where id = $1)) g
			 where o.helper_id = g.helper_id and g.i % 4 = 2 and o.home_lat is not null`,
			[town.organisation]
		);
		expect(moved).toBeGreaterThan(50);
		const keyed = await db.pool.query<{ stale: number }>(
			`select count(*)::int as stale from public.offers o
			 where o.reach is not null and exists (
			   select b::text from private.offer_reach_boxes(o.reach, o.categories, o.target_groups, o.availability) b
			   except select k.reach::text from private.offer_reach_keys k where k.helper_id = o.helper_id)`
		);
		expect(keyed.rows[0]!.stale).toBe(0);
		// Beside the two retrievals (the batch's keys, the need page's reach box), the rules alone,
		// applied to every offer of the town with no index (pair_checks over all of them), must
		// give each need the same helpers.
		const { rows: needs } = await db.pool.query<{ id: string }>(
			`select id from public.needs where organisation_id = $1 and status = 'open'`,
			[town.organisation]
		);
		let found = 0;
		for (const need of needs) {
			const { rows: every } = await db.pool.query<{ helper_id: string }>(
				`select c.helper_id from private.pair_checks($1,
				   array(select o from public.offers o join public.needs n on n.id = $1
				         where o.municipality_id = n.municipality_id)) c
				 where c.violation is null and not private.double_booked($1, c.helper_id, null)
				 order by c.helper_id`,
				[need.id]
			);
			const { rows: listed } = await asPerson(db.pool, claimsFor(town.coordinator), (tx) =>
				tx.query<{ helper_id: string }>(
					'select helper_id from public.bookable_need_candidates($1, 100000) order by helper_id',
					[need.id]
				)
			);
			expect(listed, `helpers of need ${need.id}`).toEqual(every);
			found += every.length;
		}
		expect(found).toBeGreaterThan(250);
		// And from the helpers' side: "needs for me" against the rules over every open need.
		const { rows: helpers } = await db.pool.query<{ id: string }>(
			`select o.helper_id as id from public.offers o
			 where o.municipality_id = (select municipality_id from public.organisations where id = $1)
			 order by o.helper_id limit 25`,
			[town.organisation]
		);
		let fitting = 0;
		for (const helper of helpers) {
			const { rows: every } = await db.pool.query<{ need_id: string }>(
				`select n.id as need_id from public.needs n
				 cross join lateral private.pair_checks(n.id, array(select o from public.offers o where o.helper_id = $1)) c
				 where n.status = 'open' and c.violation is null and not private.double_booked(n.id, $1, null)
				   and (select count(*) from public.matches m
				        where m.need_id = n.id and m.status in ('pending_approval', 'active')) < n.helpers_wanted
				 order by n.id`,
				[helper.id]
			);
			const { rows: listed } = await asPerson(db.pool, claimsFor(helper.id), (tx) =>
				tx.query<{ need_id: string }>(
					'select need_id from public.bookable_fitting_needs(100000) order by need_id'
				)
			);
			expect(listed, `needs for helper ${helper.id}`).toEqual(every);
			fitting += every.length;
		}
		expect(fitting).toBeGreaterThan(10);
		expect(await compareAll(db)).toBeGreaterThan(250);
	});

	it('leave out, for remote needs too, helpers who pause or lack the §72a inspection asked for', async () => {
		// Remote pairs are found apart from the near ones (organisation_nearby_offers' second
		// branch), where the pause and §72a rules are checked with the offer as well.
		let org = (
			await db.pool.query<{ id: string }>(
				`select id from organisations where name = 'Stapel e. V.'`
			)
		).rows[0]?.id;
		org ??= (await populateBatchTown(db, { helpers: 300, needs: 40, loadMatches: 30 }))
			.organisation;
		const { rows: coordinators } = await db.pool.query<{ person: string }>(
			`select person_id as person from memberships where organisation_id = $1 and role = 'coordinator'`,
			[org]
		);
		const remoteLists = async () => {
			const rows = await asPerson(db.pool, claimsFor(coordinators[0]!.person), (tx) =>
				listedRows(tx, org!)
			);
			const { rows: remote } = await db.pool.query<{ id: string; starts_on: string }>(
				`select id, starts_on::text from needs where organisation_id = $1 and status = 'open' and remote order by id`,
				[org]
			);
			return remote.map((n) => ({
				...n,
				// Met remotely (no distance); a remote need also lists helpers near it.
				helpers: rows
					.filter((r) => r.need_id === n.id && r.distance_km === null)
					.map((r) => r.helper_id as string)
			}));
		};
		const before = (await remoteLists()).filter((n) => n.helpers.length >= 2);
		expect(before.length).toBeGreaterThan(1);
		const [first, second] = before;
		const paused = first!.helpers[0]!;
		const uninspected = second!.helpers.find((h) => h !== paused)!;
		await db.pool.query(`update offers set paused_until = '2100-01-01' where helper_id = $1`, [
			paused
		]);
		await db.pool.query(`update needs set requires_72a = true where id = $1`, [second!.id]);
		await db.pool.query(`delete from inspections_72a where helper_id = $1`, [uninspected]);
		const after = await remoteLists();
		expect(after.flatMap((n) => n.helpers)).not.toContain(paused);
		expect(after.find((n) => n.id === first!.id)!.helpers.length).toBeGreaterThan(0);
		expect(after.find((n) => n.id === second!.id)!.helpers).not.toContain(uninspected);
		expect(await compareAll(db)).toBeGreaterThan(250);
	});

	it("keys a week's minutes by weekday and part of the day, so a probe meets only its slots' offers", async () => {
		// Morning before 12:00, afternoon until 17:00, evening after; a window's last minute is
		// upper − 1 (half-open ranges).
		const { rows } = await db.pool.query<{
			slots: number[];
			a: number[];
			b: number[];
			c: number[];
		}>(
			`select array(select private.week_slot(m) from unnest(array[0, 719, 720, 1019, 1020, 1439, 1440, 10079]) m) as slots,
			        private.window_slots('{[690,720)}') as a,
			        private.window_slots('{[2100,2220),[2400,2490)}') as b,
			        private.window_slots('{[1380,1500)}') as c`
		);
		expect(rows[0]).toEqual({
			slots: [0, 0, 1, 1, 2, 2, 3, 20],
			// 11:30–12:00 Monday; Tuesday 11:00–13:00 and 16:00–17:30; Monday 23:00 – Tuesday 01:00
			a: [0],
			b: [3, 4, 5],
			c: [2, 3]
		});
	});

	it('gives nothing to a person who does not coordinate the organisation', async () => {
		const rows = await asPerson(db.pool, claimsFor(seed.people.emre.id), (tx) =>
			candidatesForOrganisation(tx, seed.organisations.nachbarschaftshilfe.id, 'de')
		);
		expect(rows.size).toBe(0);
		const anon = await db.pool.query(
			`select has_function_privilege('anon', 'public.bookable_organisation_candidate_lists(uuid, integer, integer, integer)', 'execute') as p`
		);
		expect(anon.rows[0].p).toBe(false);
		// The retrieval index and its functions are the definer's alone: no API role reaches them.
		const reach = await db.pool.query(
			`select r.role,
			        has_function_privilege(r.role, 'private.organisation_nearby_offers(uuid, integer, integer)', 'execute') as nearby,
			        has_function_privilege(r.role, 'private.in_part(uuid, integer, integer)', 'execute') as part,
			        has_table_privilege(r.role, 'private.offer_reach_keys', 'select') as keys
			 from unnest(array['anon', 'authenticated']) r(role)`
		);
		expect(reach.rows).toEqual([
			{ role: 'anon', nearby: false, part: false, keys: false },
			{ role: 'authenticated', nearby: false, part: false, keys: false }
		]);
	});
});
