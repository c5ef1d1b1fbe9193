// The app runs its periodic jobs itself (the §72a retention job, housekeeping): once when the
// server starts, then every six hours.
// Several instances may do so at once — the database lets one run at a time and the others skip.
// ZEITSPENDE_JOBS=0 turns this off (e.g. where `npm run jobs` runs from cron instead).
import { runHousekeeping } from './housekeeping.ts';
import { runInspectionJobs } from './inspections.ts';
import type pg from 'pg';

export const JOB_INTERVAL_MS = 6 * 60 * 60 * 1000;

const KEY = Symbol.for('zeitspende.jobs');
type WithTimer = typeof globalThis & { [KEY]?: ReturnType<typeof setInterval> };

async function runOnce(pool: () => Promise<pg.Pool>): Promise<void> {
	try {
		const result = await runInspectionJobs(await pool());
		if (result && (result.purged > 0 || result.reminded > 0))
			console.log(
				`jobs: §72a records deleted ${result.purged}, re-check reminders ${result.reminded}`
			);
	} catch (error) {
		// A failed run is logged and tried again at the next interval; it never stops the server.
		console.error('jobs: the §72a retention job failed', error);
	}
	try {
		const done = await runHousekeeping(await pool());
		if (Object.values(done).some((n) => n > 0))
			console.log(
				`jobs: deleted ${done.signInCodes} old sign-in codes, ${done.sessions} ended sessions, ${done.clientRequests} old offline request keys, ${done.knownBrowserMarks} expired browser marks, ${done.rateLimits} old rate-limit counts`
			);
	} catch (error) {
		console.error('jobs: housekeeping failed', error);
	}
}

/** Runs the jobs now (awaited) and every six hours after; once per process, also across dev reloads. */
export async function startJobs(pool: () => Promise<pg.Pool>): Promise<void> {
	const g = globalThis as WithTimer;
	if (g[KEY]) return;
	g[KEY] = setInterval(() => void runOnce(pool), JOB_INTERVAL_MS);
	// Stryker disable next-line OptionalChaining: a Node timer always has unref
	g[KEY].unref?.();
	await runOnce(pool);
}
