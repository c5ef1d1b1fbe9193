// Which API roles may execute functions: the grants a test holds new functions to.
import type { Queryable } from '../../src/lib/server/db/types.ts';

/** For anon and authenticated, the functions (as `schema.name(argument types)`) each may execute. */
export async function executableBy(
	db: Queryable,
	functions: string[]
): Promise<{ anon: string[]; authenticated: string[] }> {
	const { rows } = await db.query<{ role: 'anon' | 'authenticated'; fn: string }>(
		`select r.role, f.fn from unnest(array['anon', 'authenticated']) r(role)
		 cross join unnest($1::text[]) f(fn)
		 where has_function_privilege(r.role, f.fn, 'execute')`,
		[functions]
	);
	const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.fn);
	return { anon: of('anon'), authenticated: of('authenticated') };
}
