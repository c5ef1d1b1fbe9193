// Every query made for a person runs in a transaction under their claims and the
// `authenticated` role, so row-level security decides what they see and change — the same on
// PGlite, PostgreSQL and Supabase.
import pg from 'pg';
import type { Claims, Queryable } from './types.ts';

export type Tx = Queryable;

/**
 * The statement that opens a person's transaction: begin, their claims and their role in one
 * round trip (the simple protocol runs the statements in order; the claims are a literal escaped
 * by node-postgres, which handles quotes and backslashes whatever the server's settings).
 */
export function openingFor(claims: Claims | null): string {
	if (!claims)
		return `begin; select set_config('request.jwt.claims', '{"role":"anon"}', true), set_config('role', 'anon', true)`;
	return (
		`begin; select set_config('request.jwt.claims', ${pg.escapeLiteral(JSON.stringify(claims))}, true), ` +
		`set_config('role', 'authenticated', true)`
	);
}

/** System transactions keep the pool's own role (see asSystem). */
const SYSTEM_OPENING = 'begin';

/**
 * The handle work gets: the transaction's client for as long as the transaction lasts and never
 * after, so a straggling query can never run outside it (without the claims and role, or on the
 * client's next user).
 */
export function transactionHandle(client: Promise<pg.PoolClient>, ended: () => boolean): Tx {
	const handle: Tx = {
		async query(text, values) {
			if (ended()) throw new Error('query after its transaction ended');
			const c = await client;
			if (ended()) throw new Error('query after its transaction ended');
			return c.query(text, values);
		}
	};
	onceIn.set(handle, new Map());
	return handle;
}

const onceIn = new WeakMap<Tx, Map<string, Promise<unknown>>>();

/**
 * Runs `run` once per transaction (later calls share its result); on anything that is no
 * transaction handle (a pool, a bare client) every time. For statements whose second run in
 * the same transaction can find nothing new, such as expiring past needs.
 */
export function oncePerTransaction<T>(tx: Tx, key: string, run: () => Promise<T>): Promise<T> {
	const done = onceIn.get(tx);
	if (!done) return run();
	if (!done.has(key)) done.set(key, run());
	return done.get(key) as Promise<T>;
}

export async function inTransaction<T>(
	pool: pg.Pool,
	opening: string,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let ended = false;
	try {
		await client.query(opening);
		const result = await work(transactionHandle(Promise.resolve(client), () => ended));
		ended = true;
		await client.query('commit');
		return result;
	} catch (error) {
		ended = true;
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

export function asPerson<T>(
	pool: pg.Pool,
	claims: Claims,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	return inTransaction(pool, openingFor(claims), work);
}

export function asAnonymous<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(pool, openingFor(null), work);
}

/** For system jobs only (sign-in bookkeeping, mail, batch matching) — never a person's writes. */
export function asSystem<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(pool, SYSTEM_OPENING, work);
}

export function claimsFor(userId: string, email?: string): Claims {
	return { sub: userId, role: 'authenticated', ...(email ? { email } : {}) };
}
