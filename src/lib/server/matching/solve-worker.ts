// The batch solver's thread: a plan's candidates are scored, its clashing need pairs and its
// assignment computed here, off the server's event loop (solve-off-thread.ts starts it). Kept
// small: the pure scoring, solver and no-double-booking rule, nothing with I/O, so it loads fast
// in a fresh worker.
import { parentPort, workerData } from 'node:worker_threads';
import { solveAssignment } from '../../domain/assignment/solve.ts';
import type { Conflict, Instance, SolveResult } from '../../domain/assignment/types.ts';
import { needsClash, type BookedNeed } from '../../domain/matching/booking.ts';
import { windowsMeet } from '../../domain/matching/windows.ts';
import {
	explainTuple,
	planInput,
	rankRow,
	type CandidateRow,
	type OpenNeed,
	type ScoredCandidate
} from './plan-input.ts';

export interface PlanJob {
	instance: Instance;
	/** The plan's needs with dates and windows: pairs that clash get no common helper. */
	booked: BookedNeed[];
	timeBudgetMs: number;
	/** Relative gap at which the plan is good enough (SolveOptions.gap). */
	gap?: number;
}

export interface PlanSolution extends SolveResult {
	conflicts: number;
}

/** This module's own URL: the main thread starts the worker from it (source or built chunk). */
export const workerUrl = import.meta.url;

/**
 * Every pair of needs that takes the same time. Sorted by start, a need is compared only with
 * those starting before it ends, and the weekday test only runs where the windows overlap.
 */
export function clashingPairs(needs: readonly BookedNeed[]): Conflict[] {
	const timed = needs
		.filter((n) => n.timeWindows !== null && n.timeWindows.length > 0)
		.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
	const pairs: Conflict[] = [];
	for (let i = 0; i < timed.length; i++) {
		const a = timed[i]!;
		const endA = a.endsOn ?? a.startsOn;
		for (let k = i + 1; k < timed.length && timed[k]!.startsOn <= endA; k++) {
			const b = timed[k]!;
			if (!windowsMeet(a.timeWindows!, b.timeWindows!)) continue;
			if (needsClash(a, b)) pairs.push({ a: a.id, b: b.id });
		}
	}
	return pairs;
}

export function solvePlanJob(job: PlanJob): PlanSolution {
	const conflicts = clashingPairs(job.booked);
	const result = solveAssignment(
		{ ...job.instance, conflicts },
		{ timeBudgetMs: job.timeBudgetMs, gap: job.gap }
	);
	return { ...result, conflicts: conflicts.length };
}

/** A plan as batch planning reads it: the open needs and each one's candidate row. */
export interface PlanRowsJob {
	needs: OpenNeed[];
	rows: CandidateRow[];
	/** Candidates kept per need, best first by score. */
	perNeed: number;
	timeBudgetMs: number;
	gap?: number;
}

export interface PlannedPair {
	need: string;
	helper: string;
	candidate: ScoredCandidate;
	needTitle: string;
	hours: number;
}

export interface RowsSolution extends Omit<PlanSolution, 'assignments'> {
	/** The assigned pairs with what a proposal shows. */
	pairs: PlannedPair[];
	openNeeds: number;
}

/** Ranks every need's candidates, builds the instance and solves it (planInput, solvePlanJob). */
export function solveRowsJob(job: PlanRowsJob): RowsSolution {
	const candidates = new Map(job.rows.map((r) => [r.need_id, rankRow(r, job.perNeed)]));
	const { instance, booked, detail, openNeeds } = planInput(job.needs, candidates);
	const { assignments, ...solution } = solvePlanJob({
		instance,
		booked,
		timeBudgetMs: job.timeBudgetMs,
		gap: job.gap
	});
	const pairs = assignments.map((a) => {
		const { candidate, needTitle, hours } = detail(a.need, a.helper);
		return { need: a.need, helper: a.helper, candidate: explainTuple(candidate), needTitle, hours };
	});
	return { ...solution, pairs, openNeeds };
}

export type SolverMessage =
	{ id: number; kind: 'instance'; job: PlanJob } | { id: number; kind: 'rows'; job: PlanRowsJob };

export type SolverReply =
	{ id: number; result: PlanSolution | RowsSolution } | { id: number; error: string };

// Only in a worker started for this (another thread importing the module stays untouched).
// Stryker disable all: runs in the worker thread, where Stryker cannot switch mutants; the
// worker's answers and refusals are tested from the main thread (batch-worker.test.ts)
if (parentPort && (workerData as { zeitspendeSolver?: boolean } | null)?.zeitspendeSolver) {
	const port = parentPort;
	port.on('message', (message: SolverMessage) => {
		const { id } = message;
		let reply: SolverReply;
		try {
			reply = {
				id,
				result: message.kind === 'rows' ? solveRowsJob(message.job) : solvePlanJob(message.job)
			};
		} catch (error) {
			reply = { id, error: error instanceof Error ? error.message : String(error) };
		}
		port.postMessage(reply);
	});
}
