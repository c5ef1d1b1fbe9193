import type { QueryResultRow } from 'pg';

/** What a pooled client, a pool and a transaction handle have in common. */
export interface Queryable {
	query<R extends QueryResultRow = QueryResultRow>(
		text: string,
		values?: unknown[]
	): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** The claims a person's queries run with, as Supabase puts them in `request.jwt.claims`. */
export interface Claims {
	sub: string;
	role: 'authenticated';
	email?: string;
}
