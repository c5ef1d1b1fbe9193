import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
	migrate,
	readMigrations,
	UnknownMigrationHistoryError,
	unknownVersions
} from '../../src/lib/server/db/migrate.ts';
import { openDatabase, openPglite, type Database } from '../../src/lib/server/db/open.ts';
import type { Queryable } from '../../src/lib/server/db/types.ts';
import { backends, freshDatabase } from './harness.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from './server-admin.ts';

// A version no migration file will ever have: the database was migrated from other files.
const STRANGER = '19990101000000';

async function recorded(db: Queryable): Promise<{ version: string; name: string }[]> {
	const { rows } = await db.query<{ version: string; name: string }>(
		'select version, name from supabase_migrations.schema_migrations order by version'
	);
	return rows;
}

async function expected(): Promise<{ version: string; name: string }[]> {
	return (await readMigrations()).map(({ version, name }) => ({ version, name }));
}

/** What migrate() could change: the record of migrations and the catalogue of relations. */
async function footprint(db: Queryable): Promise<unknown> {
	const { rows } = await db.query(
		`select (select count(*) from pg_class)::int as relations,
		        (select count(*) from pg_proc)::int as functions,
		        (select string_agg(version, ',' order by version) from supabase_migrations.schema_migrations) as versions`
	);
	return rows[0];
}

describe.each(backends)('migrations on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('records every migration as the Supabase CLI does', async () => {
		const files = await expected();
		expect(files.length).toBeGreaterThan(0);
		expect(await recorded(db.pool)).toEqual(files);
		expect(await unknownVersions(db.pool)).toEqual([]);
	});

	it('is a no-op when run again', async () => {
		const client = await db.pool.connect();
		try {
			expect(await migrate(client)).toEqual([]);
		} finally {
			client.release();
		}
	});

	it('has row-level security enabled on every table in the app schemas', async () => {
		const { rows } = await db.pool.query<{ table: string }>(`
			select n.nspname || '.' || c.relname as table
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')
			  and not c.relrowsecurity`);
		expect(rows).toEqual([]);
	});

	it("gives the API roles exactly the intended table privileges, even under Supabase's default grants", async () => {
		const { rows } = await db.pool.query<{
			grantee: string;
			table_name: string;
			privilege_type: string;
		}>(`
			select grantee, table_name, privilege_type from information_schema.role_table_grants
			where table_schema = 'public' and grantee in ('anon', 'authenticated')
			order by 1, 2, 3`);
		const held = rows.map((r) => `${r.grantee} ${r.privilege_type} ${r.table_name}`);
		expect(held.filter((h) => h.startsWith('anon'))).toEqual([
			'anon SELECT districts',
			'anon SELECT municipalities',
			'anon SELECT organisations'
		]);
		// Whole-table writes only where every column may be written; the rest are column grants.
		expect(
			held.filter((h) =>
				/^authenticated (INSERT|UPDATE|DELETE|TRUNCATE|REFERENCES|TRIGGER)/.test(h)
			)
		).toEqual([
			'authenticated DELETE hour_logs',
			'authenticated DELETE inspections_72a',
			'authenticated DELETE memberships',
			'authenticated DELETE offers',
			'authenticated DELETE pool_notes'
		]);
	});

	it('starts a new table in public with no grants for the API roles', async () => {
		const client = await db.pool.connect();
		try {
			await client.query('begin');
			await client.query('create table public.probe_table (id int)');
			const { rows } = await client.query(
				`select grantee from information_schema.role_table_grants
				 where table_schema = 'public' and table_name = 'probe_table' and grantee in ('anon', 'authenticated')`
			);
			expect(rows).toEqual([]);
		} finally {
			await client.query('rollback');
			client.release();
		}
	});

	it('refuses a database with an unknown migration history and changes nothing', async () => {
		const client = await db.pool.connect();
		const last = (await readMigrations()).at(-1)!;
		try {
			await client.query(
				`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'regrouped_away')`,
				[STRANGER]
			);
			// A pending migration would be applied if the runner went on.
			await client.query('delete from supabase_migrations.schema_migrations where version = $1', [
				last.version
			]);
			const before = await footprint(client);
			expect(await unknownVersions(client)).toEqual([STRANGER]);
			const refusal = await migrate(client).catch((error: unknown) => error);
			expect(refusal).toBeInstanceOf(UnknownMigrationHistoryError);
			expect((refusal as UnknownMigrationHistoryError).versions).toEqual([STRANGER]);
			expect((refusal as Error).message).toContain(STRANGER);
			expect((refusal as Error).message).toMatch(/nothing was changed/);
			expect(await footprint(client)).toEqual(before);
		} finally {
			await client.query('delete from supabase_migrations.schema_migrations where version = $1', [
				STRANGER
			]);
			await client.query(
				`insert into supabase_migrations.schema_migrations (version, statements, name)
				 values ($1, $2, $3) on conflict (version) do nothing`,
				[last.version, [last.sql], last.name]
			);
			client.release();
		}
	});
});

