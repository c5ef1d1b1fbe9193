// Runs a plan's solve in a worker thread, so the server keeps answering other requests while a
// large organisation's plan is computed (the solver may take its whole time budget). One worker
// per process, started with the first plan and kept: starting one loads the solver's modules
// (and, in development, Node's type stripper), which took from 0.2 s to many seconds on a loaded
// machine, next to nothing for a message. Idle, it does not keep the process alive.
import { Worker } from 'node:worker_threads';
import type {
	PlanJob,
	PlanRowsJob,
	PlanSolution,
	RowsSolution,
	SolverMessage,
	SolverReply
} from './solve-worker.ts';

interface Solver {
	worker: Worker;
	pending: Map<
		number,
		{ resolve: (s: PlanSolution | RowsSolution) => void; reject: (e: Error) => void }
	>;
}

let solver: Solver | null = null;
let nextJob = 0;

function start(workerUrl: string): Solver {
	const worker = new Worker(new URL(workerUrl), { workerData: { zeitspendeSolver: true } });
	const started: Solver = { worker, pending: new Map() };
	// Stryker disable all: only when the worker thread itself dies (out of memory, a module that
	// does not load), which no test provokes
	const fail = (error: Error) => {
		if (solver === started) solver = null;
		for (const p of started.pending.values()) p.reject(error);
		started.pending.clear();
	};
	// Stryker restore all
	worker.on('message', (reply: SolverReply) => {
		const waiting = started.pending.get(reply.id);
		started.pending.delete(reply.id);
		// Stryker disable next-line all: another process's life; tests/db/matching/batch-worker.test.ts
		if (started.pending.size === 0) worker.unref();
		if (!waiting) return;
		if ('result' in reply) waiting.resolve(reply.result);
		else waiting.reject(new Error(`batch solver: ${reply.error}`));
	});
	// Stryker disable all: as fail above; and whether the idle worker keeps the process alive is
	// seen only from another process (batch-worker.test.ts, checked by hand)
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`batch solver stopped (exit ${code})`)));
	worker.unref();
	// Stryker restore all
	return started;
}

/**
 * Starts the worker ahead of the first plan (the batch page calls it when it opens), so the
 * coordinator's click waits for the plan, not for the solver's modules to load. Resolves once
 * the worker has answered an empty plan, i.e. is ready.
 */
export async function warmSolver(): Promise<void> {
	await solveOffThread({
		instance: { helpers: [], needs: [], candidates: [] },
		booked: [],
		timeBudgetMs: 1
	});
}

export function solveOffThread(job: PlanJob): Promise<PlanSolution> {
	return post({ id: nextJob++, kind: 'instance', job }) as Promise<PlanSolution>;
}

/** A plan from the rows batch planning read: scored, built and solved in the worker. */
export function solveRowsOffThread(job: PlanRowsJob): Promise<RowsSolution> {
	return post({ id: nextJob++, kind: 'rows', job }) as Promise<RowsSolution>;
}

async function post(message: SolverMessage): Promise<PlanSolution | RowsSolution> {
	// The worker module reports its own URL: the source file in development and tests (Node
	// strips the types), the built chunk in production, wherever the bundler put it.
	const { workerUrl } = await import('./solve-worker.ts');
	solver ??= start(workerUrl);
	const { worker, pending } = solver;
	return new Promise<PlanSolution | RowsSolution>((resolve, reject) => {
		pending.set(message.id, { resolve, reject });
		// Stryker disable next-line all: seen only from another process (as above)
		worker.ref(); // a plan is waiting: keep the process alive until it is answered
		worker.postMessage(message);
	});
}
