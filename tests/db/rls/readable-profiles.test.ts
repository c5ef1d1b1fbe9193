// The profiles policy asks one helper, private.readable_profile_ids (20261130000300), where it
// asked three: for every person of the demo towns, the profiles they read are their own and
// exactly those the three helpers name (pool members, match counterparts, fellow coordinators).
// A second active coordinator of an organisation, an invited one, a paused helper and a match
// waiting for the town's approval are added, so that every branch names someone whom no other
// branch names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { seed } from '../../support/seed-ids.ts';
import { backends, freshDatabase } from '../harness.ts';

/**
 * Whom the policy of 20261128000200 let the person read: themself and whom the three helpers
 * name (asked directly, not through profiles, whose policy is the one under test).
 */
const THREE_HELPERS = `select (select auth.uid()) as id union select private.pool_member_ids()
  union select private.match_counterpart_ids(false) union select private.fellow_coordinator_ids()`;

/** Of the people the three helpers name, those only `branch` names (not the person themself). */
const ONLY = (branch: string, others: string[]) =>
	`select count(*)::int as n from (select ${branch} except (select (select auth.uid())
	   ${others.map((o) => `union all select ${o}`).join(' ')})) x`;
const BRANCHES = [
	'private.pool_member_ids()',
	'private.match_counterpart_ids(false)',
	'private.fellow_coordinator_ids()'
];

describe.each(backends)('profiles readable through one helper (%s)', (backend) => {
	let db: Database;
	let people: string[];
	let profiles: Set<string>;
	beforeAll(async () => {
		db = await freshDatabase(backend);
		const { lernpaten } = seed.organisations;
		// A fellow coordinator of Lernpaten who is neither in its pool nor matched with it, one
		// only invited (not readable), and a paused helper in its pool.
		const { rows: outsider } = await db.pool.query<{ id: string }>(
			`select p.id from profiles p
			 where not exists (select 1 from memberships m where m.person_id = p.id and m.organisation_id = $1)
			   and not exists (select 1 from matches m where m.helper_id = p.id and m.organisation_id = $1)
			 order by p.id limit 2`,
			[lernpaten.id]
		);
		await db.pool.query(
			`insert into memberships (organisation_id, person_id, role, status)
			 values ($1, $2, 'coordinator', 'active'), ($1, $3, 'coordinator', 'invited')`,
			[lernpaten.id, outsider[0]!.id, outsider[1]!.id]
		);
		await db.pool.query(
			`update memberships set status = 'paused'
			 where id = (select id from memberships where organisation_id = $1 and role = 'helper' and status = 'active'
			             order by id limit 1)`,
			[lernpaten.id]
		);
		// A match waiting for the town's approval: the town's coordinators read its helper.
		const { rowCount: waiting } = await db.pool.query(
			`update matches set status = 'pending_approval'
			 where id = (select id from matches where status = 'requested' order by id limit 1)`
		);
		expect(waiting).toBe(1);
		await db.pool.query('analyze');
		people = (await db.pool.query<{ id: string }>('select id from profiles order by id')).rows.map(
			(r) => r.id
		);
		profiles = new Set(people);
	});
	afterAll(() => db.close());

	it('every person reads the profiles the three helpers named, no more and no fewer', async () => {
		const onlyBy = [0, 0, 0];
		let read = 0;
		for (const person of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				const { rows: now } = await tx.query<{ id: string }>('select id from profiles order by id');
				const { rows: before } = await tx.query<{ id: string }>(`${THREE_HELPERS} order by 1`);
				expect(before.every((r) => profiles.has(r.id))).toBe(true);
				expect(now, `as ${person}`).toEqual(before);
				read += now.length;
				for (const [i, branch] of BRANCHES.entries()) {
					const others = BRANCHES.filter((b) => b !== branch);
					const { rows } = await tx.query<{ n: number }>(ONLY(branch, others));
					onlyBy[i] = (onlyBy[i] ?? 0) + rows[0]!.n;
				}
			});
		// Each branch alone let someone read someone.
		expect(
			onlyBy.every((n) => n > 0),
			`only by each branch: ${onlyBy.join(', ')}`
		).toBe(true);
		expect(read).toBeGreaterThan(people.length);
	});

	it('a person who coordinates nothing reads only their own profile', async () => {
		const { rows } = await db.pool.query<{ id: string }>(
			`select p.id from profiles p
			 where not exists (select 1 from memberships m where m.person_id = p.id and m.role = 'coordinator')
			 order by p.id limit 3`
		);
		expect(rows.length).toBe(3);
		for (const { id } of rows)
			await asPerson(db.pool, claimsFor(id), async (tx) => {
				expect((await tx.query('select id from profiles')).rows).toEqual([{ id }]);
				expect((await tx.query('select private.readable_profile_ids()')).rows).toEqual([]);
			});
	});
});
