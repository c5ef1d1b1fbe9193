// How a person's transaction runs (src/lib/server/db/person.ts), against scripted connections:
// which statements reach the wire and in what order (the opening, commit, rollback), what a
// handle refuses once its transaction has ended, oncePerTransaction's sharing, how long `together`
// gathers, and withLiterals' reading of the statement text where a mistake would put a value in
// the wrong place. The SQL itself runs in tests/db/requests on PGlite and PostgreSQL.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
	asAnonymous,
	asPerson,
	asSystem,
	claimsFor,
	oncePerTransaction,
	openingFor,
	together,
	transactionHandle,
	type Tx
} from '../../../src/lib/server/db/person.ts';
import { withLiterals } from '../../../src/lib/server/db/literals.ts';

describe('withLiterals reads the statement text', () => {
	const v = ['v'];

	it('reads a quote at the very start, and a quoted name after an e, as plain quotes', () => {
		expect(withLiterals("'$1' = $1", v)).toBe("'$1' = 'v'");
		expect(withLiterals('select e"$1", $1', v)).toBe(`select e"$1", 'v'`);
		// An e ending a longer word (type'…') does not make an E string.
		expect(withLiterals("select xe'$1', $1", v)).toBe("select xe'$1', 'v'");
	});

	it('gives up on an E string wherever it stands', () => {
		expect(withLiterals("E'x' || $1", v)).toBeNull();
		expect(withLiterals("select e'ab', $1", v)).toBeNull();
	});

	it("reads an empty string and '' inside a string", () => {
		expect(withLiterals("select '', $1", v)).toBe("select '', 'v'");
		expect(withLiterals("select 'a''$1', $1", v)).toBe("select 'a''$1', 'v'");
	});

	it('takes a minus for a minus and -- for a comment, to the end of its line or text', () => {
		expect(withLiterals('select 1 - $1', v)).toBe("select 1 - 'v'");
		expect(withLiterals('select 1 -$1', v)).toBe("select 1 -'v'");
		expect(withLiterals('select $1 -- the end', v)).toBe("select 'v' -- the end");
		expect(withLiterals("select $1 -- it'\n, 'b'", v)).toBe("select 'v' -- it'\n, 'b'");
	});

	it('takes a slash for a division and /* */ for a comment, and gives up on an open or nested one', () => {
		expect(withLiterals('select 4 / $1', v)).toBe("select 4 / 'v'");
		expect(withLiterals('select /* a $1 */ $1', v)).toBe("select /* a $1 */ 'v'");
		expect(withLiterals("select /* x' */ $1, 'y'", v)).toBe("select /* x' */ 'v', 'y'");
		// 2 * $1, the comment right after the star.
		expect(withLiterals('select 2*/* $1 */ $1', v)).toBe("select 2*/* $1 */ 'v'");
		expect(withLiterals('/* open $1', v)).toBeNull();
		expect(withLiterals('select /* a /* b */ $1', v)).toBeNull();
	});

	it('reads $n with all its digits, and gives up on a $ that is no parameter', () => {
		const ten = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
		expect(withLiterals('select $10, $1', ten)).toBe("select 'v10', 'v1'");
		expect(withLiterals('select $ x, $1', v)).toBeNull();
		expect(withLiterals('select x$1', v)).toBeNull();
		expect(withLiterals('select $0', v)).toBeNull();
	});

	it('gives up on a $n without values, and writes numbers, booleans, dates and null', () => {
		expect(withLiterals('select $1')).toBeNull();
		expect(withLiterals('select 1')).toBe('select 1');
		expect(
			withLiterals('select $1, $2, $3, $4', [-1.5, false, new Date('2026-01-02T03:04:05Z'), null])
		).toMatch(/^select '-1\.5', 'false', '2026-01-0\d[T ]\d\d:04:05[^']*', null$/);
	});
});

