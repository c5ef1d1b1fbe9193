// supabase/schema.sql must be what the migrations produce now: regenerate it with
// `npm run db:schema` whenever a migration changes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/server/db/migrate.ts';
import { dumpSchema, SCHEMA_FILE } from '../../src/lib/server/db/schema-dump.ts';

it('supabase/schema.sql is a current dump of the migrations', async () => {
	const committed = await readFile(join(projectRoot(), SCHEMA_FILE), 'utf8').catch(() => '');
	const fresh = await dumpSchema();
	expect(committed, 'supabase/schema.sql is stale: run npm run db:schema').toBe(fresh);
});
