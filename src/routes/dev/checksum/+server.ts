import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { outboxEnabled, services } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Development and tests only (like /dev/outbox): a checksum of every table's rows, so a test can
// show that a run of requests changed nothing (tests/e2e/malformed-sweep.spec.ts). Sessions and
// sign-in codes and limits are left out: signing in and reading a page change them by design.
const SKIPPED = new Set(['private.sessions', 'private.sign_in_codes', 'private.rate_limits']);

export const GET: RequestHandler = async () => {
	if (!outboxEnabled()) error(404, m.error_not_found());
	const { db } = await services();
	const tables = await db.pool.query<{ name: string }>(
		`select table_schema || '.' || table_name as name from information_schema.tables
		 where table_schema in ('public', 'private', 'auth') and table_type = 'BASE TABLE'
		 order by 1`
	);
	const checksums: Record<string, string> = {};
	for (const { name } of tables.rows) {
		if (SKIPPED.has(name)) continue;
		const [schema, table] = name.split('.');
		const { rows } = await db.pool.query<{ sum: string }>(
			`select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum
			 from "${schema}"."${table}" t`
		);
		checksums[name] = rows[0]!.sum;
	}
	return json(checksums, { headers: { 'cache-control': 'no-store' } });
};