/** A pool with one client that records what it is sent and answers one result per statement. */
function scriptedPool(fail?: string) {
	const sent: string[] = [];
	let released = 0;
	let n = 0;
	const client = {
		query: async (text: string, values?: unknown[]) => {
			sent.push(values?.length ? `${text} ${JSON.stringify(values)}` : text);
			if (fail && text.includes(fail)) throw new Error('refused');
			const results = text.split(';').map(() => ({ rows: [{ n: ++n }], rowCount: 1 }));
			return results.length === 1 ? results[0] : results;
		},
		release: () => void released++
	};
	const pool = { connect: async () => client } as unknown as pg.Pool;
	return { pool, client: client as unknown as pg.PoolClient, sent, released: () => released };
}

describe('a transaction on the wire', () => {
	it("opens a person's transaction with their claims and role, then commits", async () => {
		const { pool, sent, released } = scriptedPool();
		const claims = claimsFor('u1', 'a@b.c');
		expect(claims).toEqual({ sub: 'u1', role: 'authenticated', email: 'a@b.c' });
		expect(claimsFor('u1')).toEqual({ sub: 'u1', role: 'authenticated' });
		const rows = await asPerson(pool, claims, async (tx) => (await tx.query('select 1')).rows);
		expect(rows).toEqual([{ n: 3 }]);
		expect(sent).toEqual([`${openingFor(claims)}; select 1`, 'commit']);
		expect(sent[0]).toContain(`'{"sub":"u1","role":"authenticated","email":"a@b.c"}'`);
		expect(sent[0]).toContain("set_config('role', 'authenticated', true)");
		// The time limits travel with the role (PERSON_LIMITS; tests/db/safeguards/time-limits.test.ts).
		expect(sent[0]).toContain("set_config('statement_timeout', '30s', true)");
		expect(released()).toBe(1);
	});

	it('opens an anonymous transaction as anon, a system one with begin alone', async () => {
		const anon = scriptedPool();
		const rows = await asAnonymous(anon.pool, async (tx) => (await tx.query('select 1')).rows);
		expect(rows).toEqual([{ n: 3 }]);
		expect(anon.sent).toEqual([
			`begin; select set_config('request.jwt.claims', '{"role":"anon"}', true), set_config('role', 'anon', true), ` +
				`set_config('statement_timeout', '30s', true), set_config('lock_timeout', '5s', true); select 1`,
			'commit'
		]);
		const system = scriptedPool();
		const own = await asSystem(system.pool, async (tx) => (await tx.query('select 1')).rows);
		expect(own).toEqual([{ n: 2 }]);
		expect(system.sent).toEqual(['begin; select 1', 'commit']);
	});

	it('sends nothing, not even commit or rollback, for work that made no statement', async () => {
		const { pool, sent, released } = scriptedPool();
		expect(await asPerson(pool, claimsFor('u1'), async () => 7)).toBe(7);
		await expect(
			asPerson(pool, claimsFor('u1'), async () => {
				throw new Error('no');
			})
		).rejects.toThrow('no');
		expect(sent).toEqual([]);
		expect(released()).toBe(2);
	});

	it('rolls back after a failure and passes the failure on', async () => {
		const { pool, sent, released } = scriptedPool('boom');
		await expect(
			asPerson(pool, claimsFor('u1'), async (tx) => {
				await tx.query('select 1');
				await tx.query('select boom');
			})
		).rejects.toThrow('refused');
		expect(sent.slice(1)).toEqual(['select boom', 'rollback']);
		expect(released()).toBe(1);
	});

	it('refuses a query on the handle once its transaction has ended, by success or failure', async () => {
		const { pool, sent } = scriptedPool();
		let kept: Tx | undefined;
		await asPerson(pool, claimsFor('u1'), async (tx) => {
			kept = tx;
			await tx.query('select 1');
		});
		await expect(kept!.query('select 2')).rejects.toThrow('query after its transaction ended');
		await expect(
			asPerson(pool, claimsFor('u1'), async (tx) => {
				kept = tx;
				await tx.query('select 3');
				throw new Error('no');
			})
		).rejects.toThrow('no');
		await expect(kept!.query('select 4')).rejects.toThrow('query after its transaction ended');
		expect(sent.filter((s) => /select [24]/.test(s))).toEqual([]);
	});

	it('refuses a query after the end at once, without waiting for the client or marking the opening sent', async () => {
		const opening = { text: 'begin', sent: false };
		const never = new Promise<pg.PoolClient>(() => undefined);
		const tx = transactionHandle(never, () => true, opening);
		await expect(tx.query('select 1')).rejects.toThrow('query after its transaction ended');
		expect(opening.sent).toBe(false);
	});

	it('refuses a query whose transaction ended while it waited for the client', async () => {
		const { client, sent } = scriptedPool();
		let ended = false;
		let give!: (c: pg.PoolClient) => void;
		const tx = transactionHandle(new Promise((resolve) => (give = resolve)), () => ended);
		const waiting = tx.query('select 1');
		ended = true;
		give(client);
		await expect(waiting).rejects.toThrow('query after its transaction ended');
		expect(sent).toEqual([]);
	});
});

