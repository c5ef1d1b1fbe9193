// Fewer round trips per request (src/lib/server/db/person.ts): a statement's values written as
// literals, the transaction's opening sent with its first statement, and `together` sending the
// statements made side by side as one message. Against scripted connections; the SQL itself runs
// in tests/db/requests (round trips, request transactions) on PGlite and PostgreSQL.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
	transactionHandle,
	together,
	type Opening,
	type Tx
} from '../../../src/lib/server/db/person.ts';
import { withLiterals } from '../../../src/lib/server/db/literals.ts';

describe('withLiterals', () => {
	it('writes each $n as the literal of the text node-postgres would send', () => {
		expect(
			withLiterals('select * from t where a = $1 and b = $2 and c = any($3) and d = $1', [
				"O'Brien",
				80,
				['x', 'y'],
				undefined
			])
		).toBe(
			`select * from t where a = 'O''Brien' and b = '80' and c = any('{"x","y"}') and d = 'O''Brien'`
		);
		expect(withLiterals('select $1, $2, $3', [null, true, { k: 'v' }])).toBe(
			`select null, 'true', '{"k":"v"}'`
		);
		// A backslash makes node-postgres write an E'' literal, read the same whatever the settings.
		expect(withLiterals('select $1', ['a\\b'])).toBe("select  E'a\\\\b'");
	});

	it('leaves a $n inside a string, a quoted name or a comment alone', () => {
		expect(withLiterals(`select '$1 it''s', "a$1" -- don't $1\n, $1 /* $1 */`, ['v'])).toBe(
			`select '$1 it''s', "a$1" -- don't $1\n, 'v' /* $1 */`
		);
	});

	it('gives up where it cannot be sure: E strings, dollar quotes, open quotes, bytes, NUL, a missing value', () => {
		// Read without the E, the quotes would pair up differently and $1 look like text.
		expect(withLiterals(`select E'\\'', $1 -- '`, ['v'])).toBeNull();
		expect(withLiterals('select $$ $1 $$', ['v'])).toBeNull();
		expect(withLiterals(`select 'open $1`, ['v'])).toBeNull();
		expect(withLiterals('select $1', [Buffer.from('x')])).toBeNull();
		expect(withLiterals('select $1', ['a\0b'])).toBeNull();
		expect(withLiterals('select $2', ['v'])).toBeNull();
	});
});

/** A client that answers each text with one result per statement, numbered in order. */
function scriptedClient(fail?: string) {
	const sent: string[] = [];
	let n = 0;
	const client = {
		query: async (text: string, values?: unknown[]) => {
			sent.push(values?.length ? `${text} ${JSON.stringify(values)}` : text);
			if (fail && text.includes(fail)) throw new Error('refused');
			const results = text.split(';').map(() => ({ rows: [{ n: ++n }], rowCount: 1 }));
			return results.length === 1 ? results[0] : results;
		}
	};
	return { client: client as unknown as pg.PoolClient, sent };
}

describe('the opening with the first statement', () => {
	it('sends the opening and the first statement as one message, the rest as they come', async () => {
		const { client, sent } = scriptedClient();
		const opening: Opening = {
			text: "begin; select set_config('role', 'anon', true)",
			sent: false
		};
		const tx = transactionHandle(Promise.resolve(client), () => false, opening);
		const first = await tx.query('select a from t where id = $1', ['x']);
		const second = await tx.query('select b from t where id = $1', ['y']);
		expect(sent).toEqual([
			"begin; select set_config('role', 'anon', true); select a from t where id = 'x'",
			'select b from t where id = $1 ["y"]'
		]);
		// The statement's own answer, not the opening's.
		expect(first.rows).toEqual([{ n: 3 }]);
		expect(second.rows).toEqual([{ n: 4 }]);
		expect(opening.sent).toBe(true);
	});

	it('sends the opening alone first when the statement cannot be written with literals', async () => {
		const { client, sent } = scriptedClient();
		const tx = transactionHandle(Promise.resolve(client), () => false, {
			text: 'begin',
			sent: false
		});
		await tx.query('select $1', [Buffer.from('x')]);
		expect(sent[0]).toBe('begin');
		expect(sent[1]).toMatch(/^select \$1 /);
	});
});

describe('together', () => {
	const plain = (client: pg.PoolClient): Tx =>
		transactionHandle(Promise.resolve(client), () => false);

	it('sends the statements made side by side as one message and answers each its own', async () => {
		const { client, sent } = scriptedClient();
		const reads = together(plain(client));
		const [a, b, c] = await Promise.all([
			reads.query('select 1 where $1', ['a']),
			(async () => {
				// A work's next statement after an await of a settled promise still joins.
				await Promise.resolve();
				return reads.query('select 2');
			})(),
			reads.query('select 3 where $1', ['c'])
		]);
		expect(sent).toEqual(["select 1 where 'a';\nselect 3 where 'c';\nselect 2"]);
		expect([a.rows, c.rows, b.rows]).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
	});

	it('reports a failed message to every statement in it', async () => {
		const { client } = scriptedClient('boom');
		const reads = together(plain(client));
		const results = await Promise.allSettled([reads.query('select 1'), reads.query('select boom')]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
	});

	it('sends statements one by one, in order, when one of them cannot be written with literals', async () => {
		const { client, sent } = scriptedClient();
		const reads = together(plain(client));
		await Promise.all([reads.query('select 1'), reads.query('select $1', [Buffer.from('x')])]);
		expect(sent[0]).toBe('select 1');
		expect(sent[1]).toMatch(/^select \$1 /);
	});
});
