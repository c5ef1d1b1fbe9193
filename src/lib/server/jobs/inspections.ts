// The §72a retention job (supabase/migrations/*_inspection_retention_job.sql): deletes the
// records due and sends the re-check reminders due, as the system. One run at a time across all
// app instances (an advisory lock in the database); a run that finds the lock taken skips.
import type pg from 'pg';
import { asSystem } from '../db/person.ts';

export interface InspectionJobResult {
	/** Records deleted. */
	purged: number;
	/** Records whose re-check reminder went to the outbox. */
	reminded: number;
}

/** Runs the job once at `now`; null when another run holds the lock. */
export function runInspectionJobs(
	pool: pg.Pool,
	now: Date = new Date()
): Promise<InspectionJobResult | null> {
	return asSystem(pool, async (tx) => {
		const { rows } = await tx.query<{ v: InspectionJobResult | null }>(
			'select private.run_inspection_jobs($1) as v',
			[now.toISOString()]
		);
		// Stryker disable next-line OptionalChaining: select f() always gives one row
		return rows[0]?.v ?? null;
	});
}
