// Benchmark of the batch assignment solver. Prints figures only (no assertions on time).
// Quality baseline: greedy (pairs by score desc) run in the same process on the same instance.
import { compile } from '../../src/lib/domain/assignment/compile.ts';
import { solveExact } from '../../src/lib/domain/assignment/exact.ts';
import { checkFeasibility } from '../../src/lib/domain/assignment/feasibility.ts';
import { generateInstance, type GenerateParams } from '../support/assignment-instances.ts';
import { greedy } from '../../src/lib/domain/assignment/greedy.ts';
import { solveAssignment, solveCompiled } from '../../src/lib/domain/assignment/solve.ts';

const LARGE = { needs: 2000, helpers: 20000, pairs: 200_000 };
const TIME_BUDGET_MS = 3500;

const median = (a: number[]) => {
	const s = [...a].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f = (v: number, d = 4) => v.toFixed(d);
const pad = (v: string | number, n: number) => String(v).padStart(n);

function largeSuite(label: string, params: Omit<GenerateParams, 'seed'>, seeds: number[]): void {
	console.log(
		`\n${label}: ${params.needs} needs, ${params.helpers} helpers, ~${params.pairs} pairs, contention ${params.contention ?? 1.75}, tail ${params.tailFraction ?? 0.1}, budget ${TIME_BUDGET_MS} ms`
	);
	console.log(
		[
			'seed',
			'greedy',
			'solver',
			'sol/greedy',
			'upperBound',
			'sol/UB',
			'viol',
			'greedy ms',
			'solve ms',
			'time ratio'
		]
			.map((h, i) => pad(h, i === 0 ? 4 : 11))
			.join(' ')
	);
	const ratio: number[] = [],
		gap: number[] = [],
		ms: number[] = [],
		gms: number[] = [];
	let violations = 0;
	for (const seed of seeds) {
		const inst = generateInstance({ ...params, seed });
		let t = performance.now();
		const g = greedy(inst);
		const greedyMs = performance.now() - t;
		t = performance.now();
		const r = solveAssignment(inst, { timeBudgetMs: TIME_BUDGET_MS });
		const solveMs = performance.now() - t;
		const v =
			checkFeasibility(inst, r.assignments).length + checkFeasibility(inst, g.assignments).length;
		violations += v;
		ratio.push(r.total / g.total);
		gap.push(r.total / r.upperBound);
		ms.push(solveMs);
		gms.push(greedyMs);
		console.log(
			[
				pad(seed, 4),
				pad(f(g.total, 1), 11),
				pad(f(r.total, 1), 11),
				pad(f(r.total / g.total), 11),
				pad(f(r.upperBound, 1), 11),
				pad(f(r.total / r.upperBound), 11),
				pad(v, 11),
				pad(f(greedyMs, 0), 11),
				pad(f(solveMs, 0), 11),
				pad(f(solveMs / greedyMs, 1), 11)
			].join(' ')
		);
	}
	console.log(
		`median total/greedy ${f(median(ratio))} (min ${f(Math.min(...ratio))}) | median total/upperBound ${f(median(gap))} (bound gap ${f((1 / median(gap) - 1) * 100, 2)}%) | violations ${violations} | median solve ${f(median(ms), 0)} ms (max ${f(Math.max(...ms), 0)}) vs greedy ${f(median(gms), 0)} ms`
	);
}

function smallSuite(seeds: number[]): void {
	const params = { needs: 40, helpers: 25, pairs: 200 };
	console.log(
		`\nsmall: ${params.needs} needs, ${params.helpers} helpers, ~${params.pairs} pairs; heuristic only (exact finish disabled) vs branch-and-bound optimum`
	);
	const ratio: number[] = [],
		greedyRatio: number[] = [],
		bbMs: number[] = [];
	let proven = 0,
		belowGreedy = 0,
		violations = 0;
	for (const seed of seeds) {
		const contention = [1.25, 1.75, 2.25][seed % 3]!;
		const inst = generateInstance({
			...params,
			seed,
			contention,
			tailFraction: seed % 2 ? 0.1 : 0
		});
		const c = compile(inst);
		const heur = solveCompiled(c, { exactPairLimit: 0 });
		const r = solveAssignment(inst, { exactPairLimit: 0 });
		violations += checkFeasibility(inst, r.assignments).length;
		const t = performance.now();
		const ex = solveExact(c, { incumbent: heur.x, mu: heur.mu, nodeLimit: 20_000_000 });
		bbMs.push(performance.now() - t);
		if (ex.proven) proven++;
		if (r.total < r.greedyTotal - 1e-9) belowGreedy++;
		ratio.push(r.total / ex.total);
		greedyRatio.push(r.greedyTotal / ex.total);
	}
	console.log(
		`solver/optimum median ${f(median(ratio))} min ${f(Math.min(...ratio))} | greedy/optimum median ${f(median(greedyRatio))} min ${f(Math.min(...greedyRatio))} | below greedy ${belowGreedy} | violations ${violations} | proven optimal ${proven}/${seeds.length} | B&B median ${f(median(bbMs), 0)} ms (max ${f(Math.max(...bbMs), 0)})`
	);
}

export async function runAssignmentBench(): Promise<void> {
	const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
	largeSuite('large (default generator)', LARGE, seeds);
	largeSuite('large, no far-away tail (harder)', { ...LARGE, tailFraction: 0 }, seeds.slice(0, 5));
	smallSuite(Array.from({ length: 30 }, (_, i) => i + 1));
}
