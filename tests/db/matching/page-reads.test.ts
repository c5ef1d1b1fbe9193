// app.helper_glance, app.need_matches, app.is_coordinator, app.coordinator_access and
// app.need_detail give every
// reader exactly what the plain statements the pages read before gave under the reader's
// row-level security: for every person of the demo towns (and every need or organisation), with
// matches in every state and contacts only where a match is active.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import {
	helperAtAGlance,
	matchesOfNeedWithContacts
} from '../../../src/lib/server/matching/read.ts';
import {
	coordinatorAccess,
	isCoordinator
} from '../../../src/lib/server/organisations/coordination.ts';
import { readNeed } from '../../../src/lib/server/needs/read.ts';
import { executableBy } from '../privileges.ts';
import { backends, freshDatabase } from '../harness.ts';

/** The statements the pages read before (the specifications the functions keep). */
const GLANCE = `select exists (select 1 from offers where helper_id = $1) as "hasOffer",
        (select count(*)::int from matches m where m.helper_id = $1 and m.status = 'proposed'
           and m.helper_accepted_at is null) as "toAnswer"`;
const NEED_MATCHES = `select m.id, coalesce(p.display_name, '–') as "helperName", m.status::text,
        m.initiated_by::text as "initiatedBy", m.score, m.end_reason as "endReason",
        case when m.status = 'active' then (select coalesce(json_agg(json_build_object('side', c.side,
          'displayName', c.display_name, 'email', c.email, 'phone', c.phone) order by c.n), '[]')
         from app.match_contacts(m.id) with ordinality c(side, display_name, email, phone, n))
        else '[]'::json end as contacts
 from matches m left join profiles p on p.id = m.helper_id
 where m.need_id = $1
 order by m.created_at`;
const NEED_DETAIL = `select n.id, n.organisation_id as "organisationId", o.name as "organisationName", n.title, n.description, n.category,
        n.target_group as "targetGroup", n.hours, n.cadence, n.starts_on as "startsOn",
        n.ends_on as "endsOn", n.remote, d.name as "districtName",
        n.helpers_wanted as "helpersWanted", n.requires_72a as "requires72a", n.status,
        n.sent_back_reason as "sentBackReason",
        to_char(n.sent_back_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "sentBackOn"
 from needs n
 join organisations o on o.id = n.organisation_id
 left join districts d on d.id = n.district_id
 where n.id = $1`;
const IS_COORDINATOR = `select 1 from memberships
 where person_id = $1 and role = 'coordinator' and status = 'active' limit 1`;
const ACCESS = `select o.id, (select json_build_object('id', c.id, 'name', c.name, 'kind', c.kind,
          'municipalityName', c."municipalityName") from (select o.id, o.name, o.kind, mu.name as "municipalityName"
	 from memberships m
	 join organisations o on o.id = m.organisation_id
	 join municipalities mu on mu.id = o.municipality_id
	 where m.person_id = $1 and m.role = 'coordinator' and m.status = 'active') c
        where c.id = o.id) as mine
 from organisations o where o.id = $2`;

