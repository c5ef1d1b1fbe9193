// Applies supabase/migrations/*.sql in order and records them in
// supabase_migrations.schema_migrations, as the Supabase CLI does, so `supabase db push`
// and this runner agree on what has been applied. Running it again is a no-op. A database whose
// record holds a version that no file here has (an unknown history, e.g. after the files were
// regrouped) is refused before anything changes: see UnknownMigrationHistoryError.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from './types.ts';

export interface MigrationFile {
	version: string;
	name: string;
	sql: string;
}

export function projectRoot(): string {
	return process.env.ZEITSPENDE_ROOT ?? process.cwd();
}

export async function readMigrations(root = projectRoot()): Promise<MigrationFile[]> {
	const dir = join(root, 'supabase', 'migrations');
	const MIGRATION_NAME = /^(\d{14})_(.+)\.sql$/;
	const files = (await readdir(dir)).filter((f) => MIGRATION_NAME.test(f)).sort();
	return Promise.all(
		files.map(async (file) => {
			const [, version, name] = MIGRATION_NAME.exec(file)!;
			return { version: version!, name: name!, sql: await readFile(join(dir, file), 'utf8') };
		})
	);
}

/** The database was migrated from migration files this checkout does not have. */
export class UnknownMigrationHistoryError extends Error {
	readonly versions: string[];

	constructor(versions: string[]) {
		super(
			`The database records migrations that are not in supabase/migrations: ${versions.join(', ')}. ` +
				'It was migrated from other migration files (e.g. before they were regrouped), so nothing was changed. ' +
				'Run the code whose supabase/migrations matches this database, or, if its data may go, ' +
				'recreate the database (drop and create it, then npm run db:migrate).'
		);
		this.name = 'UnknownMigrationHistoryError';
		this.versions = versions;
	}
}

/**
 * Versions recorded in supabase_migrations.schema_migrations that are not among the files in
 * supabase/migrations, in order; [] for a fresh database or a known history.
 */
export async function unknownVersions(
	db: Queryable,
	migrations?: MigrationFile[]
): Promise<string[]> {
	const { rows: table } = await db.query<{ present: boolean }>(
		`select to_regclass('supabase_migrations.schema_migrations') is not null as present`
	);
	if (!table[0]!.present) return [];
	const known = new Set((migrations ?? (await readMigrations())).map((m) => m.version));
	const { rows } = await db.query<{ version: string }>(
		'select version from supabase_migrations.schema_migrations order by version'
	);
	return rows.map((r) => r.version).filter((v) => !known.has(v));
}

/** What a Supabase project provides (roles, auth schema), where it is not Supabase. */
export async function bootstrapIfNotSupabase(db: Queryable, root: string): Promise<void> {
	const { rows } = await db.query<{ present: boolean }>(
		`select to_regclass('auth.users') is not null as present`
	);
	if (rows[0]!.present) return;
	const sql = await readFile(join(root, 'supabase', 'bootstrap', 'supabase-compat.sql'), 'utf8');
	await db.query(sql);
}

/**
 * Applies what is missing; returns the versions applied now. Throws
 * UnknownMigrationHistoryError, changing nothing, when the database's history is unknown.
 */
export async function migrate(db: Queryable, root = projectRoot()): Promise<string[]> {
	const migrations = await readMigrations(root);
	await db.query('begin');
	try {
		// One migrator at a time, even with several app instances starting together.
		await db.query('select pg_advisory_xact_lock(7240181)');
		const unknown = await unknownVersions(db, migrations);
		if (unknown.length > 0) throw new UnknownMigrationHistoryError(unknown);
		await bootstrapIfNotSupabase(db, root);
		await db.query(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (
				version text primary key, statements text[], name text
			);`);
		const { rows } = await db.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations'
		);
		const done = new Set(rows.map((r) => r.version));
		const applied: string[] = [];
		for (const m of migrations) {
			if (done.has(m.version)) continue;
			await db.query(m.sql);
			await db.query(
				'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
				[m.version, [m.sql], m.name]
			);
			applied.push(m.version);
		}
		await db.query('commit');
		return applied;
	} catch (error) {
		await db.query('rollback');
		throw error;
	}
}

export async function seed(db: Queryable, root = projectRoot()): Promise<void> {
	const sql = await readFile(join(root, 'supabase', 'seed.sql'), 'utf8');
	await db.query('begin');
	try {
		await db.query(sql);
		await db.query('commit');
	} catch (error) {
		await db.query('rollback');
		throw error;
	}
	// Statistics for the planner: autovacuum analyzes a table only after 50 changed rows, which
	// the demo towns' small tables never reach, and without statistics the planner guesses (the
	// helper's page served 15 % fewer requests per second unanalyzed).
	await db.query('analyze');
}
