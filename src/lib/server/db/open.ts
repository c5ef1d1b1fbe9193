// One data path: a node-postgres Pool, over PGlite (embedded, the default) or a PostgreSQL
// server (DATABASE_URL: self-hosting, Supabase). Callers never see which one it is.
import pg from 'pg';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { migrate, readMigrations, seed, UnknownMigrationHistoryError } from './migrate.ts';

// Dates stay 'YYYY-MM-DD' strings (no time-zone drift through JS Date); numerics become numbers.
// Set once as the module loads, so Stryker cannot switch them per test: tests/db/startup/open.test.ts
// reads each type back, and fails with any of them taken out (checked by hand).
// Stryker disable next-line all: set at module load (see above)
pg.types.setTypeParser(1082, (v: string) => v);
// Stryker disable next-line all: set at module load (see above)
pg.types.setTypeParser(1700, (v: string) => Number.parseFloat(v));
// Stryker disable next-line all: set at module load (see above)
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

export interface Database {
	pool: pg.Pool;
	kind: 'pglite' | 'postgres';
	/** The embedded instance, when kind is 'pglite' (tests dump it as a template). */
	pglite?: PGlite;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** postgres://… — when absent, the embedded PGlite database is used. */
	url?: string;
	/** PGlite data folder; 'memory://' for an in-memory database. */
	dataDir?: string;
	/** A PGlite dump (from `dumpDataDir`) to start from, e.g. a migrated test template. */
	loadDataDir?: Blob | File;
	/** Apply migrations, and the demo seed when the database was empty and `seed` allows it. */
	prepare?: boolean;
	/** Load the demo data into an empty database; default: only the embedded one. */
	seed?: boolean;
	/** Connections to a PostgreSQL server at most; default poolSizeFrom(undefined). */
	poolSize?: number;
}

/**
 * The pool's size: DATABASE_POOL_SIZE (1–100), else two connections per core of this machine,
 * 4 to 10. PostgreSQL serves a statement per core at a time; backends beyond about two per core
 * only take turns on the cores, each turn a context switch. On the 2-core bench machine, where the
 * app and the database share the cores, 4 connections instead of node-postgres' 10 served the
 * helper's page about 15 % more requests per second (README → Benchmarks → Budgets).
 */
export function poolSizeFrom(value: string | undefined, cores = availableParallelism()): number {
	if (value === undefined || value === '') return Math.min(10, Math.max(4, 2 * cores));
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 100)
		throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 100, not "${value}"`);
	return n;
}

export async function openPglite(dataDir: string, loadDataDir?: Blob | File): Promise<PGlite> {
	if (!dataDir.startsWith('memory://')) await mkdir(dirname(dataDir), { recursive: true });
	return PGlite.create({ dataDir, loadDataDir });
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	// Stryker disable next-line StringLiteral: the developer's own database; a test must not open it
	const dataDir = options.dataDir ?? '.data/pglite';
	let db: Database;
	if (options.url) {
		const pool = new pg.Pool({
			connectionString: options.url,
			max: options.poolSize ?? poolSizeFrom(undefined)
		});
		db = {
			pool,
			kind: 'postgres',
			close: () => {
				closing.add(pool);
				return pool.end();
			}
		};
		pooledErrorsAreLogged(db.pool);
	} else {
		db = await openEmbedded(dataDir, options.loadDataDir);
	}
	// The fictional demo towns belong in a fresh embedded database, never in a real one unasked.
	const withSeed = options.seed ?? db.kind === 'pglite';
	if (!options.prepare) return db;
	try {
		await prepare(db, withSeed);
		return db;
	} catch (error) {
		await db.close();
		const folder = db.kind === 'pglite' ? await folderOnDisk(dataDir) : null;
		// A server database is refused (the error says what to do); the embedded one holds demo
		// data only, so after the migrations were regrouped it is simply built again.
		if (!(error instanceof UnknownMigrationHistoryError) || !folder) throw error;
		await rm(folder, { recursive: true, force: true });
		const rebuilt = await openEmbedded(dataDir);
		try {
			await prepare(rebuilt, withSeed);
		} catch (again) {
			await rebuilt.close();
			throw again;
		}
		console.log(
			`Zeitspende: the embedded database at ${dataDir} had an unknown migration ` +
				`history (${error.versions.join(', ')}); rebuilt it${withSeed ? ' with the demo data' : ''}.`
		);
		return rebuilt;
	}
}

async function openEmbedded(dataDir: string, loadDataDir?: Blob | File): Promise<Database> {
	const pglite = await openPglite(dataDir, loadDataDir);
	// PGlite serves one connection: the pool must never open a second.
	const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
	pooledErrorsAreLogged(pool);
	keepClientAfterFailedQuery(pool);
	return {
		pool,
		kind: 'pglite',
		pglite,
		close: async () => {
			await pool.end();
			await pglite.close();
		}
	};
}

/**
 * pool.query on PGlite without the pool's usual destroy-on-error. PGlite's node-postgres adapter
 * (0.5.16) gives every client of a pool the one shared connection: a failed pool.query ends its
 * client, and that ending reaches the next client, so every later query failed ("Connection
 * terminated unexpectedly", then "unexpected rowDescription") until a restart. The failed query
 * has been answered up to ReadyForQuery, so the client is kept; a rollback after it ends any
 * transaction the text opened (`begin; …`), which would otherwise stay on the shared connection.
 */
function keepClientAfterFailedQuery(pool: pg.Pool): void {
	pool.query = (async (...args: Parameters<pg.PoolClient['query']>) => {
		const client = await pool.connect();
		try {
			return await client.query(...args);
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}) as typeof pool.query;
}

/** The PGlite data folder on disk, or null for memory:// and the other non-folder stores. */
async function folderOnDisk(dataDir: string): Promise<string | null> {
	const path = dataDir.startsWith('file://') ? dataDir.slice('file://'.length) : dataDir;
	// Stryker disable next-line all: memory:// and the browser's stores name no folder stat finds
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return null;
	// Stryker disable next-line ArrowFunction,OptionalChaining: PGlite made the folder; it is there
	const info = await stat(path).catch(() => null);
	// Stryker disable next-line OptionalChaining: as above
	return info?.isDirectory() ? path : null;
}

/** Migrations always; the demo seed only into a database that was empty before. */
async function prepare(db: Database, withSeed: boolean): Promise<void> {
	const client = await db.pool.connect();
	try {
		const applied = await migrate(client);
		const all = await readMigrations();
		if (withSeed && applied.length === all.length && applied.length > 0) await seed(client);
	} finally {
		client.release();
	}
}

const closing = new WeakSet<pg.Pool>();

function pooledErrorsAreLogged(pool: pg.Pool): void {
	// An idle client losing its connection must not crash the process. Once the pool is being
	// closed, the server ending its connections is expected, not worth a log line.
	pool.on('error', (error) => {
		if (!closing.has(pool)) console.error('database pool error', error);
	});
}
