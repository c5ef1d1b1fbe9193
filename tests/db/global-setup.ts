// Migrate and seed once per run, then let every test file start from a copy:
// a PGlite dump (loading one costs ~0.5 s, a fresh migrate ~3 s) and, when
// TEST_DATABASE_URL is set, a template database on the PostgreSQL server.
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/open.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from './server-admin.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteDump: string;
		pgTemplate: string | null;
	}
}

export default async function setup(project: TestProject) {
	const dumpPath = join(tmpdir(), `zeitspende-template-${process.pid}.tar.gz`);
	const db = await openDatabase({ dataDir: 'memory://', prepare: true });
	const dump = await db.pglite!.dumpDataDir('gzip');
	await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
	await db.close();
	project.provide('pgliteDump', dumpPath);

	const url = process.env.TEST_DATABASE_URL;
	const template = url ? uniqueDatabaseName('zs_template') : null;
	if (url && template) {
		await withAdmin(url, (admin) => admin.query(`create database ${template}`));
		const server = await openDatabase({
			url: withDatabase(url, template),
			prepare: true,
			seed: true,
			poolSize: 1
		});
		await server.close();
	}
	project.provide('pgTemplate', template);

	return async () => {
		await rm(dumpPath, { force: true });
		if (url && template) {
			await withAdmin(url, (admin) =>
				admin.query(`drop database if exists ${template} with (force)`)
			);
		}
	};
}
