// Housekeeping with a controlled clock: it deletes sign-in codes two days old, sessions a day
// after they expired or were ended, offline request keys 90 days old, known-browser marks once
// expired and rate-limit counts a day after their window started — and keeps every row one minute
// younger; only the system may run it.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { backends } from '../harness.ts';
import { as, expectDenied, useWorld, type Context } from '../rls/support.ts';

const NOW = '2027-03-10T12:00:00Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** As the system: two rows of each kind, one just past its keeping time and one just within it. */
async function rows(ctx: Context, tx: Tx) {
	const person = ctx.world.people.helper;
	// Only the test's rows (rolled back with the rest), so the counts are exact.
	for (const table of [
		'sign_in_codes',
		'sessions',
		'client_requests',
		'known_browser_marks',
		'rate_limits'
	])
		await tx.query(`delete from private.${table}`);
	for (const [tag, created] of [
		['old', ago(2 * DAY + MINUTE)],
		['kept', ago(2 * DAY - MINUTE)]
	])
		await tx.query(
			`insert into private.sign_in_codes (email, code_hash, expires_at, created_at)
			 values ($1, 'hash', $2::timestamptz + interval '10 minutes', $2)`,
			[`${tag}@housekeeping.example`, created]
		);
	const sessions: [string, string, string | null][] = [
		['expired', ago(DAY + MINUTE), null],
		['revoked', ago(-20 * DAY), ago(DAY + MINUTE)],
		['expired-kept', ago(DAY - MINUTE), null],
		['revoked-kept', ago(-20 * DAY), ago(DAY - MINUTE)]
	];
	for (const [tag, expires, revoked] of sessions)
		await tx.query(
			`insert into private.sessions (token_hash, user_id, expires_at, revoked_at, created_at)
			 values ($1, $2, $3, $4, $5)`,
			[`housekeeping-${tag}`, person, expires, revoked, ago(30 * DAY)]
		);
	for (const [key, created] of [
		['00000000-0000-4000-8000-0000000000a1', ago(90 * DAY + MINUTE)],
		['00000000-0000-4000-8000-0000000000a2', ago(90 * DAY - MINUTE)]
	])
		await tx.query(
			`insert into private.client_requests (client_key, person_id, action, input, result, created_at)
			 values ($1, $2, 'log_hours', '{}', '{}', $3)`,
			[key, person, created]
		);
	for (const [tag, expires] of [
		['expired', ago(MINUTE)],
		['kept', ago(-MINUTE)]
	])
		await tx.query(
			`insert into private.known_browser_marks (id_hash, user_id, expires_at, created_at)
			 values ($1, $2, $3, $4)`,
			[`housekeeping-mark-${tag}`, person, expires, ago(180 * DAY)]
		);
	for (const [tag, started] of [
		['old', ago(DAY + MINUTE)],
		['kept', ago(DAY - MINUTE)]
	])
		await tx.query(
			`insert into private.rate_limits (bucket, window_start, hits) values ($1, $2, 3)`,
			[`code:ip:housekeeping-${tag}`, started]
		);
}

async function left(tx: Tx) {
	const pick = async (sql: string) => (await tx.query<{ k: string }>(sql)).rows.map((r) => r.k);
	return {
		codes: await pick(
			`select email as k from private.sign_in_codes where email like '%@housekeeping.example' order by 1`
		),
		sessions: await pick(
			`select token_hash as k from private.sessions where token_hash like 'housekeeping-%' order by 1`
		),
		requests: await pick(
			`select client_key::text as k from private.client_requests where client_key::text like '00000000-0000-4000-8000-0000000000a%' order by 1`
		),
		marks: await pick(`select id_hash as k from private.known_browser_marks order by 1`),
		limits: await pick(`select bucket as k from private.rate_limits order by 1`)
	};
}

describe.each(backends)('housekeeping (%s)', (backend) => {
	const ctx = useWorld(backend);

	it('deletes what is past its keeping time and keeps what is a minute younger', async () => {
		const seen = await as(ctx, 'system', async (tx) => {
			await rows(ctx, tx);
			const { rows: result } = await tx.query(`select private.run_housekeeping($1) as v`, [NOW]);
			return { result: result[0]!.v, left: await left(tx) };
		});
		expect(seen.left).toEqual({
			codes: ['kept@housekeeping.example'],
			sessions: ['housekeeping-expired-kept', 'housekeeping-revoked-kept'],
			requests: ['00000000-0000-4000-8000-0000000000a2'],
			marks: ['housekeeping-mark-kept'],
			limits: ['code:ip:housekeeping-kept']
		});
		expect(seen.result).toEqual({
			signInCodes: 1,
			sessions: 2,
			clientRequests: 1,
			knownBrowserMarks: 1,
			rateLimits: 1
		});
	});

	it.each(['helper', 'coordA', 'anonymous'] as const)('may not be run by %s', async (who) => {
		await expectDenied(
			as(ctx, who, (tx) => tx.query(`select private.run_housekeeping($1)`, [NOW])),
			'privilege'
		);
	});
});
