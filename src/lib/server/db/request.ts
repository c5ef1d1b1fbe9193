// A request's database handle. A reading request (GET, HEAD): the load functions of one request
// share one connection, and every message it sends is a transaction of its own (messageHandle:
// the person's role statement, then the reads, committed by PostgreSQL when the message ends), so
// a page's reads cost one round trip, with no begin, commit or open transaction between messages.
// Calls made while the connection is held — concurrently, as a layout's and a page's loads run, or
// one after another with nothing but their results awaited in between — use it; it returns to the
// pool once no work is left, at the latest before the response leaves (`settled`). Statements made
// side by side, by the layout's load and the page's alike, go as one message (`together`).
// Writes (form actions, other methods) keep a transaction per call, committed before the call
// returns, so what an action reports is committed.
import type pg from 'pg';
import type { Claims } from './types.ts';
import { inTransaction, messageHandle, openingFor, roleFor, together, type Tx } from './person.ts';

export type RunAs = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export interface RequestDatabase {
	db: RunAs;
	/** Returns the connection no work uses any more. */
	settled(): Promise<void>;
}

interface Shared {
	tx: Tx;
	client: Promise<pg.PoolClient>;
	active: number;
	ended: boolean;
	timer?: NodeJS.Immediate;
}

/** Reading methods share a connection, a transaction per message; every other method gets a transaction per call. */
export function requestDatabase(
	pool: pg.Pool,
	claims: Claims | null,
	method: string
): RequestDatabase {
	if (method !== 'GET' && method !== 'HEAD') {
		const opening = openingFor(claims);
		return { db: (work) => inTransaction(pool, opening, work), settled: async () => undefined };
	}
	const role = roleFor(claims);
	let current: Shared | null = null;
	const ending = new Set<Promise<void>>();

	function open(): Shared {
		const client = pool.connect();
		// A failed connection is reported to each work through its first query.
		client.catch(() => undefined);
		const shared: Shared = {
			client,
			active: 0,
			ended: false,
			tx: together(messageHandle(client, () => shared.ended, role))
		};
		return shared;
	}

	/** Returns the connection to the pool; once. */
	function end(shared: Shared): void {
		// Stryker disable next-line ConditionalExpression,CallExpression: clearImmediate(undefined) does nothing, and an immediate left behind calls end on an ended connection, which returns at once
		if (shared.timer) clearImmediate(shared.timer);
		// Stryker disable next-line ConditionalExpression: db() passes over an ended connection anyway
		if (current === shared) current = null;
		// Stryker disable next-line ConditionalExpression: defensive; the paths above reach end once
		if (shared.ended) return;
		shared.ended = true;
		// Nothing to commit or roll back: each message was its own transaction. A connection that
		// broke is discarded by the pool on release.
		const done = shared.client.then(
			(client) => client.release(),
			() => undefined
		);
		// Stryker disable next-line ArrowFunction: settled() awaits the set; a settled promise left in it changes nothing
		const tracked: Promise<void> = done.finally(() => ending.delete(tracked));
		ending.add(tracked);
	}

	async function db<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
		const shared = current && !current.ended ? current : (current = open());
		// Stryker disable next-line ConditionalExpression: clearImmediate(undefined) does nothing; not clearing is the CallExpression mutant, killed
		if (shared.timer) clearImmediate(shared.timer);
		shared.timer = undefined;
		shared.active++;
		try {
			return await work(shared.tx);
		} finally {
			shared.active--;
			// The next call of a load that only awaited this result comes before the check phase.
			if (shared.active === 0) shared.timer = setImmediate(() => end(shared));
		}
	}

	return {
		db,
		async settled() {
			if (current && current.active === 0) end(current);
			await Promise.all([...ending]);
		}
	};
}
