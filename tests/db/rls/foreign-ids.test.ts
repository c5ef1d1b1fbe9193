// Another organisation's record answers as no record does, whatever its state (migration
// 20261130001000). The verbs find a match through
// private.match_of_party, which restates the matches' read policy for one row: held here to the
// policy for every person and match of the demo towns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor, type Tx } from '../../../src/lib/server/db/person.ts';
import { seed } from '../../support/seed-ids.ts';
import { backends, freshDatabase } from '../harness.ts';

const NOWHERE = '00000000-0000-4000-8000-00000000dead';
const { helga, sabine, katrin } = seed.people;
const { nachbarschaftshilfe } = seed.organisations;

/** The error a statement raises (its message, the verb's code), or 'ok'; the transaction goes on. */
async function raised(tx: Tx, sql: string, params: unknown[]): Promise<string> {
	await tx.query('savepoint try');
	try {
		await tx.query(sql, params);
		await tx.query('release savepoint try');
		return 'ok';
	} catch (error) {
		await tx.query('rollback to savepoint try');
		return (error as Error).message;
	}
}

/** Every match verb a person could call with a match's id. */
const MATCH_VERBS = [
	'select app.accept_match($1)',
	'select app.accept_match_once($1, gen_random_uuid())',
	'select app.decline_match($1)',
	'select app.decline_match_once($1, gen_random_uuid())',
	`select app.withdraw_match_with_reason($1, '')`,
	`select app.complete_match($1, '')`,
	'select app.approve_match($1)',
	`select app.send_back_match($1, 'Nicht bei uns.')`
];

