import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import type { Database } from '../../src/lib/server/db/open.ts';
import { backends, freshDatabase } from './harness.ts';

describe.each(backends)('migrations on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('records every migration as the Supabase CLI does', async () => {
		const { rows } = await db.pool.query<{ version: string; name: string }>(
			'select version, name from supabase_migrations.schema_migrations order by version'
		);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		expect(rows[0]).toMatchObject({ version: '20261122000100', name: 'foundation' });
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
			'authenticated DELETE inspections_72a',
			'authenticated DELETE memberships',
			'authenticated DELETE offers'
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
});
