// app.need_history gives every reader exactly what the plain statement under their row-level
// security gave (the events they may read, the names they may see, oldest first): for every
// person of the demo towns and every need, after the seed's and some more matches' events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { needHistory } from '../../../src/lib/server/needs/history.ts';
import { executableBy } from '../privileges.ts';
import { backends, freshDatabase } from '../harness.ts';

/** The statement the need page read before app.need_history (the specification it keeps). */
const PLAIN = `select e.id::int as id, e.kind::text, to_char(e.occurred_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI') as "occurredAt",
        a.display_name as "actorName", h.display_name as "helperName", e.municipal_role::text as "municipalRole"
 from involvement_events e
 left join profiles a on a.id = e.actor_id
 left join profiles h on h.id = e.helper_id
 where e.need_id = $1
 order by e.occurred_at, e.id`;

describe.each(backends)("a need's history on %s", (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('is what row-level security lets each reader see, for every person and need', async () => {
		const { rows: people } = await db.pool.query<{ id: string }>(
			'select id from profiles order by id'
		);
		const { rows: needs } = await db.pool.query<{ id: string }>(
			`select n.id from needs n where exists (select 1 from involvement_events e where e.need_id = n.id)
			 order by n.id`
		);
		expect(people.length).toBeGreaterThan(20);
		expect(needs.length).toBeGreaterThan(5);
		let events = 0;
		let hidden = 0;
		for (const person of people)
			await asPerson(db.pool, claimsFor(person.id), async (tx) => {
				for (const need of needs) {
					const { rows: plain } = await tx.query(PLAIN, [need.id]);
					const history = await needHistory(tx, need.id);
					expect(history, `need ${need.id} as ${person.id}`).toEqual(plain);
					events += history.length;
					hidden += history.filter((e) => e.helperName === null && e.kind.includes('match')).length;
				}
			});
		// Coordinators read their needs' events, and some names stay hidden from some readers.
		expect(events).toBeGreaterThan(30);
		expect(hidden).toBeGreaterThan(0);
		expect(await executableBy(db.pool, ['app.need_history(uuid)'])).toEqual({
			anon: [],
			authenticated: ['app.need_history(uuid)']
		});
	});
});
