// Each test file gets its own clean, migrated and seeded database: PGlite always, and the
// PostgreSQL server too when TEST_DATABASE_URL is set. Use `describe.each(backends)`.
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/open.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from './server-admin.ts';

export type Backend = 'pglite' | 'postgres';

export const backends: Backend[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

/** A fresh copy of the migrated, seeded template. Close it in afterAll. */
export async function freshDatabase(backend: Backend, poolSize = 10): Promise<Database> {
	if (backend === 'pglite') {
		const dump = await readFile(inject('pgliteDump'));
		return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
	}
	const url = process.env.TEST_DATABASE_URL!;
	const template = inject('pgTemplate')!;
	const name = uniqueDatabaseName('zs_test');
	await withAdmin(url, (admin) => admin.query(`create database ${name} template ${template}`));
	const db = await openDatabase({ url: withDatabase(url, name), poolSize });
	return {
		...db,
		close: async () => {
			await db.close();
			await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
		}
	};
}
