// A person's statements run under time limits (PERSON_LIMITS, src/lib/server/db/person.ts): set
// in the transaction, on reads (a request's shared connection) and writes alike, for people and
// for anonymous visitors, and gone when it ends; a statement stopped by them answers 503 with
// the message and changes nothing (src/lib/server/http/busy.ts). PGlite takes the settings but
// has no timer to stop a statement by (nor a second connection to hold a lock): there the first
// part checks only that they are set.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { PERSON_LIMITS, asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';
import { sendBatch } from '../../../src/lib/server/matching/batch.ts';
import { cancelNeed } from '../../../src/lib/server/needs/write.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import { backends, freshDatabase } from '../harness.ts';
import { localsFor } from '../locals.ts';
import { helper, need, town, type Town } from '../matching/world.ts';

const LIMITS = `select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock`;
const expected = { statement: PERSON_LIMITS.statementTimeout, lock: PERSON_LIMITS.lockTimeout };

describe.each(backends)('time limits on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db?.close());

	it('a reading request, signed in or not, runs under them', async () => {
		for (const claims of [claimsFor(t.coordA), null]) {
			const request = requestDatabase(db.pool, claims, 'GET');
			const { rows } = await request.db((tx) => tx.query(LIMITS));
			await request.settled();
			expect(rows[0]).toEqual(expected);
		}
	});

	it("a write's transaction runs under them, and they end with it", async () => {
		const request = requestDatabase(db.pool, claimsFor(t.coordA), 'POST');
		const { rows } = await request.db((tx) => tx.query(LIMITS));
		expect(rows[0]).toEqual(expected);
		const { rows: after } = await db.pool.query(LIMITS);
		expect(after[0]).not.toEqual(expected);
	});
});

// Two transactions at once (one holds a lock the other waits for): PGlite serves one connection,
// so this runs where TEST_DATABASE_URL is set.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a statement stopped by its lock limit', () => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase('postgres');
		t = await town(db.pool);
	});
	afterAll(() => db?.close());

	it('answers 503 with the message, after the lock limit, and changes nothing', async () => {
		const needId = await need(db.pool, { organisation: t.orgA });
		const holder = await db.pool.connect();
		let answer: unknown;
		const started = performance.now();
		try {
			await holder.query('begin');
			await holder.query('select 1 from public.needs where id = $1 for update', [needId]);
			answer = await localsFor(db.pool, t.coordA)
				.db((tx) => cancelNeed(tx, needId))
				.catch((e: unknown) => e);
		} finally {
			await holder.query('rollback');
			holder.release();
		}
		const waited = performance.now() - started;
		expect(isHttpError(answer) && answer.status).toBe(503);
		expect(isHttpError(answer) && answer.body.message).toBe(m.error_busy({}, { locale: 'de' }));
		// It waited for the limit, not for ever and not less.
		expect(waited).toBeGreaterThanOrEqual(parseInt(PERSON_LIMITS.lockTimeout) * 1000 - 50);
		const { rows } = await db.pool.query('select status from public.needs where id = $1', [needId]);
		expect(rows[0].status).toBe('open');
		// Once the lock is gone, the same step goes through.
		await expect(
			asPerson(db.pool, claimsFor(t.coordA), (tx) => cancelNeed(tx, needId))
		).resolves.toEqual({ ok: true });
	});

	it('stops a batch send at the pair it stopped: what was sent stays, the rest is reported unsent', async () => {
		// Found by the attack review: the send's 503 said "nothing was changed" after pairs were written.
		const [first, second, third] = [
			await need(db.pool, { organisation: t.orgA, title: 'Erste' }),
			await need(db.pool, { organisation: t.orgA, title: 'Zweite' }),
			await need(db.pool, { organisation: t.orgA, title: 'Dritte' })
		];
		const ana = await helper(db.pool, { municipality: t.municipality, name: 'Ana' });
		const pairs = [first!, second!, third!].map((needId) => ({ needId, helperId: ana }));
		const holder = await db.pool.connect();
		let outcome: Awaited<ReturnType<typeof sendBatch>>;
		try {
			await holder.query('begin');
			await holder.query('select 1 from public.needs where id = $1 for update', [second]);
			// As the page sends: through the request's handle, which answers a stop with 503.
			outcome = await sendBatch(localsFor(db.pool, t.coordA).db, pairs);
		} finally {
			await holder.query('rollback');
			holder.release();
		}
		expect(outcome.sent).toEqual([{ ...pairs[0], ok: true }]);
		expect(outcome.notSent).toEqual(pairs.slice(1));
		const { rows } = await db.pool.query<{ need_id: string }>(
			'select need_id from public.matches where helper_id = $1',
			[ana]
		);
		expect(rows.map((r) => r.need_id)).toEqual([first]);
	});
});
