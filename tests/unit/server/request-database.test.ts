// The request's database handle (src/lib/server/db/request.ts) on a pool that records what each
// connection is sent: which calls share a connection, what each message carries (the role
// statement, no begin or commit for reads; a transaction per call for writes), when the
// connection returns to the pool (after the loop turns with no work left, at the latest in
// settled()), what an unused one costs, and what a failed connection does to the calls.
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openingFor, roleFor } from '../../../src/lib/server/db/person.ts';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';

const ROLE = roleFor(null);

interface Connection {
	id: number;
	sent: string[];
	released: (Error | boolean | undefined)[];
}

/** A pool whose connections answer every statement; `answer` may refuse or delay one. */
function recordingPool(
	answer: (text: string) => Promise<void> = async () => undefined,
	connect?: () => Promise<never>
) {
	const connections: Connection[] = [];
	const pool = {
		connect: async () => {
			if (connect) return connect();
			const connection: Connection = { id: connections.length + 1, sent: [], released: [] };
			connections.push(connection);
			return {
				async query(text: string) {
					connection.sent.push(text);
					await answer(text);
					const results = text
						.split(/;\s+/)
						.map((statement) => ({ rows: [{ connection: connection.id, statement }] }));
					return results.length === 1 ? results[0] : results;
				},
				release: (error?: Error | boolean) => void connection.released.push(error)
			};
		}
	};
	/** The connection a statement went to (the opening rides with the first). */
	const where = (statement: string) =>
		connections.find((c) => c.sent.some((text) => text.split(/;\s+/).includes(statement)))?.id;
	return { pool: pool as unknown as pg.Pool, connections, where };
}

const pause = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => vi.restoreAllMocks());

describe('which calls share a connection', () => {
	it('a HEAD shares one, as a GET does', async () => {
		const { pool, where } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'HEAD');
		await Promise.all([db((tx) => tx.query('one')), db((tx) => tx.query('two'))]);
		await settled();
		expect(where('one')).toBe(1);
		expect(where('two')).toBe(1);
	});

	it("side by side, two calls' statements go as one message after the role, with no begin or commit", async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		const [one, two] = await Promise.all([
			db((tx) => tx.query('one')),
			db((tx) => tx.query('two'))
		]);
		await settled();
		expect(connections.map((c) => c.sent)).toEqual([[`${ROLE}; one;\ntwo`]]);
		// Each call gets its own statement's answer.
		expect([one.rows, two.rows]).toEqual([
			[{ connection: 1, statement: 'one' }],
			[{ connection: 1, statement: 'two' }]
		]);
	});

	it("a person's reads carry the person's claims in every message", async () => {
		const { pool, connections } = recordingPool();
		const claims = { sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated' } as const;
		const { db, settled } = requestDatabase(pool, claims, 'GET');
		await db(async (tx) => {
			await tx.query('first');
			await tx.query('second');
		});
		await settled();
		expect(connections[0]!.sent).toEqual([
			`${roleFor(claims)}; first`,
			`${roleFor(claims)}; second`
		]);
		expect(roleFor(claims)).toContain(claims.sub);
	});

	it('a POST gives each call its own transaction, committed before the call returns', async () => {
		const { pool, connections } = recordingPool();
		const { db } = requestDatabase(pool, null, 'POST');
		await Promise.all([db((tx) => tx.query('one')), db((tx) => tx.query('two'))]);
		expect(connections.map((c) => c.sent)).toEqual([
			[`${openingFor(null)}; one`, 'commit'],
			[`${openingFor(null)}; two`, 'commit']
		]);
	});

	it('a call made right after another finished joins it, however long it waits before its query', async () => {
		const { pool, where, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		await db((tx) => tx.query('first'));
		const second = await db(async (tx) => {
			await pause();
			return tx.query('second');
		});
		expect(second.rows).toEqual([{ connection: 1, statement: 'second' }]);
		expect(where('second')).toBe(1);
		await settled();
		expect(connections[0]!.sent).toEqual([`${ROLE}; first`, `${ROLE}; second`]);
	});

	it('a call that finishes while another still runs leaves the connection for it', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		const [, slow] = await Promise.all([
			db((tx) => tx.query('quick')),
			db(async (tx) => {
				await pause();
				return tx.query('slow');
			})
		]);
		expect(slow.rows).toEqual([{ connection: 1, statement: 'slow' }]);
		await settled();
		expect(connections[0]!.sent).toEqual([`${ROLE}; quick`, `${ROLE}; slow`]);
		expect(connections[0]!.released).toEqual([undefined]);
	});

	it('a call that fails while another still runs: the other finishes on the same connection, nothing to roll back', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		const failing = db(async (tx) => {
			await tx.query('doomed');
			throw new Error('the page failed');
		});
		const slow = db(async (tx) => {
			await pause();
			return tx.query('slow');
		});
		await expect(failing).rejects.toThrow('the page failed');
		expect((await slow).rows).toEqual([{ connection: 1, statement: 'slow' }]);
		await settled();
		expect(connections).toEqual([
			{ id: 1, sent: [`${ROLE}; doomed`, `${ROLE}; slow`], released: [undefined] }
		]);
	});

	it('a message the server refuses fails its calls only; later reads go on', async () => {
		const refused = new Error('relation does not exist');
		const { pool, connections } = recordingPool((text) =>
			text.includes('broken') ? Promise.reject(refused) : Promise.resolve()
		);
		const { db, settled } = requestDatabase(pool, null, 'GET');
		await expect(db((tx) => tx.query('broken'))).rejects.toBe(refused);
		expect((await db((tx) => tx.query('fine'))).rows).toEqual([
			{ connection: 1, statement: 'fine' }
		]);
		await settled();
		expect(connections[0]!.sent).toEqual([`${ROLE}; broken`, `${ROLE}; fine`]);
	});
});

