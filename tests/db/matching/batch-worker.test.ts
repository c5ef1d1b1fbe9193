// The batch solver runs in a worker thread: the event loop keeps ticking while a large plan
// solves, the worker's answer is the in-thread one, and the clashing pairs it computes with a
// sweep are exactly the pairs the rule gives when every pair is compared.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsClash } from '../../../src/lib/domain/matching/booking.ts';
import {
	solveOffThread,
	solveRowsOffThread,
	warmSolver
} from '../../../src/lib/server/matching/solve-off-thread.ts';
import {
	clashingPairs,
	solvePlanJob,
	solveRowsJob,
	type PlanRowsJob
} from '../../../src/lib/server/matching/solve-worker.ts';
import type { BookedNeed } from '../../../src/lib/domain/matching/booking.ts';
import { generateInstance, mulberry32 } from '../../support/assignment-instances.ts';

function randomNeeds(n: number, seed: number): BookedNeed[] {
	const random = mulberry32(seed);
	const day = (d: number) => new Date(Date.UTC(2027, 0, 1 + d)).toISOString().slice(0, 10);
	return Array.from({ length: n }, (_, i) => {
		const start = Math.floor(random() * 40);
		const from = Math.floor(random() * 7) * 1440 + [480, 840, 1080][Math.floor(random() * 3)]!;
		return {
			id: `n${i}`,
			startsOn: day(start),
			endsOn: random() < 0.2 ? day(start + Math.floor(random() * 60)) : null,
			timeWindows: random() < 0.1 ? null : [{ from, to: from + 60 + Math.floor(random() * 180) }]
		};
	});
}

