// Batch proposals: "propose helpers for all open needs of my organisation". Candidates come
// from the same rule-checked query as the single-need list (which leaves out helpers whose time
// an existing match already takes), read set-based for all needs (in parts side by side on
// PostgreSQL); the assignment solver picks the set with the highest total score that no helper's
// hours can carry over and that never gives one helper two needs at the same time (no double
// booking). Scoring the candidates and solving run in a worker thread, after the reads'
// transactions have ended, so neither the event loop nor a database connection waits for them.
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from '../db/types.ts';
import { stoppedOrAnswered } from '../db/stopped.ts';
import { expirePastNeeds } from '../needs/expiry.ts';
import { explainScore, type Locale } from '../../domain/matching/explain.ts';
import { organisationCandidateRows } from './candidates.ts';
import type { CandidateRow, OpenNeed } from './plan-input.ts';
import { solveRowsOffThread } from './solve-off-thread.ts';
import { propose, type MatchErrorCode } from './verbs.ts';

export interface PlannedProposal {
	needId: string;
	needTitle: string;
	helperId: string;
	helperName: string;
	hours: number;
	score: number;
	explanation: string[];
}

export interface BatchPlan {
	proposals: PlannedProposal[];
	total: number;
	upperBound: number;
	greedyTotal: number;
	openNeeds: number;
}

/** Runs work as the person in a transaction of its own (locals.db, or asPerson in tests). */
export type PersonTransaction = <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;

const CANDIDATES_PER_NEED = 30;

/**
 * In how many parts a plan reads its candidates, side by side: one statement is one PostgreSQL
 * backend on one core, most of a large organisation's plan. At most two (a plan takes at most two
 * of the pool's connections), and never every core: with two parts on a 2-core machine the bench
 * town's plan took 9.0 s instead of 10.4 s, but another page's database work waited 2.8× as long
 * as alone instead of 1.6× (budget 2×). One on PGlite, which serves one connection, where parts
 * would only queue. `cores`: this machine's, where the database usually runs beside the app.
 */
export const batchParts = (
	kind: 'pglite' | 'postgres',
	cores: number = availableParallelism()
): number => (kind === 'postgres' ? Math.max(1, Math.min(2, cores - 1)) : 1);

const SOLVER_BUDGET_MS = 2_000;
/**
 * A plan within 0.1 % of the solver's bound is the plan: closer than any coordinator can tell
 * apart, and on the bench town (total ÷ bound 0.9995, total ÷ greedy 1.000) the rest of the
 * budget bought 0.0015 % for 1.2 s. Larger gaps still get the whole budget.
 */
// Stryker disable next-line all: how close is close enough changes how fast, and the plan by less than the gap
const SOLVER_GAP = 0.001;

/**
 * The organisation's open needs with their free places, in the order the plan lists them; past
 * needs expired first, once for the whole plan (the candidates' reads rely on it).
 */
async function openNeeds(tx: Queryable, organisationId: string): Promise<OpenNeed[]> {
	await expirePastNeeds(tx);
	const { rows } = await tx.query<OpenNeed>(
		`select n.id, n.title, n.hours, n.starts_on::text, n.ends_on::text, n.time_windows::text,
		        n.helpers_wanted - (select count(*)::int from matches m
		                            where m.need_id = n.id and m.status in ('proposed', 'requested', 'pending_approval', 'active')) as free_slots
		 from needs n
		 where n.organisation_id = $1 and n.status = 'open'
		 order by n.starts_on, n.id`,
		[organisationId]
	);
	return rows;
}

/**
 * What the worker scores and solves. Given a transaction (tests), read in it; given a transaction
 * runner, the expiry and the needs first, then each part of the candidates side by side, each in
 * a transaction of its own on a connection of its own (see bookable_organisation_candidate_lists:
 * one statement is one backend on one core), so a plan holds at most `parts` connections. Parts
 * may see commits the others do not: a plan is a proposal for review, and sending re-checks
 * every pair.
 */
async function readPlanRows(
	db: Queryable | PersonTransaction,
	organisationId: string,
	parts: number
): Promise<{ needs: OpenNeed[]; rows: CandidateRow[] }> {
	if (typeof db !== 'function') {
		const needs = await openNeeds(db, organisationId);
		return {
			needs,
			rows: await organisationCandidateRows(db, organisationId, CANDIDATES_PER_NEED)
		};
	}
	const needs = await db((tx) => openNeeds(tx, organisationId));
	const lists = await Promise.all(
		Array.from({ length: parts }, (_, part) =>
			db((tx) =>
				organisationCandidateRows(tx, organisationId, CANDIDATES_PER_NEED, { part, parts })
			)
		)
	);
	// The parts' needs are disjoint.
	return { needs, rows: lists.flat() };
}