describe.each(backends)('another organisation’s ids (%s)', (backend) => {
	let db: Database;
	let matches: { id: string; status: string; organisation_id: string; municipality_id: string }[];
	let needs: { id: string; status: string; organisation_id: string; municipality_id: string }[];
	beforeAll(async () => {
		db = await freshDatabase(backend);
		// A match waiting for the town, so that every state a match holds a place in is here.
		const { rowCount } = await db.pool.query(
			`update matches set status = 'pending_approval'
			 where id = (select id from matches where status = 'requested' order by id limit 1)`
		);
		expect(rowCount).toBe(1);
		matches = (
			await db.pool.query(
				'select id, status, organisation_id, municipality_id from matches order by id'
			)
		).rows;
		needs = (
			await db.pool.query(
				'select id, status, organisation_id, municipality_id from needs order by id'
			)
		).rows;
	});
	afterAll(() => db.close());

	it('match_of_party finds exactly the matches the read policy shows, for every person', async () => {
		const people = (await db.pool.query<{ id: string }>('select id from profiles order by id'))
			.rows;
		let found = 0;
		for (const { id: person } of people)
			await asPerson(db.pool, claimsFor(person), async (tx) => {
				const readable = (
					await tx.query<{ id: string }>('select id from matches order by id')
				).rows.map((r) => r.id);
				const party: string[] = [];
				for (const m of matches) {
					const answer = await raised(tx, 'select private.match_of_party($1)', [m.id]);
					if (answer === 'ok') party.push(m.id);
					else expect(answer).toBe('match_not_found');
				}
				expect(party, `as ${person}`).toEqual(readable);
				found += party.length;
			});
		// Not all alike: some people are party to some matches.
		expect(found).toBeGreaterThan(0);
		expect(found).toBeLessThan(people.length * matches.length);
	});

	it('each match verb answers a stranger’s match, in every state, as it answers no match', async () => {
		// Helga coordinates the Nachbarschaftshilfe; Sabine governs another town.
		const foreign = [
			{
				who: helga.id,
				matches: matches.filter((m) => m.organisation_id !== nachbarschaftshilfe.id)
			},
			{ who: sabine.id, matches }
		];
		// Five states: active, proposed, the one waiting for the town, declined and completed.
		expect(new Set(matches.map((m) => m.status)).size).toBe(5);
		const before = (await db.pool.query('select id, status, updated_at from matches order by id'))
			.rows;
		for (const { who, matches: theirs } of foreign)
			await asPerson(db.pool, claimsFor(who), async (tx) => {
				for (const verb of MATCH_VERBS) {
					const none = await raised(tx, verb, [NOWHERE]);
					expect(none).toBe('match_not_found');
					for (const m of theirs)
						expect(await raised(tx, verb, [m.id]), `${verb} ${m.status}`).toBe(none);
				}
			});
		expect(
			(await db.pool.query('select id, status, updated_at from matches order by id')).rows
		).toEqual(before);
	});

	it('a party who may not take the step hears not_allowed (it reads the match anyway)', async () => {
		// Katrin governs Lindenau and coordinates its volunteer agency, not this match's organisation.
		const active = matches.find(
			(m) =>
				m.status === 'active' && m.organisation_id !== seed.organisations.freiwilligenagentur.id
		)!;
		await asPerson(db.pool, claimsFor(katrin.id), async (tx) => {
			expect(await raised(tx, `select app.withdraw_match_with_reason($1, '')`, [active.id])).toBe(
				'not_allowed'
			);
		});
	});

	it('proposing for, or deciding on, another organisation’s or town’s need answers as for no need', async () => {
		const states = new Set(needs.map((n) => n.status));
		expect(states.size).toBeGreaterThanOrEqual(3);
		const helper = seed.people.heinz.id;
		await asPerson(db.pool, claimsFor(helga.id), async (tx) => {
			const none = await raised(tx, 'select app.propose_match($1, $2)', [NOWHERE, helper]);
			expect(none).toBe('need_not_found');
			for (const n of needs.filter((n) => n.organisation_id !== nachbarschaftshilfe.id))
				expect(await raised(tx, 'select app.propose_match($1, $2)', [n.id, helper]), n.status).toBe(
					none
				);
		});
		// A need a helper cannot read (a draft, one waiting for its town, a closed one) answers their
		// request as no need does, in either town.
		const hidden = needs.filter((n) => !['open', 'matched'].includes(n.status));
		expect(hidden.length).toBeGreaterThan(0);
		for (const helper of [seed.people.heinz.id, seed.people.ines.id])
			await asPerson(db.pool, claimsFor(helper), async (tx) => {
				for (const verb of [
					'select app.request_match($1)',
					'select app.request_match_once($1, gen_random_uuid())'
				]) {
					expect(await raised(tx, verb, [NOWHERE])).toBe('need_not_found');
					for (const n of hidden)
						expect(await raised(tx, verb, [n.id]), n.status).toBe('need_not_found');
				}
			});
		// Adopting a suggestion into another organisation's need: as into none.
		await asPerson(db.pool, claimsFor(sabine.id), async (tx) => {
			const { rows } = await tx.query<{ id: string }>(
				'select id from need_suggestions order by id limit 1'
			);
			const suggestion = rows[0]?.id ?? NOWHERE;
			const none = await raised(tx, 'select app.adopt_suggestion($1, $2)', [suggestion, NOWHERE]);
			expect(none).toBe('need_not_found');
			for (const n of needs.filter((n) => n.municipality_id === seed.municipalities.lindenau.id))
				expect(
					await raised(tx, 'select app.adopt_suggestion($1, $2)', [suggestion, n.id]),
					n.status
				).toBe(none);
		});
		// A helper of another town is proposed as a helper of nothing is: whatever their offer says.
		await asPerson(db.pool, claimsFor(seed.people.emre.id), async (tx) => {
			const own = seed.needs.lernpatenschaftDeutsch.id;
			const none = await raised(tx, 'select app.propose_match($1, $2)', [own, NOWHERE]);
			expect(none).toBe('no_offer');
			expect(await raised(tx, 'select app.propose_match($1, $2)', [own, seed.people.ines.id])).toBe(
				none
			);
		});
		await asPerson(db.pool, claimsFor(sabine.id), async (tx) => {
			const lindenau = needs.filter((n) => n.municipality_id === seed.municipalities.lindenau.id);
			expect(lindenau.length).toBeGreaterThan(0);
			for (const verb of [
				'select app.approve_need($1)',
				`select app.send_back_need($1, 'Nein, danke.')`
			]) {
				expect(await raised(tx, verb, [NOWHERE])).toBe('need_not_found');
				for (const n of lindenau)
					expect(await raised(tx, verb, [n.id]), n.status).toBe('need_not_found');
			}
		});
	});
});
