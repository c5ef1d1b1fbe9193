// A reading request's database handle: the load functions of one GET share one transaction
// instead of opening one each (begin, claims and role, queries, commit per call). Calls made
// while the transaction is open — concurrently, as a layout's and a page's loads run, or one
// after another with nothing but their results awaited in between — join it; it commits once
// no work is left, at the latest before the response leaves (`settled`). Its statements made side
// by side, by the layout's load and the page's alike, go as one message (`together`), so a page's
// reads cost one round trip where nothing in them waits for another. Writes (form actions, other
// methods) keep a transaction per call, so what an action reports is committed.
import type pg from 'pg';
import { inTransaction, together, transactionHandle, type Opening, type Tx } from './person.ts';

export type RunAs = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export interface RequestDatabase {
	db: RunAs;
	/** Ends the transaction that no work uses any more; throws when its commit failed. */
	settled(): Promise<void>;
}

interface Shared {
	tx: Tx;
	client: Promise<pg.PoolClient>;
	/** Goes with the first statement (transactionHandle): no round trip of its own. */
	opening: Opening;
	active: number;
	ended: boolean;
	/** A work failed: the transaction rolls back once the works still in it are done. */
	failed: boolean;
	timer?: NodeJS.Immediate;
}

/** Reading methods share a transaction; every other method gets one per call. */
export function requestDatabase(pool: pg.Pool, opening: string, method: string): RequestDatabase {
	if (method !== 'GET' && method !== 'HEAD')
		return { db: (work) => inTransaction(pool, opening, work), settled: async () => undefined };

	let current: Shared | null = null;
	const ending = new Set<Promise<void>>();
	const commitErrors: unknown[] = [];

	function open(): Shared {
		const client = pool.connect();
		// A failed connection is reported to each work through its first query.
		client.catch(() => undefined);
		const sent: Opening = { text: opening, sent: false };
		const shared: Shared = {
			client,
			opening: sent,
			active: 0,
			ended: false,
			failed: false,
			tx: together(transactionHandle(client, () => shared.ended, sent))
		};
		return shared;
	}

	/** Commits (rolls back after a failure) and returns the client; once per transaction. */
	function end(shared: Shared): void {
		// Stryker disable next-line ConditionalExpression,CallExpression: clearImmediate(undefined) does nothing, and an immediate left behind calls end on an ended transaction, which returns at once
		if (shared.timer) clearImmediate(shared.timer);
		// Stryker disable next-line ConditionalExpression: db() passes over an ended transaction anyway
		if (current === shared) current = null;
		// Stryker disable next-line ConditionalExpression: defensive; the paths above reach end once
		if (shared.ended) return;
		shared.ended = true;
		const done = (async () => {
			// Stryker disable next-line ArrowFunction: undefined is as falsy as null
			const client = await shared.client.catch(() => null);
			if (!client) return;
			try {
				// Nothing was sent, so there is no transaction to end.
				if (shared.opening.sent) await client.query(shared.failed ? 'rollback' : 'commit');
				client.release();
			} catch (error) {
				client.release(error as Error);
				// settled() reports it; a late call after the response has only the log.
				if (!shared.failed) commitErrors.push(error);
				console.error('ending a request transaction', error);
			}
		})();
		// Stryker disable next-line ArrowFunction: settled() awaits the set; a settled promise left in it changes nothing
		const tracked: Promise<void> = done.finally(() => ending.delete(tracked));
		ending.add(tracked);
	}

	async function db<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
		const shared = current && !current.ended && !current.failed ? current : (current = open());
		// Stryker disable next-line ConditionalExpression: clearImmediate(undefined) does nothing; not clearing is the CallExpression mutant, killed
		if (shared.timer) clearImmediate(shared.timer);
		shared.timer = undefined;
		shared.active++;
		try {
			return await work(shared.tx);
		} catch (error) {
			// Its writes must not commit: later calls get a fresh transaction, this one rolls back.
			shared.failed = true;
			// Stryker disable next-line ConditionalExpression: db() passes over a failed transaction anyway
			if (current === shared) current = null;
			throw error;
		} finally {
			shared.active--;
			if (shared.active === 0) {
				if (shared.failed) end(shared);
				// The next call of a load that only awaited this result comes before the check phase.
				else shared.timer = setImmediate(() => end(shared));
			}
		}
	}

	return {
		db,
		async settled() {
			if (current && current.active === 0) end(current);
			await Promise.all([...ending]);
			if (commitErrors.length > 0) throw commitErrors[0];
		}
	};
}