/**
 * A plan for review; nothing is written. Given a transaction runner (locals.db), the reads get
 * transactions of their own that end before the solve, the candidates read in `parts` side by
 * side (batchParts); given a transaction, they run in it.
 */
export async function planBatch(
	db: Queryable | PersonTransaction,
	organisationId: string,
	locale: Locale,
	parts = 1
): Promise<BatchPlan> {
	const result = await solveRowsOffThread({
		...(await readPlanRows(db, organisationId, parts)),
		perNeed: CANDIDATES_PER_NEED,
		timeBudgetMs: SOLVER_BUDGET_MS,
		gap: SOLVER_GAP
	});
	// Explained only now: the pairs proposed, not every candidate read.
	const proposals = result.pairs.map(({ need, helper, candidate, needTitle, hours }) => ({
		needId: need,
		needTitle,
		helperId: helper,
		helperName: candidate.displayName,
		hours,
		score: candidate.score,
		explanation: explainScore(candidate.parts, locale)
	}));
	proposals.sort((a, b) => a.needTitle.localeCompare(b.needTitle) || b.score - a.score);
	return {
		proposals,
		total: result.total,
		upperBound: result.upperBound,
		greedyTotal: result.greedyTotal,
		openNeeds: result.openNeeds
	};
}

export interface SentProposal {
	needId: string;
	helperId: string;
	ok: boolean;
	code?: MatchErrorCode;
}

export interface SendOutcome {
	sent: SentProposal[];
	/**
	 * Pairs not sent because the database stopped one for a person's time limits (a lock held
	 * too long, PERSON_LIMITS): that pair and every later one, whose answers would be as slow.
	 */
	notSent: { needId: string; helperId: string }[];
}

/**
 * Sends at a time, per process: each pair takes this turn for its transaction. Five coordinators
 * sending 2 000 pairs each then hold at most one connection between them, so a page's query
 * waits behind one proposal, not behind one of each send (PGlite serves a single connection).
 */
let sendTurn: Promise<void> = Promise.resolve();

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
	const previous = sendTurn;
	let done!: () => void;
	sendTurn = new Promise((resolve) => (done = resolve));
	await previous;
	try {
		return await work();
	} finally {
		done();
	}
}

/**
 * The share of the time sends may take, all together: after each pair the turn is held idle for
 * as long again (at most PAUSE_MS: a pair that waited on a lock need not idle as long), so the
 * server and the database keep the other half for people's pages. Without it, five 2 000-pair
 * sends on the bench town kept the anonymous start page's p95 at 2.4× its time alone on
 * PostgreSQL (budget 2×); a 2 000-pair send takes twice as long instead.
 */
// Stryker disable next-line all: how fast a send goes, not what it writes
export const SEND_SHARE = 0.5;
// Stryker disable next-line all: see SEND_SHARE
const PAUSE_MS = 100;

/**
 * Sends the reviewed pairs as proposals; each is re-checked by the database. One transaction
 * per pair: a batch never holds many need and offer locks at once, so two coordinators
 * batching in the same town cannot deadlock, and helpers are never kept waiting on a batch.
 * Pairs take turns with other sends (inTurn), at most SEND_SHARE of the time, and yield to the
 * event loop between them.
 */
export async function sendBatch(
	asPerson: PersonTransaction,
	pairs: { needId: string; helperId: string }[]
): Promise<SendOutcome> {
	const sent: SentProposal[] = [];
	for (const [i, pair] of pairs.entries()) {
		let result;
		try {
			result = await inTurn(async () => {
				const started = performance.now();
				const proposed = await asPerson((tx) => propose(tx, pair.needId, pair.helperId, 'batch'));
				const took = performance.now() - started;
				await sleep(Math.min(PAUSE_MS, took * (1 / SEND_SHARE - 1)));
				return proposed;
			});
		} catch (error) {
			// What was sent stays sent (a transaction per pair); the rest is reported, not lost.
			if (stoppedOrAnswered(error)) return { sent, notSent: pairs.slice(i) };
			throw error;
		}
		sent.push(result.ok ? { ...pair, ok: true } : { ...pair, ok: false, code: result.code });
		await nextTurn();
	}
	return { sent, notSent: [] };
}

/** Organisations with a send running in this process. */
const sending = new Set<string>();

/**
 * One send at a time per organisation: a second while one runs is refused (`busy`), so one
 * organisation's many sends cannot take every turn from the others' (pairs take turns per send).
 */
export async function sendBatchFor(
	organisationId: string,
	asPerson: PersonTransaction,
	pairs: { needId: string; helperId: string }[]
): Promise<{ busy: true } | ({ busy: false } & SendOutcome)> {
	if (sending.has(organisationId)) return { busy: true };
	sending.add(organisationId);
	try {
		return { busy: false, ...(await sendBatch(asPerson, pairs)) };
	} finally {
		sending.delete(organisationId);
	}
}
