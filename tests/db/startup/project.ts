// Made-up project folders for the start-up tests: the migrations and seed given, with the real
// Supabase bootstrap; and a server address nothing listens on.
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Nothing listens on port 1: a pool that is never asked to connect, or fails at once when it is. */
export const NOWHERE = 'postgres://nobody@127.0.0.1:1/none';

/** A project folder under `parent` with these migration files, the real bootstrap and this seed. */
export async function projectFolder(
	parent: string,
	files: Record<string, string>,
	seedSql = 'select 1'
): Promise<string> {
	const dir = await mkdtemp(join(parent, 'p-'));
	await mkdir(join(dir, 'supabase', 'migrations'), { recursive: true });
	await cp(join(process.cwd(), 'supabase', 'bootstrap'), join(dir, 'supabase', 'bootstrap'), {
		recursive: true
	});
	await writeFile(join(dir, 'supabase', 'seed.sql'), seedSql);
	for (const [name, sql] of Object.entries(files))
		await writeFile(join(dir, 'supabase', 'migrations', name), sql);
	return dir;
}
