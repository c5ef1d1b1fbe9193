// Opening the database (src/lib/server/db/open.ts): how values come back, when it migrates and
// seeds, the embedded folder on disk, and the pool's error log. The rebuild of an embedded
// database with an unknown history and the refusal of a server one: tests/db/migrations.test.ts.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
	openDatabase,
	openPglite,
	poolSizeFrom,
	type Database
} from '../../../src/lib/server/db/open.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from '../server-admin.ts';
import { NOWHERE, projectFolder } from './project.ts';

const STRANGER = '19990101000000';

let folder: string;
const opened: Database[] = [];
const open = async (...args: Parameters<typeof openDatabase>) => {
	const db = await openDatabase(...args);
	opened.push(db);
	return db;
};

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'zeitspende-open-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));
afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.close()));
	vi.unstubAllEnvs();
	vi.restoreAllMocks();
});

/** A project folder with two tiny migrations and a seed that counts its own runs. */
function tinyProject(): Promise<string> {
	return projectFolder(
		folder,
		{
			'20270101000000_a.sql': 'create table public.seeds (n int)',
			'20270102000000_b.sql': 'select 1'
		},
		'insert into public.seeds values (1)'
	);
}

const seeds = async (db: Database) =>
	(await db.pool.query<{ n: number }>('select count(*) as n from public.seeds')).rows[0]!.n;

