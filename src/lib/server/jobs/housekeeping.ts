// Housekeeping (supabase/migrations/*_housekeeping.sql, *_known_browser_marks.sql, *_housekeeping_rate_limits.sql): deletes sign-in
// codes, ended sessions, offline request keys, expired known-browser marks and old rate-limit
// counts once nothing needs them any more, as the system.
import type pg from 'pg';
import { asSystem } from '../db/person.ts';

export interface HousekeepingResult {
	signInCodes: number;
	sessions: number;
	clientRequests: number;
	knownBrowserMarks: number;
	/** Sign-in rate limits' counts a day after their window started. */
	rateLimits: number;
}

/** Runs it once as of `now`; returns how many rows of each kind it deleted. */
export function runHousekeeping(
	pool: pg.Pool,
	now: Date = new Date()
): Promise<HousekeepingResult> {
	return asSystem(pool, async (tx) => {
		const { rows } = await tx.query<{ v: HousekeepingResult }>(
			'select private.run_housekeeping($1) as v',
			[now.toISOString()]
		);
		return rows[0]!.v;
	});
}
