// The migration runner (src/lib/server/db/migrate.ts) on migration folders made for the test: the
// files it reads, the order it applies them in, what it records, that a failing file leaves
// nothing behind, when it bootstraps what Supabase would provide, and the demo seed's transaction.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	migrate,
	projectRoot,
	readMigrations,
	seed,
	UnknownMigrationHistoryError,
	unknownVersions
} from '../../../src/lib/server/db/migrate.ts';
import { openDatabase, type Database } from '../../../src/lib/server/db/open.ts';
import type pg from 'pg';
import { uniqueDatabaseName, withAdmin, withDatabase } from '../server-admin.ts';
import { projectFolder } from './project.ts';

let root: string;
let database: Database | undefined;
// One connection: the runner's begin … commit must meet the same session.
let db: pg.PoolClient;

async function fresh(): Promise<void> {
	database = await openDatabase({ dataDir: 'memory://' });
	db = await database.pool.connect();
}

const project = (files: Record<string, string>, seedSql?: string) =>
	projectFolder(root, files, seedSql);

const exists = async (relation: string) =>
	(await db.query<{ r: string | null }>('select to_regclass($1)::text as r', [relation])).rows[0]!
		.r !== null;

const recorded = async () =>
	(
		await db.query<{ version: string; name: string; statements: string[] }>(
			'select version, name, statements from supabase_migrations.schema_migrations order by version'
		)
	).rows;

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'zeitspende-migrate-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(async () => {
	if (database) {
		db.release();
		await database.close();
		database = undefined;
	}
	vi.unstubAllEnvs();
});

