// Batch proposals end to end: an organisation with 2 000 open needs in a town of 20 000 helpers
// (tests/bench/batch-town.ts) on a fresh database of the PostgreSQL server at
// BENCH_DATABASE_URL or TEST_DATABASE_URL; without one, on PGlite at a tenth of the size. Prints
// the whole plan's time (planBatch: the candidates in batchParts statements side by side, solve
// in a worker thread), the
// event loop's longest stall meanwhile, the p95 of another page's database work (the anonymous
// start page's two queries and a helper's "needs for me") alone and while the plan runs, and an
// anonymous page's wait alone and while five 2 000-pair sends run at once (for SEND_SECONDS;
// each proposal re-checks its pair). Figures are ratios against baselines of the same process.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase, type Database } from '../../src/lib/server/db/open.ts';
import { asAnonymous, asPerson, claimsFor } from '../../src/lib/server/db/person.ts';
import type { Queryable } from '../../src/lib/server/db/types.ts';
import { batchParts, planBatch, sendBatch } from '../../src/lib/server/matching/batch.ts';
import { warmSolver } from '../../src/lib/server/matching/solve-off-thread.ts';
import { needsForHelper } from '../../src/lib/server/matching/candidates.ts';
import { publicFigures, towns } from '../../src/lib/server/reports/figures.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from '../db/server-admin.ts';
import { populateBatchTown, type BatchTown } from './batch-town.ts';

