// The request's database handle (src/lib/server/db/request.ts) on a pool that records what each
// connection is sent: which calls share a transaction, when it ends (after the loop turns with no
// work left, at once after a failure, at the latest in settled()), what an unused transaction
// costs, and what a failed connection, commit or rollback does to the calls and to settled().
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';

const OPENING = 'begin; select 1';

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

function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

afterEach(() => vi.restoreAllMocks());

describe('which calls share a transaction', () => {
	it('a HEAD shares one, as a GET does', async () => {
		const { pool, where } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'HEAD');
		await Promise.all([db((tx) => tx.query('one')), db((tx) => tx.query('two'))]);
		await settled();
		expect(where('one')).toBe(1);
		expect(where('two')).toBe(1);
	});

	it("side by side, two calls' statements go as one message after the opening", async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		const [one, two] = await Promise.all([
			db((tx) => tx.query('one')),
			db((tx) => tx.query('two'))
		]);
		await settled();
		expect(connections.map((c) => c.sent)).toEqual([[`${OPENING}; one;\ntwo`, 'commit']]);
		// Each call gets its own statement's answer.
		expect([one.rows, two.rows]).toEqual([
			[{ connection: 1, statement: 'one' }],
			[{ connection: 1, statement: 'two' }]
		]);
	});

	it('a POST gives each call its own, committed before the call returns', async () => {
		const { pool, connections } = recordingPool();
		const { db } = requestDatabase(pool, OPENING, 'POST');
		await Promise.all([db((tx) => tx.query('one')), db((tx) => tx.query('two'))]);
		expect(connections.map((c) => c.sent)).toEqual([
			[`${OPENING}; one`, 'commit'],
			[`${OPENING}; two`, 'commit']
		]);
	});

	it('a call made right after another finished joins it, however long it waits before its query', async () => {
		const { pool, where, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await db((tx) => tx.query('first'));
		const second = await db(async (tx) => {
			await pause();
			return tx.query('second');
		});
		expect(second.rows).toEqual([{ connection: 1, statement: 'second' }]);
		expect(where('second')).toBe(1);
		await settled();
		expect(connections[0]!.sent).toEqual([`${OPENING}; first`, 'second', 'commit']);
	});

	it('a call that finishes while another still runs leaves the transaction open for it', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		const [, slow] = await Promise.all([
			db((tx) => tx.query('quick')),
			db(async (tx) => {
				await pause();
				return tx.query('slow');
			})
		]);
		expect(slow.rows).toEqual([{ connection: 1, statement: 'slow' }]);
		await settled();
		expect(connections[0]!.sent).toEqual([`${OPENING}; quick`, 'slow', 'commit']);
	});

	it('a call that fails while another still runs: the other finishes in it, then it rolls back', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
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
		expect(connections[0]!.sent).toEqual([`${OPENING}; doomed`, 'slow', 'rollback']);
		expect(connections).toHaveLength(1);
	});

	it.each([
		['finishes', false],
		['fails', true]
	])(
		'after a failure, the failed transaction ending when its last call %s leaves the next one open for later calls',
		async (_, lastFails) => {
			const { pool, where } = recordingPool();
			const { db, settled } = requestDatabase(pool, OPENING, 'GET');
			const lastGate = gate();
			const last = db(async (tx) => {
				await tx.query('last');
				await lastGate.opened;
				if (lastFails) throw new Error('the last failed too');
			});
			await expect(
				db(async () => {
					throw new Error('the page failed');
				})
			).rejects.toThrow('the page failed');
			const nextGate = gate();
			const next = db(async (tx) => {
				await tx.query('next');
				await nextGate.opened;
			});
			await pause();
			lastGate.open();
			await last.catch(() => undefined);
			const joining = db((tx) => tx.query('joining'));
			nextGate.open();
			await Promise.all([next, joining]);
			await settled();
			expect(where('last')).toBe(1);
			expect(where('next')).toBe(2);
			expect(where('joining')).toBe(2);
		}
	);
});

describe('when the transaction ends', () => {
	it('once the loop turns with no work left: committed before settled(), the next call gets a new one', async () => {
		const { pool, connections, where } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await db((tx) => tx.query('first'));
		await pause();
		expect(connections[0]).toMatchObject({
			sent: [`${OPENING}; first`, 'commit'],
			released: [undefined]
		});
		await db((tx) => tx.query('later'));
		await settled();
		expect(where('later')).toBe(2);
	});

	it('at once after a failure: rolled back and the connection returned by the time settled() resolves', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await expect(
			db(async (tx) => {
				await tx.query('doomed');
				throw new Error('the page failed');
			})
		).rejects.toThrow('the page failed');
		await settled();
		expect(connections[0]).toMatchObject({
			sent: [`${OPENING}; doomed`, 'rollback'],
			released: [undefined]
		});
	});

	it('settled() while a call still runs does not end its transaction under it', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		const running = db(async (tx) => {
			await pause();
			return tx.query('late');
		});
		await settled();
		expect((await running).rows).toEqual([{ connection: 1, statement: 'late' }]);
		await pause();
		expect(connections[0]!.sent).toEqual([`${OPENING}; late`, 'commit']);
	});

	it('settled() waits for the commit to be answered', async () => {
		const answered = gate();
		const { pool } = recordingPool((text) =>
			text === 'commit' ? answered.opened : Promise.resolve()
		);
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await db((tx) => tx.query('write'));
		let done = false;
		const waiting = settled().then(() => (done = true));
		await pause();
		expect(done).toBe(false);
		answered.open();
		await waiting;
		expect(done).toBe(true);
	});

	it('a transaction no call queried sends nothing (no commit) and returns its connection', async () => {
		const { pool, connections } = recordingPool();
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
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
			const { db, settled } = requestDatabase(pool, OPENING, 'GET');
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

	it('a failed commit: settled() throws it, the connection is discarded, the failure logged', async () => {
		const error = new Error('deferred check failed');
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const { pool, connections } = recordingPool((text) =>
			text === 'commit' ? Promise.reject(error) : Promise.resolve()
		);
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await db((tx) => tx.query('write'));
		await expect(settled()).rejects.toBe(error);
		expect(connections[0]!.released).toEqual([error]);
		expect(logged).toHaveBeenCalledWith('ending a request transaction', error);
	});

	it('a failed rollback after a failed call: the connection is discarded and logged, settled() still resolves', async () => {
		const error = new Error('connection lost');
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const { pool, connections } = recordingPool((text) =>
			text === 'rollback' ? Promise.reject(error) : Promise.resolve()
		);
		const { db, settled } = requestDatabase(pool, OPENING, 'GET');
		await expect(
			db(async (tx) => {
				await tx.query('doomed');
				throw new Error('the page failed');
			})
		).rejects.toThrow('the page failed');
		await expect(settled()).resolves.toBeUndefined();
		expect(connections[0]!.released).toEqual([error]);
		expect(logged).toHaveBeenCalledWith('ending a request transaction', error);
	});
});