describe('opening the database', () => {
	it('dates come back as YYYY-MM-DD strings, numeric and bigint as numbers', async () => {
		const db = await open({ dataDir: 'memory://' });
		const { rows } = await db.pool.query(
			`select date '2027-03-31' as d, 1.25::numeric as n, 9007199254740::bigint as b, null::date as none`
		);
		expect(rows[0]).toEqual({ d: '2027-03-31', n: 1.25, b: 9007199254740, none: null });
	});

	it('a query that fails outside a transaction leaves the pool working, on either database', async () => {
		const server = process.env.TEST_DATABASE_URL;
		const name = uniqueDatabaseName('zs_open_failed');
		const kinds = [await open({ dataDir: 'memory://' })];
		try {
			if (server) {
				await withAdmin(server, (admin) => admin.query(`create database ${name}`));
				kinds.push(await open({ url: withDatabase(server, name), poolSize: 1 }));
			}
			for (const db of kinds) {
				await expect(db.pool.query('select $1::int as n', ['x'])).rejects.toThrow(
					/invalid input syntax for type integer/
				);
				await expect(db.pool.query('select 1 as n')).resolves.toMatchObject({ rows: [{ n: 1 }] });
				await expect(db.pool.query('select $1::int as n', [2])).resolves.toMatchObject({
					rows: [{ n: 2 }]
				});
				// A text that opened a transaction and failed in it leaves no aborted transaction behind.
				await expect(db.pool.query('begin; select 1 / 0')).rejects.toThrow(/division by zero/);
				await expect(db.pool.query('select 3 as n')).resolves.toMatchObject({ rows: [{ n: 3 }] });
			}
		} finally {
			await Promise.all(opened.splice(0).map((db) => db.close()));
			if (server)
				await withAdmin(server, (admin) =>
					admin.query(`drop database if exists ${name} with (force)`)
				);
		}
	});

	it('without prepare: nothing migrated', async () => {
		const db = await open({ dataDir: 'memory://' });
		expect(db.kind).toBe('pglite');
		const { rows } = await db.pool.query(
			`select to_regclass('supabase_migrations.schema_migrations') as r`
		);
		expect(rows).toEqual([{ r: null }]);
	});

	it('seeds an embedded database only when it was empty, and not when asked not to', async () => {
		const dir = await tinyProject();
		vi.stubEnv('ZEITSPENDE_ROOT', dir);
		const db = await open({ dataDir: 'memory://', prepare: true });
		expect(await seeds(db)).toBe(1);
		// Analyzed once seeded: the planner knows the row (never analyzed, reltuples is -1).
		const { rows: stats } = await db.pool.query(
			`select reltuples from pg_class where oid = 'public.seeds'::regclass`
		);
		expect(stats).toEqual([{ reltuples: 1 }]);
		const unseeded = await open({ dataDir: 'memory://', prepare: true, seed: false });
		expect(await seeds(unseeded)).toBe(0);
		// Started again from the seeded database: migrated already, not seeded twice.
		const again = await open({
			dataDir: 'memory://',
			loadDataDir: await db.pglite!.dumpDataDir('gzip'),
			prepare: true
		});
		expect(await seeds(again)).toBe(1);
		// Half migrated (one file new since): the new file is applied, the seed is not loaded.
		await unseeded.pool.query(
			`delete from supabase_migrations.schema_migrations where version = '20270102000000'`
		);
		const resumed = await open({
			dataDir: 'memory://',
			loadDataDir: await unseeded.pglite!.dumpDataDir('gzip'),
			prepare: true
		});
		expect(await seeds(resumed)).toBe(0);
		const { rows } = await resumed.pool.query(
			'select count(*) as n from supabase_migrations.schema_migrations'
		);
		expect(rows).toEqual([{ n: 2 }]);
	});

	it('seeds nothing when there is no migration at all', async () => {
		const dir = await tinyProject();
		await rm(join(dir, 'supabase', 'migrations'), { recursive: true });
		await mkdir(join(dir, 'supabase', 'migrations'));
		await writeFile(join(dir, 'supabase', 'seed.sql'), 'create table public.seeded (id int)');
		vi.stubEnv('ZEITSPENDE_ROOT', dir);
		const db = await open({ dataDir: 'memory://', prepare: true });
		const { rows } = await db.pool.query(`select to_regclass('public.seeded') as r`);
		expect(rows).toEqual([{ r: null }]);
	});

	it('an in-memory database leaves no folder behind', async () => {
		const stray = join(process.cwd(), 'memory:');
		await expect(stat(stray)).rejects.toThrow(/ENOENT/);
		await open({ dataDir: 'memory://' });
		await expect(stat(stray)).rejects.toThrow(/ENOENT/);
	});

	it('a rebuild that fails too is reported, not half-opened', async () => {
		const path = join(folder, 'rebuild-fails');
		const old = await openPglite(path, new Blob([await readFile(inject('pgliteDump'))]));
		await old.query(
			`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'x')`,
			[STRANGER]
		);
		await old.close();
		// This checkout's migrations cannot be applied: the fresh database fails as well.
		const dir = await tinyProject();
		await writeFile(join(dir, 'supabase', 'migrations', '20270103000000_c.sql'), 'select 1 / 0');
		vi.stubEnv('ZEITSPENDE_ROOT', dir);
		vi.spyOn(console, 'log').mockImplementation(() => {});
		await expect(openDatabase({ dataDir: path, prepare: true })).rejects.toThrow(
			/division by zero/
		);
		expect(console.log).not.toHaveBeenCalled();
	});

	it('creates the folder of an embedded database on disk', async () => {
		const dataDir = join(folder, 'nested', 'deeper', 'pglite');
		const pglite = await openPglite(dataDir);
		try {
			expect((await stat(join(folder, 'nested', 'deeper'))).isDirectory()).toBe(true);
		} finally {
			await pglite.close();
		}
	});

	it('rebuilds a file:// embedded database with an unknown history in its folder', async () => {
		const path = join(folder, 'by-url');
		const old = await openPglite(path, new Blob([await readFile(inject('pgliteDump'))]));
		await old.query(
			`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'x')`,
			[STRANGER]
		);
		await old.close();
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const db = await open({ dataDir: `file://${path}`, prepare: true, seed: false });
		expect(console.log).toHaveBeenCalledWith(
			`Zeitspende: the embedded database at file://${path} had an unknown migration history (${STRANGER}); rebuilt it.`
		);
		const { rows } = await db.pool.query<{ n: number }>(
			'select count(*)::int as n from public.municipalities'
		);
		expect(rows).toEqual([{ n: 0 }]);
	});

	it('a server database is a pool of the asked size (two per core unless told), never seeded unasked', async () => {
		const db = await open({ url: NOWHERE });
		expect(db.kind).toBe('postgres');
		expect(db.pool.options.max).toBe(poolSizeFrom(undefined));
		expect(db.pglite).toBeUndefined();
		const small = await open({ url: NOWHERE, poolSize: 3 });
		expect(small.pool.options.max).toBe(3);
		// Preparing needs the server: the failure reaches the caller, with no rebuild attempted.
		await expect(openDatabase({ url: NOWHERE, prepare: true })).rejects.toThrow(
			/ECONNREFUSED|connect/
		);
	});

	it('logs a pooled connection that fails, but not the connections a closing pool ends', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const db = await openDatabase({ url: NOWHERE });
		const lost = new Error('connection lost');
		db.pool.emit('error', lost);
		expect(error).toHaveBeenCalledWith('database pool error', lost);
		await db.close();
		db.pool.emit('error', new Error('terminating connection'));
		expect(error).toHaveBeenCalledTimes(1);
		const embedded = await open({ dataDir: 'memory://' });
		embedded.pool.emit('error', lost);
		expect(error).toHaveBeenCalledTimes(2);
	});
});

// Only a PostgreSQL server (TEST_DATABASE_URL) is a real one: the demo towns never go there unasked.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a server database on PostgreSQL', () => {
	const url = process.env.TEST_DATABASE_URL!;
	const name = uniqueDatabaseName('zs_unseeded');
	afterAll(() =>
		withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`))
	);

	it('is migrated but not seeded, unless seed is asked for', async () => {
		await withAdmin(url, (admin) => admin.query(`create database ${name}`));
		const db = await open({ url: withDatabase(url, name), prepare: true, poolSize: 1 });
		const { rows } = await db.pool.query<{ n: number; migrations: number }>(
			`select (select count(*) from public.municipalities)::int as n,
			        (select count(*) from supabase_migrations.schema_migrations)::int as migrations`
		);
		expect(rows[0]!.n).toBe(0);
		expect(rows[0]!.migrations).toBeGreaterThan(0);
	});
});