describe('a statement whose values cannot be literals', () => {
	it('goes alone in a transaction of its own, with no other message between', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		// A NUL cannot travel in a text message: this one goes by the extended protocol.
		await Promise.all([db((tx) => tx.query('select $1', ['a\0b'])), db((tx) => tx.query('plain'))]);
		await settled();
		expect(connections[0]!.sent).toEqual([
			`begin; ${ROLE}`,
			'select $1',
			'commit',
			`${ROLE}; plain`
		]);
	});

	it('rolls its transaction back when refused, and the next read goes on', async () => {
		const refused = new Error('invalid byte sequence');
		const { pool, connections } = recordingPool((text) =>
			text === 'select $1' ? Promise.reject(refused) : Promise.resolve()
		);
		const { db, settled } = requestDatabase(pool, null, 'GET');
		await expect(db((tx) => tx.query('select $1', ['a\0b']))).rejects.toBe(refused);
		await db((tx) => tx.query('next'));
		await settled();
		expect(connections[0]!.sent).toEqual([
			`begin; ${ROLE}`,
			'select $1',
			'rollback',
			`${ROLE}; next`
		]);
	});
});

describe('when the connection returns to the pool', () => {
	it('once the loop turns with no work left; the next call gets another', async () => {
		const { pool, connections, where } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		await db((tx) => tx.query('first'));
		await pause();
		expect(connections[0]).toMatchObject({ sent: [`${ROLE}; first`], released: [undefined] });
		await db((tx) => tx.query('later'));
		await settled();
		expect(where('later')).toBe(2);
		expect(connections[1]!.released).toEqual([undefined]);
	});

	it('settled() while a call still runs does not take the connection from under it', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		const running = db(async (tx) => {
			await pause();
			return tx.query('late');
		});
		await settled();
		expect((await running).rows).toEqual([{ connection: 1, statement: 'late' }]);
		await pause();
		expect(connections[0]).toMatchObject({ sent: [`${ROLE}; late`], released: [undefined] });
	});

	it('a query after the connection went back is refused, never sent on it', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		let kept: { query(text: string): Promise<unknown> } | undefined;
		await db(async (tx) => {
			kept = tx;
			await tx.query('first');
		});
		await settled();
		await expect(kept!.query('straggler')).rejects.toThrow('query after its transaction ended');
		expect(connections[0]!.sent).toEqual([`${ROLE}; first`]);
	});

	it('a connection no call queried sends nothing and goes back', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, null, 'GET');
		expect(await db(async () => 'nothing asked')).toBe('nothing asked');
		await settled();
		expect(connections).toEqual([{ id: 1, sent: [], released: [undefined] }]);
	});
});

describe('failures at the edges', () => {
	it('a failed connection: a call that queries gets its error, one that does not is unharmed, settled() resolves', async () => {
		const unhandled: unknown[] = [];
		const note = (reason: unknown) => void unhandled.push(reason);
		process.on('unhandledRejection', note);
		try {
			const refused = new Error('connection refused');
			const { pool } = recordingPool(undefined, () => Promise.reject(refused));
			const { db, settled } = requestDatabase(pool, null, 'GET');
			expect(await db(async () => 'nothing asked')).toBe('nothing asked');
			await pause();
			await expect(db((tx) => tx.query('read'))).rejects.toBe(refused);
			await expect(settled()).resolves.toBeUndefined();
			await pause();
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', note);
		}
	});
});