describe('the migration runner', () => {
	it('reads only files named <14 digits>_<name>.sql, in version order', async () => {
		const dir = await project({
			'20270102000000_second.sql': 'select 2',
			'20270101000000_first.sql': 'select 1',
			'README.md': 'not sql',
			'2027_short.sql': 'select 3',
			'20270103000000_backup.sql.bak': 'select 4',
			'x20270104000000_prefixed.sql': 'select 5',
			'20270105000000_.sql': 'select 6'
		});
		expect(await readMigrations(dir)).toEqual([
			{ version: '20270101000000', name: 'first', sql: 'select 1' },
			{ version: '20270102000000', name: 'second', sql: 'select 2' }
		]);
	});

	it('orders by version whatever order the folder lists them in', async () => {
		const versions = Array.from(
			{ length: 40 },
			(_, i) => `202701${String(i + 10).padStart(2, '0')}000000`
		);
		// Written in a scrambled order: a folder may list its files in any order.
		const scrambled = versions.map((v, i) => versions[(i * 17) % versions.length]!);
		const dir = await project(
			Object.fromEntries(scrambled.map((v) => [`${v}_m.sql`, `select ${v}`]))
		);
		expect((await readMigrations(dir)).map((m) => m.version)).toEqual(versions);
	});

	it('names the unknown versions, what was done and what to do in its refusal', () => {
		const error = new UnknownMigrationHistoryError(['19990101000000', '19990102000000']);
		expect(error.name).toBe('UnknownMigrationHistoryError');
		expect(error.versions).toEqual(['19990101000000', '19990102000000']);
		expect(error.message).toBe(
			'The database records migrations that are not in supabase/migrations: 19990101000000, 19990102000000. ' +
				'It was migrated from other migration files (e.g. before they were regrouped), so nothing was changed. ' +
				'Run the code whose supabase/migrations matches this database, or, if its data may go, ' +
				'recreate the database (drop and create it, then npm run db:migrate).'
		);
	});

	it('finds the project from ZEITSPENDE_ROOT, else the working directory', () => {
		vi.stubEnv('ZEITSPENDE_ROOT', '/somewhere/else');
		expect(projectRoot()).toBe('/somewhere/else');
		vi.stubEnv('ZEITSPENDE_ROOT', undefined);
		expect(projectRoot()).toBe(process.cwd());
	});

	it('applies every file in order once, records each as the Supabase CLI does, and then only new ones', async () => {
		const files = {
			'20270101000000_towns.sql': 'create table public.t (id int primary key)',
			'20270102000000_rows.sql': 'insert into public.t values (1)'
		};
		const dir = await project(files);
		await fresh();
		expect(await unknownVersions(db)).toEqual([]);
		expect(await migrate(db, dir)).toEqual(['20270101000000', '20270102000000']);
		// What Supabase provides was bootstrapped first (the migrations may rely on its roles).
		expect(await exists('auth.users')).toBe(true);
		expect(await recorded()).toEqual([
			{ version: '20270101000000', name: 'towns', statements: [files['20270101000000_towns.sql']] },
			{ version: '20270102000000', name: 'rows', statements: [files['20270102000000_rows.sql']] }
		]);
		expect(await migrate(db, dir)).toEqual([]);
		await writeFile(
			join(dir, 'supabase', 'migrations', '20270103000000_more.sql'),
			'insert into public.t values (2)'
		);
		expect(await migrate(db, dir)).toEqual(['20270103000000']);
		const { rows } = await db.query<{ id: number }>('select id from public.t order by id');
		expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
		expect(await unknownVersions(db, await readMigrations(dir))).toEqual([]);
	});

	it('leaves nothing behind when a file fails: not the files before it, not the record', async () => {
		const dir = await project({
			'20270101000000_fine.sql': 'create table public.fine (id int)',
			'20270102000000_broken.sql': 'create table public.broken (id int); select 1 / 0'
		});
		await fresh();
		await expect(migrate(db, dir)).rejects.toThrow(/division by zero/);
		expect(await exists('public.fine')).toBe(false);
		expect(await exists('public.broken')).toBe(false);
		expect(await exists('supabase_migrations.schema_migrations')).toBe(false);
		expect(await exists('auth.users')).toBe(false);
		// The connection is usable again: the failed transaction was rolled back.
		expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
	});

	it("bootstraps Supabase's roles and auth schema only where they are missing", async () => {
		const dir = await project({ '20270101000000_t.sql': 'create table public.t (id int)' });
		await writeFile(join(dir, 'supabase', 'bootstrap', 'supabase-compat.sql'), 'select 1 / 0');
		await fresh();
		// Without auth.users the (here broken) bootstrap runs…
		await expect(migrate(db, dir)).rejects.toThrow(/division by zero/);
		// …on a Supabase project, which has auth.users, it does not.
		await db.query('create schema auth; create table auth.users (id uuid primary key)');
		expect(await migrate(db, dir)).toEqual(['20270101000000']);
	});

	it('loads the seed in one transaction: all of it or, when it fails, nothing', async () => {
		const good = await project(
			{},
			'create table public.seeded (id int); insert into public.seeded values (7)'
		);
		const bad = await project({}, 'create table public.half (id int); select 1 / 0');
		await fresh();
		await expect(seed(db, bad)).rejects.toThrow(/division by zero/);
		expect(await exists('public.half')).toBe(false);
		await seed(db, good);
		expect((await db.query('select id from public.seeded')).rows).toEqual([{ id: 7 }]);
	});
});

// Several app instances starting together on one server: one migrates, the others wait and find
// nothing left to do. Only a PostgreSQL server has more than one connection.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two migrators at once on PostgreSQL', () => {
	const url = process.env.TEST_DATABASE_URL!;
	const name = uniqueDatabaseName('zs_two_migrators');
	afterAll(() =>
		withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`))
	);

	it('applies each file once: the second waits for the first, then has nothing to do', async () => {
		await withAdmin(url, (admin) => admin.query(`create database ${name}`));
		// Slow enough that the second starts while the first holds its transaction open.
		const dir = await project({
			'20270101000000_slow.sql': 'select pg_sleep(0.5); create table public.once (id int)',
			'20270102000000_row.sql': 'insert into public.once values (1)'
		});
		const a = await openDatabase({ url: withDatabase(url, name), poolSize: 1 });
		const b = await openDatabase({ url: withDatabase(url, name), poolSize: 1 });
		try {
			const [first, second] = await Promise.all([
				migrate(a.pool, dir),
				new Promise((r) => setTimeout(r, 100)).then(() => migrate(b.pool, dir))
			]);
			expect(first).toEqual(['20270101000000', '20270102000000']);
			expect(second).toEqual([]);
			const { rows } = await a.pool.query('select count(*)::int as n from public.once');
			expect(rows).toEqual([{ n: 1 }]);
		} finally {
			await a.close();
			await b.close();
		}
	});
});