describe.each(backends)('page reads as functions on %s', (backend) => {
	let db: Database;
	let people: string[];
	beforeAll(async () => {
		db = await freshDatabase(backend);
		people = (await db.pool.query<{ id: string }>('select id from profiles order by id')).rows.map(
			(r) => r.id
		);
	});
	afterAll(() => db.close());

	it("a helper's glance is the statement's, for every person, about themselves and others", async () => {
		// People with an offer or a proposal waiting: others must not learn either.
		const { rows: busy } = await db.pool.query<{ id: string }>(
			`select helper_id as id from offers
			 union select helper_id from matches where status = 'proposed' and helper_accepted_at is null
			 order by 1 limit 4`
		);
		expect(busy.length).toBeGreaterThan(1);
		const seen = new Set<string>();
		for (const person of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				for (const about of [person, ...busy.map((b) => b.id)]) {
					const { rows } = await tx.query(GLANCE, [about]);
					const glance = await helperAtAGlance(tx, about);
					expect(glance, `${about} as ${person}`).toEqual(rows[0]);
					seen.add(JSON.stringify(glance));
				}
			});
		// Offers and none, proposals waiting and none.
		expect(seen.size).toBeGreaterThan(2);
	});

	it("a need's matches with their contacts are the statement's, for every person and need", async () => {
		const { rows: needs } = await db.pool.query<{ id: string }>(
			'select distinct need_id as id from matches order by 1'
		);
		let matches = 0;
		let withContacts = 0;
		for (const person of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				for (const need of needs) {
					const { rows } = await tx.query(NEED_MATCHES, [need.id]);
					const read = await matchesOfNeedWithContacts(tx, need.id);
					expect(read, `need ${need.id} as ${person}`).toEqual(rows);
					matches += read.length;
					withContacts += read.filter((m) => m.contacts.length > 0).length;
				}
			});
		expect(matches).toBeGreaterThan(10);
		expect(withContacts).toBeGreaterThan(0);
		const functions = ['app.helper_glance(uuid)', 'app.need_matches(uuid)'];
		expect(await executableBy(db.pool, functions)).toEqual({ anon: [], authenticated: functions });
	});

	it("coordination and the coordinator pages' guard are the statements', for every person and organisation", async () => {
		const { rows: organisations } = await db.pool.query<{ id: string }>(
			'select id from organisations order by id'
		);
		const answers = { coordinators: 0, mine: 0, notMine: 0, unseen: 0 };
		for (const person of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				for (const about of [person, ...people.slice(0, 6)]) {
					const plain = (await tx.query(IS_COORDINATOR, [about])).rows.length > 0;
					expect(await isCoordinator(tx, about), `${about} as ${person}`).toBe(plain);
					if (about === person && plain) answers.coordinators++;
				}
				for (const organisation of organisations) {
					const { rows } = await tx.query<{ id: string; mine: unknown }>(ACCESS, [
						person,
						organisation.id
					]);
					const access = await coordinatorAccess(tx, person, organisation.id);
					const expected = !rows[0]
						? { found: false }
						: rows[0].mine
							? { found: true, mine: true, organisation: rows[0].mine }
							: { found: true, mine: false };
					expect(access, `${organisation.id} as ${person}`).toEqual(expected);
					if (!access.found) answers.unseen++;
					else if (access.mine) answers.mine++;
					else answers.notMine++;
				}
			});
		expect(answers.coordinators).toBeGreaterThan(3);
		expect(answers.mine).toBeGreaterThan(3);
		expect(answers.notMine).toBeGreaterThan(3);
		const functions = [
			'app.is_coordinator(uuid)',
			'app.coordinator_access(uuid, uuid)',
			'app.need_detail(uuid)'
		];
		expect(await executableBy(db.pool, functions)).toEqual({ anon: [], authenticated: functions });
	});

	it("a need as each reader may see it is the statement's, for every person and need", async () => {
		// One sent back with a reason, so that its date and reason are compared too.
		await db.pool.query(
			`update needs set sent_back_reason = 'Bitte Zeiten angeben', sent_back_at = now()
			 where id = (select id from needs where status = 'pending_approval' order by id limit 1)`
		);
		const { rows: needs } = await db.pool.query<{ id: string }>('select id from needs order by id');
		const seen = { shown: 0, hidden: 0, sentBack: 0 };
		for (const person of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				for (const need of needs) {
					const { rows } = await tx.query(NEED_DETAIL, [need.id]);
					const detail = await readNeed(tx, need.id);
					expect(detail, `need ${need.id} as ${person}`).toEqual(rows[0] ?? null);
					if (!detail) seen.hidden++;
					else seen.shown++;
					if (detail?.sentBackOn) seen.sentBack++;
				}
			});
		expect(seen.shown).toBeGreaterThan(50);
		expect(seen.hidden).toBeGreaterThan(50);
		expect(seen.sentBack).toBeGreaterThan(0);
	});
});