// The first plan starts the worker, which loads the solver's TypeScript through Node's type
// stripper: 0.2 s on an idle machine, over a minute at the load averages of 20–30 seen here.
describe('the batch solver in a worker thread', { timeout: 240_000 }, () => {
	it('keeps the event loop ticking while a 2 000-need plan solves', async () => {
		const instance = generateInstance({ needs: 2000, helpers: 20000, pairs: 60000, seed: 7 });
		let ticks = 0;
		let longest = 0;
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			longest = Math.max(longest, now - last);
			last = now;
			ticks++;
		}, 10);
		const started = performance.now();
		const result = await solveOffThread({ instance, booked: [], timeBudgetMs: 1500 });
		const took = performance.now() - started;
		clearInterval(timer);
		expect(result.assignments.length).toBeGreaterThan(0);
		// Solved in the main thread, the timer would not fire at all until the solve ended.
		expect(took).toBeGreaterThan(300);
		expect(ticks).toBeGreaterThan(took / 10 / 4);
		expect(longest).toBeLessThan(took / 2);
	});

	it('starts ahead of the first plan (the batch page warms it) and answers an empty plan', async () => {
		await expect(warmSolver()).resolves.toBeUndefined();
		const empty = await solveOffThread({
			instance: { helpers: [], needs: [], candidates: [] },
			booked: [],
			timeBudgetMs: 1
		});
		expect(empty.assignments).toEqual([]);
		expect(empty.total).toBe(0);
	});

	it('answers a plan the solver refuses with its reason, and goes on solving', async () => {
		const broken = {
			instance: {
				helpers: [],
				needs: [],
				candidates: [{ helper: 'nobody', need: 'nothing', score: 1, hours: 1 }]
			},
			booked: [],
			timeBudgetMs: 1
		} as unknown as Parameters<typeof solveOffThread>[0];
		await expect(solveOffThread(broken)).rejects.toThrow('batch solver: unknown id in candidate 0');
		// Two at once: each gets its own answer, the refused one does not take the other with it.
		const [refused, fine] = await Promise.allSettled([
			solveOffThread(broken),
			solveOffThread({
				instance: { helpers: [], needs: [], candidates: [] },
				booked: [],
				timeBudgetMs: 1
			})
		]);
		expect(refused.status).toBe('rejected');
		expect(fine).toMatchObject({ status: 'fulfilled', value: { total: 0, conflicts: 0 } });
	});

	it('answers what the solver answers in the thread', async () => {
		const instance = generateInstance({ needs: 30, helpers: 60, pairs: 200, seed: 3 });
		// Every third need on the same weekday and hours, half of them for two months: many clash.
		const booked = instance.needs.map((n, i) => ({
			id: n.id,
			startsOn: '2027-01-04',
			endsOn: i % 2 ? '2027-03-01' : null,
			timeWindows: [{ from: 1440 * (i % 3) + 600, to: 1440 * (i % 3) + 720 }]
		}));
		const job = { instance, booked, timeBudgetMs: 10_000 };
		const off = await solveOffThread(job);
		expect(off).toEqual(solvePlanJob(job));
		expect(off.conflicts).toBeGreaterThan(0);
	});

	it('scores, cuts and solves the rows a plan read, in the worker as in the thread', async () => {
		// Two needs, one place each; helper a fits both but has hours for one; b is far from n1.
		const tuple = (helper: string, km: number, remaining: number) =>
			[helper, `Name ${helper}`, km, remaining, 10, true, '{[600,660)}', [], 0, 0, 0] as const;
		const job: PlanRowsJob = {
			needs: ['n1', 'n2'].map((id) => ({
				id,
				title: `Need ${id}`,
				hours: 3,
				free_slots: 1,
				starts_on: '2027-01-04',
				ends_on: null,
				time_windows: null
			})),
			rows: [
				{
					need_id: 'n1',
					preferred_count: 0,
					candidates: JSON.stringify([tuple('a', 1, 4), tuple('b', 9, 10), tuple('c', 8, 10)])
				},
				{
					need_id: 'n2',
					preferred_count: 0,
					candidates: JSON.stringify([tuple('a', 1, 4), tuple('b', 2, 10)])
				}
			],
			perNeed: 2,
			timeBudgetMs: 10_000
		};
		const off = await solveRowsOffThread(job);
		expect(off).toEqual(solveRowsJob(job));
		expect(off.openNeeds).toBe(2);
		// a takes one need (the nearer pair), b the other, with the name and score a proposal shows.
		expect(off.pairs.map((p) => `${p.need}/${p.helper}`).sort()).toEqual(['n1/a', 'n2/b']);
		expect(off.pairs.find((p) => p.need === 'n2')).toMatchObject({
			needTitle: 'Need n2',
			hours: 3,
			candidate: { helperId: 'b', displayName: 'Name b' }
		});
		expect(off.total).toBeCloseTo(off.pairs.reduce((s, p) => s + p.candidate.score, 0));
	});

	it("passes the job's gap to the solver: within it, the plan is good enough", () => {
		const instance = generateInstance({ needs: 300, helpers: 500, pairs: 2000, seed: 1 });
		const whole = solvePlanJob({ instance, booked: [], timeBudgetMs: 10_000 });
		const close = solvePlanJob({ instance, booked: [], timeBudgetMs: 10_000, gap: 0.05 });
		// The full search does better; the early stop is still within 5 % of its own bound.
		expect(close.total).toBeLessThan(whole.total);
		expect(close.upperBound - close.total).toBeLessThanOrEqual(0.05 * close.upperBound);
		expect(close.total).toBeGreaterThanOrEqual(close.greedyTotal);
	});

	it('finds every clashing pair and no other', () => {
		for (const seed of [1, 2, 3]) {
			const needs = randomNeeds(300, seed);
			const naive = new Set<string>();
			for (let i = 0; i < needs.length; i++)
				for (let k = i + 1; k < needs.length; k++)
					if (needsClash(needs[i]!, needs[k]!))
						naive.add([needs[i]!.id, needs[k]!.id].sort().join('/'));
			const swept = clashingPairs(needs).map((p) => [p.a, p.b].sort().join('/'));
			expect(swept.length).toBe(new Set(swept).size);
			expect(new Set(swept)).toEqual(naive);
			expect(naive.size).toBeGreaterThan(50);
		}
	});
});

// In a process of its own, as the server runs it: a waiting plan keeps the process alive until it
// is answered, and the idle worker then lets the process end. (Stryker cannot switch mutants in
// another process: these lines of solve-off-thread.ts were checked by hand.)
describe('the solver thread and the life of the process', { timeout: 120_000 }, () => {
	it('a waiting plan keeps the process alive; once answered, the idle worker does not', async () => {
		const module = new URL('../../../src/lib/server/matching/solve-off-thread.ts', import.meta.url);
		const script = `
			const { solveOffThread } = await import(${JSON.stringify(module.href)});
			const r = await solveOffThread({ instance: { helpers: [], needs: [], candidates: [] }, booked: [], timeBudgetMs: 1 });
			console.log('answered', r.total);`;
		const file = join(await mkdtemp(join(tmpdir(), 'zs-solver-')), 'plan.mjs');
		await writeFile(file, script);
		const child = spawn(process.execPath, [file], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { PATH: process.env.PATH }
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => {
			const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
			child.on('close', (c) => {
				clearTimeout(kill);
				resolve(c);
			});
		});
		expect(out.trim()).toBe('answered 0');
		expect(code).toBe(0);
	});
});
