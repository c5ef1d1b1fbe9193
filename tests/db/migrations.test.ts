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
});
