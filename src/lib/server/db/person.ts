// Every query made for a person runs in a transaction under their claims and the
// `authenticated` role, so row-level security decides what they see and change — the same on
// PGlite, PostgreSQL and Supabase.
import type pg from 'pg';
import type { Claims, Queryable } from './types.ts';

export type Tx = Queryable;

async function inTransaction<T>(
	pool: pg.Pool,
	setup: (client: pg.PoolClient) => Promise<void>,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		await setup(client);
		const result = await work(client);
		await client.query('commit');
		return result;
	} catch (error) {
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
	return inTransaction(
		pool,
		async (client) => {
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify(claims)
			]);
			await client.query('set local role authenticated');
		},
		work
	);
}

export function asAnonymous<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(
		pool,
		async (client) => {
			await client.query(`select set_config('request.jwt.claims', '{"role":"anon"}', true)`);
			await client.query('set local role anon');
		},
		work
	);
}

/** For system jobs only (sign-in bookkeeping, mail, batch matching) — never a person's writes. */
export function asSystem<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(pool, async () => undefined, work);
}

export function claimsFor(userId: string, email?: string): Claims {
	return { sub: userId, role: 'authenticated', ...(email ? { email } : {}) };
}
