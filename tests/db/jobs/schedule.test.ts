// The jobs the app runs itself (src/lib/server/jobs/schedule.ts), on the real clock: once when
// the server starts, then every six hours, once per process; each run says what it deleted and
// nothing when there was nothing; a failing job is logged and the other still runs. Each file has
// its own database, so the runs here commit.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type pg from 'pg';
import { asSystem } from '../../../src/lib/server/db/person.ts';
import { runHousekeeping } from '../../../src/lib/server/jobs/housekeeping.ts';
import { runInspectionJobs } from '../../../src/lib/server/jobs/inspections.ts';
import { JOB_INTERVAL_MS, startJobs } from '../../../src/lib/server/jobs/schedule.ts';
import { backends } from '../harness.ts';
import { useWorld } from '../rls/support.ts';

const KEY = Symbol.for('zeitspende.jobs');
type WithTimer = typeof globalThis & { [KEY]?: ReturnType<typeof setInterval> };

describe.each(backends)('the periodic jobs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	const system = (sql: string, params: unknown[] = []) =>
		asSystem(ctx.db.pool, (tx) => tx.query(sql, params));

	/** Something for housekeeping to delete: one row of a kind, just past its keeping time. */
	const oldSignInCode = () =>
		system(
			`insert into private.sign_in_codes (email, code_hash, expires_at, created_at)
			 values ('old@jobs.example', 'hash', now() - interval '2 days', now() - interval '2 days 1 minute')`
		);
	const endedSession = () =>
		system(
			`insert into private.sessions (token_hash, user_id, expires_at, revoked_at, created_at)
			 values ('jobs-ended', $1, now() + interval '20 days', now() - interval '1 day 1 minute', now() - interval '30 days')`,
			[w().people.helper]
		);
	const oldRequest = () =>
		system(
			`insert into private.client_requests (client_key, person_id, action, input, result, created_at)
			 values ('00000000-0000-4000-8000-0000000000b1', $1, 'log_hours', '{}', '{}', now() - interval '91 days')`,
			[w().people.helper]
		);
	const expiredMark = () =>
		system(
			`insert into private.known_browser_marks (id_hash, user_id, expires_at, created_at)
			 values ('jobs-expired-mark', $1, now() - interval '1 minute', now() - interval '180 days')`,
			[w().people.helper]
		);

	let log: MockInstance<typeof console.log>;
	let error: MockInstance<typeof console.error>;
	let interval: MockInstance<typeof setInterval>;
	beforeEach(() => {
		log = vi.spyOn(console, 'log').mockImplementation(() => {});
		error = vi.spyOn(console, 'error').mockImplementation(() => {});
		interval = vi.spyOn(globalThis, 'setInterval');
	});
	afterEach(() => {
		const g = globalThis as WithTimer;
		clearInterval(g[KEY]);
		delete g[KEY];
		vi.restoreAllMocks();
	});

	/** The pool, counting the transactions that have ended on it (two per run of the jobs). */
	let ended = 0;
	const counted = () =>
		({
			connect: async () => {
				const client = await ctx.db.pool.connect();
				const release = client.release.bind(client);
				client.release = (err?: Error | boolean) => {
					client.release = release;
					ended++;
					return release(err);
				};
				return client;
			}
		}) as unknown as pg.Pool;

	it('runs both jobs at start, then every six hours, once per process, and says what each deleted', async () => {
		// The world's two records of helper2 were never used and are older than three months; one
		// record of the seed comes up for its re-check.
		await oldSignInCode();
		const pool = vi.fn(async () => counted());
		await startJobs(pool);
		expect(log.mock.calls).toEqual([
			['jobs: §72a records deleted 2, re-check reminders 1'],
			[
				'jobs: deleted 1 old sign-in codes, 0 ended sessions, 0 old offline request keys, 0 expired browser marks, 0 old rate-limit counts'
			]
		]);
		expect(pool).toHaveBeenCalledTimes(2);
		expect(interval).toHaveBeenCalledTimes(1);
		expect(interval.mock.calls[0]![1]).toBe(JOB_INTERVAL_MS);
		expect(JOB_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
		// The timer never keeps the process alive on its own.
		expect((globalThis as WithTimer)[KEY]!.hasRef()).toBe(false);

		// Started again (a dev reload): nothing runs, no second timer.
		await startJobs(pool);
		expect(pool).toHaveBeenCalledTimes(2);
		expect(interval).toHaveBeenCalledTimes(1);

		const tick = interval.mock.calls[0]![0] as () => void;
		const runs = async (logged: unknown[][]) => {
			const before = ended;
			log.mockClear();
			tick();
			await vi.waitFor(() => expect(ended).toBe(before + 2));
			await new Promise((resolve) => setTimeout(resolve, 10));
			expect(log.mock.calls).toEqual(logged);
		};
		// A re-check due in four weeks: the reminder alone.
		await system(`update public.inspections_72a set recheck_on = current_date + 28 where id = $1`, [
			w().inspections.helperByA
		]);
		await runs([['jobs: §72a records deleted 0, re-check reminders 1']]);
		// Nothing to do: nothing said.
		await runs([]);
		await endedSession();
		await runs([
			[
				'jobs: deleted 0 old sign-in codes, 1 ended sessions, 0 old offline request keys, 0 expired browser marks, 0 old rate-limit counts'
			]
		]);
		await oldRequest();
		await runs([
			[
				'jobs: deleted 0 old sign-in codes, 0 ended sessions, 1 old offline request keys, 0 expired browser marks, 0 old rate-limit counts'
			]
		]);
		await expiredMark();
		await runs([
			[
				'jobs: deleted 0 old sign-in codes, 0 ended sessions, 0 old offline request keys, 1 expired browser marks, 0 old rate-limit counts'
			]
		]);
		expect(error).not.toHaveBeenCalled();
	});

	it('logs a failing job and still runs the other; the server start never fails', async () => {
		await oldSignInCode();
		const down = new Error('database down');
		const pool = vi
			.fn<() => Promise<pg.Pool>>()
			.mockRejectedValueOnce(down)
			.mockResolvedValue(ctx.db.pool);
		await expect(startJobs(pool)).resolves.toBeUndefined();
		expect(error.mock.calls).toEqual([['jobs: the §72a retention job failed', down]]);
		expect(log.mock.calls).toEqual([
			[
				'jobs: deleted 1 old sign-in codes, 0 ended sessions, 0 old offline request keys, 0 expired browser marks, 0 old rate-limit counts'
			]
		]);

		error.mockClear();
		log.mockClear();
		pool.mockResolvedValueOnce(ctx.db.pool).mockRejectedValueOnce(down);
		(interval.mock.calls[0]![0] as () => void)();
		await vi.waitFor(() => expect(error.mock.calls).toEqual([['jobs: housekeeping failed', down]]));
		expect(log.mock.calls).toEqual([]);
	});

	// PGlite serves one connection, so two runs can never overlap there.
	it.skipIf(backend === 'pglite')(
		'while another instance runs the §72a job, this one skips it quietly and still keeps house',
		async () => {
			await oldSignInCode();
			const other = await ctx.db.pool.connect();
			try {
				await other.query('begin');
				await other.query(`select pg_advisory_xact_lock(hashtext('zeitspende.inspection_jobs'))`);
				expect(await runInspectionJobs(ctx.db.pool)).toBeNull();
				await startJobs(async () => ctx.db.pool);
			} finally {
				await other.query('rollback');
				other.release();
			}
			expect(error).not.toHaveBeenCalled();
			expect(log.mock.calls).toEqual([
				[
					'jobs: deleted 1 old sign-in codes, 0 ended sessions, 0 old offline request keys, 0 expired browser marks, 0 old rate-limit counts'
				]
			]);
		}
	);

	it('the job functions run as the system at the time given and say what they did', async () => {
		await oldSignInCode();
		await endedSession();
		await oldRequest();
		await expiredMark();
		expect(await runHousekeeping(ctx.db.pool, new Date(Date.now() - 3 * 86_400_000))).toEqual({
			signInCodes: 0,
			sessions: 0,
			clientRequests: 0,
			knownBrowserMarks: 0,
			rateLimits: 0
		});
		expect(await runHousekeeping(ctx.db.pool)).toEqual({
			signInCodes: 1,
			sessions: 1,
			clientRequests: 1,
			knownBrowserMarks: 1,
			rateLimits: 0
		});
		// The runs above deleted and reminded what was due.
		expect(await runInspectionJobs(ctx.db.pool)).toEqual({ purged: 0, reminded: 0 });
	});
});
