// The simple-protocol forms of person.ts on the real server: a statement with its values written
// as literals (withLiterals) answers exactly as the same statement with parameters, and `together`
// gives each read its own rows, the same as one by one, in a person's transaction that runs as
// them (claims and role) — on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, asSystem, claimsFor, together } from '../../../src/lib/server/db/person.ts';
import { withLiterals } from '../../../src/lib/server/db/literals.ts';
import { backends, freshDatabase } from '../harness.ts';

describe.each(backends)('statements as literals on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('answers as with parameters: quotes, backslashes, unicode, numbers, booleans, null, arrays, json, dates', async () => {
		const text =
			'select $1::text as q, $2::text as b, $3::text as u, $4::numeric as n, $5::boolean as t, ' +
			'$6::text as z, $7::text[] as a, $8::jsonb as j, $9::timestamptz as d, $10::int as i';
		const values = [
			"O'Brien ''x''",
			'a\\b\\\\c\\n',
			'Zürich – 日本 😀',
			-12.5,
			false,
			null,
			["it's", 'a\\b', null, '{x,y}', '"q"'],
			{ k: "v'\\", n: [1, null] },
			new Date('2026-03-29T01:30:00Z'),
			0
		];
		const literal = withLiterals(text, values);
		expect(literal).not.toBeNull();
		const viaLiterals = await db.pool.query(literal!);
		const viaParameters = await db.pool.query(text, values);
		expect(viaLiterals.rows).toEqual(viaParameters.rows);
		expect(viaLiterals.rows[0]).toMatchObject({
			q: "O'Brien ''x''",
			b: 'a\\b\\\\c\\n',
			u: 'Zürich – 日本 😀',
			t: false,
			z: null,
			a: ["it's", 'a\\b', null, '{x,y}', '"q"'],
			j: { k: "v'\\", n: [1, null] },
			i: 0
		});
		expect((viaLiterals.rows[0] as { d: Date }).d.toISOString()).toBe('2026-03-29T01:30:00.000Z');
	});

	it('runs a person’s statements as them, together giving each read its own rows as one by one', async () => {
		const claims = claimsFor('00000000-0000-4000-8000-000000000001', "o'b@example.org");
		const reads = [
			['select current_user::text as who', []],
			["select current_setting('request.jwt.claims', true)::jsonb ->> 'email' as email", []],
			['select x from generate_series(1, $1::int) as x', [3]],
			["select $1::text || '!' as said", ["it's"]]
		] as const;
		const oneByOne = await asPerson(db.pool, claims, async (tx) => {
			const out = [];
			for (const [text, values] of reads) out.push((await tx.query(text, [...values])).rows);
			return out;
		});
		const side = await asPerson(db.pool, claims, async (tx) => {
			const t = together(tx);
			return (await Promise.all(reads.map(([text, values]) => t.query(text, [...values])))).map(
				(r) => r.rows
			);
		});
		expect(side).toEqual(oneByOne);
		expect(side).toEqual([
			[{ who: 'authenticated' }],
			[{ email: "o'b@example.org" }],
			[{ x: 1 }, { x: 2 }, { x: 3 }],
			[{ said: "it's!" }]
		]);
	});

	it('keeps nothing of a transaction whose work failed, and the pool works on', async () => {
		await asSystem(db.pool, (tx) => tx.query('create table if not exists lit_t (v text)'));
		await expect(
			asSystem(db.pool, async (tx) => {
				await tx.query('insert into lit_t values ($1)', ["kept'not"]);
				await tx.query('select 1/0');
			})
		).rejects.toThrow(/division by zero/);
		const { rows } = await asSystem(db.pool, (tx) =>
			tx.query('select count(*)::int as n from lit_t')
		);
		expect(rows).toEqual([{ n: 0 }]);
	});
});
