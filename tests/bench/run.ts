// `npm run bench [-- name ...]`: runs all benchmarks, or only the named ones.
import { runAssignmentBench } from './assignment.bench.ts';

// Add a benchmark with one line: [name, async function].
const benches: [string, () => Promise<void>][] = [
	['assignment', runAssignmentBench],
	['candidates', async () => (await import('./candidates.bench.ts')).runCandidatesBench()],
	['report', async () => (await import('./report.bench.ts')).runReportBench()],
	['pages', async () => (await import('./pages.bench.ts')).runPagesBench()],
	['batch', async () => (await import('./batch.bench.ts')).runBatchBench()]
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benches.some(([name]) => name === w));
if (unknown.length > 0) {
	console.error(
		`unknown bench: ${unknown.join(', ')} (available: ${benches.map(([n]) => n).join(', ')})`
	);
	process.exit(1);
}
for (const [name, run] of benches) {
	if (wanted.length > 0 && !wanted.includes(name)) continue;
	console.log(`== bench: ${name} ==`);
	const t = performance.now();
	await run();
	console.log(`== ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s ==`);
}