describe('oncePerTransaction', () => {
	const handle = (client: pg.PoolClient): Tx =>
		transactionHandle(Promise.resolve(client), () => false);

	it('runs once per key and transaction, shares the result, and again in the next transaction', async () => {
		const { client } = scriptedPool();
		let runs = 0;
		const run = async () => ++runs;
		const tx = handle(client);
		expect(await oncePerTransaction(tx, 'a', run)).toBe(1);
		expect(await oncePerTransaction(tx, 'a', run)).toBe(1);
		expect(await oncePerTransaction(tx, 'b', run)).toBe(2);
		expect(await oncePerTransaction(handle(client), 'a', run)).toBe(3);
		// together(tx) shares tx's record.
		expect(await oncePerTransaction(together(tx), 'a', run)).toBe(1);
		expect(await oncePerTransaction(together(tx), 'c', run)).toBe(4);
		expect(await oncePerTransaction(tx, 'c', run)).toBe(4);
		expect(runs).toBe(4);
	});

	it('runs every time on something that is no transaction handle', async () => {
		const { client } = scriptedPool();
		let runs = 0;
		const run = async () => ++runs;
		expect(await oncePerTransaction(client, 'a', run)).toBe(1);
		expect(await oncePerTransaction(client, 'a', run)).toBe(2);
		expect(await oncePerTransaction(together(client), 'a', run)).toBe(3);
	});
});

describe('together gathers', () => {
	const plain = (client: pg.PoolClient): Tx =>
		transactionHandle(Promise.resolve(client), () => false);

	const after = async (turns: number, reads: Tx, text: string) => {
		for (let i = 0; i < turns; i++) await Promise.resolve();
		return reads.query(text);
	};

	it('the statements made within a few microtask turns of the first, no later one', async () => {
		// after(n, …) makes its statement n awaits (of settled promises) after the first.
		const sentWith = async (turns: number) => {
			const { client, sent } = scriptedPool();
			const reads = together(plain(client));
			await Promise.all([reads.query('select 0'), after(turns, reads, 'select late')]);
			return sent;
		};
		expect(await sentWith(3)).toEqual(['select 0;\nselect late']);
		expect(await sentWith(4)).toEqual(['select 0', 'select late']);
	});

	it('message after message, each answering only its own statements', async () => {
		const { client, sent } = scriptedPool();
		const reads = together(plain(client));
		const first = await Promise.all([reads.query('select 1'), reads.query('select 2')]);
		const second = await Promise.all([reads.query('select 3'), reads.query('select 4')]);
		const alone = await reads.query('select 5');
		expect(sent).toEqual(['select 1;\nselect 2', 'select 3;\nselect 4', 'select 5']);
		expect([...first, ...second, alone].map((r) => r.rows[0])).toEqual([
			{ n: 1 },
			{ n: 2 },
			{ n: 3 },
			{ n: 4 },
			{ n: 5 }
		]);
	});
});