const FULL = { helpers: 20_000, needs: 2_000, loadMatches: 5_000 };
const SENDS = 5;
const PAIRS_PER_SEND = 2_000;
const SEND_SECONDS = Number(process.env.BENCH_BATCH_SEND_SECONDS ?? 20);
const BASELINE_ROUNDS = 30;

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}×`;

/** The anonymous start page's database work (two transactions, as its load function). */
async function startPage(db: Database): Promise<number> {
	const t = performance.now();
	await asAnonymous(db.pool, publicFigures);
	await asAnonymous(db.pool, towns);
	return performance.now() - t;
}

/** Another page: the start page, then a helper's "needs for me". */
async function otherPage(db: Database, town: BatchTown): Promise<number> {
	const t = performance.now();
	await startPage(db);
	await asPerson(db.pool, claimsFor(town.helper), (tx) => needsForHelper(tx, 'de'));
	return performance.now() - t;
}

/** Runs `page` in a loop until `until` settles; returns the latencies. */
async function loopWhile(page: () => Promise<number>, until: Promise<unknown>): Promise<number[]> {
	let done = false;
	void until.finally(() => (done = true)).catch(() => undefined);
	const times: number[] = [];
	while (!done) times.push(await page());
	return times;
}

async function rounds(page: () => Promise<number>, n: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < n; i++) times.push(await page());
	return times;
}

async function benchOne(label: string, db: Database, size: typeof FULL): Promise<void> {
	console.log(`\n${label}`);
	let t = performance.now();
	const town = await populateBatchTown(db, size);
	console.log(
		`  populated ${size.helpers} helpers, ${size.needs} open needs, ${size.loadMatches} active matches of another organisation in ${((performance.now() - t) / 1000).toFixed(1)} s`
	);
	const coordinator = <T>(work: (tx: Queryable) => Promise<T>) =>
		asPerson(db.pool, claimsFor(town.coordinator), work);

	await rounds(() => otherPage(db, town), 5); // warm-up
	const alone = await rounds(() => otherPage(db, town), BASELINE_ROUNDS);

	// As when the coordinator opens the batch page: its load starts the solver's worker.
	t = performance.now();
	await warmSolver();
	console.log(
		`  solver worker ready in ${ms(performance.now() - t)} (started by opening the batch page)`
	);

	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	t = performance.now();
	const plan = planBatch(coordinator, town.organisation, 'de', batchParts(db.kind));
	const during = await loopWhile(() => otherPage(db, town), plan);
	const { proposals, total, upperBound, greedyTotal, openNeeds } = await plan;
	const planMs = performance.now() - t;
	lag.disable();
	console.log(
		`  plan: ${openNeeds} open needs → ${proposals.length} proposals in ${(planMs / 1000).toFixed(2)} s (target ≤ 5 s); total ÷ greedy ${(total / greedyTotal).toFixed(3)}, ÷ bound ${(total / upperBound).toFixed(3)}`
	);
	console.log(`  event loop's longest stall while planning: ${ms(lag.max / 1e6)}`);
	console.log(
		`  another page's database work, p95: alone ${ms(quantile(alone, 0.95))} (${alone.length} runs), while planning ${ms(quantile(during, 0.95))} (${during.length} runs) → ${ratio(quantile(during, 0.95), quantile(alone, 0.95))} (target ≤ 2×)`
	);

	// Five sends at once, each 2 000 pairs: every need's 1st…5th candidate, one rank per send.
	const { rows } = await coordinator((tx) =>
		tx.query<{ need_id: string; helper_id: string }>(
			'select need_id, helper_id from public.bookable_organisation_candidates($1, $2)',
			[town.organisation, SENDS]
		)
	);
	const lists: { needId: string; helperId: string }[][] = Array.from({ length: SENDS }, () => []);
	let place = 0;
	let lastNeed = '';
	for (const r of rows) {
		place = r.need_id === lastNeed ? place + 1 : 0;
		lastNeed = r.need_id;
		lists[place]?.push({ needId: r.need_id, helperId: r.helper_id });
	}
	const startAlone = await rounds(() => startPage(db), BASELINE_ROUNDS);
	// Stopped after SEND_SECONDS: each proposal re-checks its pair, 10 000 of them take long.
	const stopAt = performance.now() + SEND_SECONDS * 1000;
	let proposed = 0;
	const bounded = <T>(work: (tx: Queryable) => Promise<T>) => {
		if (performance.now() > stopAt) return Promise.reject(new Error('stop'));
		proposed++;
		return coordinator(work);
	};
	const sends = Promise.allSettled(
		lists.map((pairs) => sendBatch(bounded, pairs.slice(0, PAIRS_PER_SEND)))
	);
	const startDuring = await loopWhile(() => startPage(db), sends);
	console.log(
		`  ${SENDS} sends of up to ${PAIRS_PER_SEND} pairs at once: ${proposed} proposals checked in ${SEND_SECONDS} s`
	);
	console.log(
		`  anonymous start page's wait, p95: alone ${ms(quantile(startAlone, 0.95))}, during the sends ${ms(quantile(startDuring, 0.95))} (max ${ms(Math.max(...startDuring))}, ${startDuring.length} runs) → ${ratio(quantile(startDuring, 0.95), quantile(startAlone, 0.95))}`
	);
}

export async function runBatchBench(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (url) {
		const name = uniqueDatabaseName('zs_bench');
		await withAdmin(url, (admin) => admin.query(`create database ${name}`));
		const db = await openDatabase({ url: withDatabase(url, name), prepare: true, seed: true });
		try {
			const { rows } = await db.pool.query<{ v: string }>('select version() as v');
			await benchOne(`PostgreSQL server (${rows[0]!.v.split(' on ')[0]}), pool of 10`, db, FULL);
		} finally {
			await db.close();
			await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
		}
		return;
	}
	console.log(
		'\nNo PostgreSQL server (set BENCH_DATABASE_URL or TEST_DATABASE_URL): the targets are for PostgreSQL; PGlite at a tenth of the size instead.'
	);
	const lite = await openDatabase({ dataDir: 'memory://', prepare: true });
	try {
		const tenth = { helpers: FULL.helpers / 10, needs: FULL.needs / 10, loadMatches: 500 };
		await benchOne('PGlite (memory), one connection', lite, tenth);
	} finally {
		await lite.close();
	}
}