describe('the embedded database with an unknown migration history', () => {
	let folder: string;
	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'zeitspende-rebuild-'));
	});
	afterAll(() => rm(folder, { recursive: true, force: true }));

	it('rebuilds itself on disk with the demo data and says so in one line', async () => {
		const dataDir = join(folder, 'pglite');
		// A real on-disk database, started from the migrated and seeded template.
		const old = await openPglite(dataDir, new Blob([await readFile(inject('pgliteDump'))]));
		await old.query(
			`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'regrouped_away')`,
			[STRANGER]
		);
		await old.query(`create table public.left_behind (id int)`);
		await old.close();

		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		let db: Database;
		try {
			db = await openDatabase({ dataDir, prepare: true });
			expect(log).toHaveBeenCalledTimes(1);
			expect(String(log.mock.calls[0]![0])).toBe(
				`Zeitspende: the embedded database at ${dataDir} had an unknown migration history (${STRANGER}); rebuilt it with the demo data.`
			);
		} finally {
			log.mockRestore();
		}
		try {
			expect(await recorded(db.pool)).toEqual(await expected());
			const { rows } = await db.pool.query<{ left: string | null; towns: number }>(
				`select to_regclass('public.left_behind')::text as left,
				        (select count(*) from public.municipalities)::int as towns`
			);
			expect(rows[0]).toEqual({ left: null, towns: expect.any(Number) });
			expect(rows[0]!.towns).toBeGreaterThan(0);
		} finally {
			await db.close();
		}
	});

	it('is refused, not rebuilt, when the database lives in memory', async () => {
		const db = await openDatabase({ dataDir: 'memory://', prepare: true, seed: false });
		try {
			await db.pool.query(
				`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'x')`,
				[STRANGER]
			);
			const dump = await db.pglite!.dumpDataDir('gzip');
			await expect(
				openDatabase({ dataDir: 'memory://', loadDataDir: dump, prepare: true })
			).rejects.toBeInstanceOf(UnknownMigrationHistoryError);
		} finally {
			await db.close();
		}
	});
});

// A server database refuses to rebuild itself; only a PostgreSQL server (TEST_DATABASE_URL) has one.
describe.skipIf(!process.env.TEST_DATABASE_URL)(
	'a server database with an unknown migration history',
	() => {
		const url = process.env.TEST_DATABASE_URL!;
		const name = uniqueDatabaseName('zs_unknown');
		afterAll(() =>
			withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`))
		);

		it('is refused by npm run db:migrate (openDatabase with url and prepare), with nothing changed', async () => {
			await withAdmin(url, (admin) =>
				admin.query(`create database ${name} template ${inject('pgTemplate')!}`)
			);
			const target = withDatabase(url, name);
			const setUp = await openDatabase({ url: target, poolSize: 1 });
			let before: unknown;
			try {
				await setUp.pool.query(
					`insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, '{}', 'regrouped_away')`,
					[STRANGER]
				);
				before = await footprint(setUp.pool);
			} finally {
				await setUp.close();
			}

			const refusal = await openDatabase({ url: target, prepare: true, poolSize: 1 }).catch(
				(error: unknown) => error
			);
			expect(refusal).toBeInstanceOf(UnknownMigrationHistoryError);
			expect((refusal as Error).message).toContain(STRANGER);

			const after = await openDatabase({ url: target, poolSize: 1 });
			try {
				expect(await footprint(after.pool)).toEqual(before);
				const { rows } = await after.pool.query<{ count: number }>(
					'select count(*)::int as count from public.municipalities'
				);
				expect(rows[0]!.count).toBeGreaterThan(0);
			} finally {
				await after.close();
			}
		});
	}
);
