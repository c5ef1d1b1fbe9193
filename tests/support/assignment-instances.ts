// Seeded, reproducible instance generator for tests and benchmarks.
//
// Model (honest description): needs and helpers sit on a ring ("geography"). Only a pool of the
// helpers fits the open needs (category, language, radius filters); the pool is a random subset whose
// total capacity is (slot-demand hours) / contention, so with contention > 1 the fitting helpers
// cannot cover all slots. Each need draws most candidates from the pool helpers nearest to it, and a
// `tailFraction` of its candidates from all helpers (far away, so their scores are lower).
// Hours are 1–8 in halves (skewed to short), capacities 2–20 in halves (skewed to small), slots 1–3.
// Score = helper quality + need affinity + closeness + noise, clamped to 0–100, one decimal.
// Nothing here knows about the solver; the same instances go to greedy and to the solver.
import type { Candidate, Helper, Instance, Need } from '../../src/lib/domain/assignment/types.ts';

export interface GenerateParams {
	needs: number;
	helpers: number;
	pairs: number;
	/** Slot-demand hours divided by the capacity of the fitting helper pool (default 1.75). */
	contention?: number;
	/** Share of each need's candidates drawn from all helpers instead of the nearby pool (default 0.1). */
	tailFraction?: number;
	seed: number;
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateInstance(params: GenerateParams): Instance {
	const rnd = mulberry32(params.seed);
	const contention = params.contention ?? 1.75;
	const tailFraction = params.tailFraction ?? 0.1;
	const quality: number[] = [];
	const helpers: Helper[] = [];
	for (let i = 0; i < params.helpers; i++) {
		helpers.push({ id: `h${i + 1}`, capacity: 2 + 0.5 * Math.floor(37 * rnd() ** 1.5) });
		quality.push((rnd() + rnd()) / 2);
	}
	const needs: Need[] = [];
	const affinity: number[] = [];
	const position: number[] = [];
	let demand = 0;
	for (let j = 0; j < params.needs; j++) {
		const hours = 1 + 0.5 * Math.floor(15 * rnd() ** 1.3);
		const u = rnd();
		const slots = u < 0.5 ? 1 : u < 0.8 ? 2 : 3;
		needs.push({ id: `n${j + 1}`, hours, slots });
		affinity.push(rnd());
		position.push(rnd());
		demand += hours * slots;
	}
	const perNeed = params.needs > 0 ? params.pairs / params.needs : 0;
	// Pool: random helpers until their capacity reaches demand / contention (at least enough for one need).
	const order = shuffle(Array.from(helpers.keys()), rnd);
	const pool: number[] = [];
	let poolCap = 0;
	for (const h of order) {
		if (poolCap >= demand / contention && pool.length >= Math.ceil(perNeed)) break;
		pool.push(h);
		poolCap += helpers[h]!.capacity;
	}
	const candidates: Candidate[] = [];
	for (let j = 0; j < params.needs; j++) {
		const k = Math.min(params.helpers, Math.floor(perNeed) + (rnd() < perNeed % 1 ? 1 : 0));
		const kTail = Math.min(k, Math.round(k * tailFraction));
		const kPool = Math.min(pool.length, k - kTail);
		const window = Math.min(pool.length, Math.max(2 * kPool, 1));
		const center = Math.floor(position[j]! * pool.length);
		const offsets = shuffle(
			Array.from({ length: window }, (_, i) => i),
			rnd
		).slice(0, kPool);
		const chosen = new Set<number>();
		for (const o of offsets) {
			const ringIdx = (center - Math.floor(window / 2) + o + pool.length) % pool.length;
			const closeness = 1 - Math.abs(o - window / 2) / (window / 2 + 1);
			chosen.add(pool[ringIdx]!);
			candidates.push(pair(j, pool[ringIdx]!, closeness));
		}
		for (let t = 0, tries = 0; t < k - kPool && tries < 20 * k; tries++) {
			const h = Math.floor(rnd() * params.helpers);
			if (chosen.has(h)) continue;
			chosen.add(h);
			candidates.push(pair(j, h, 0));
			t++;
		}
	}
	return { helpers, needs, candidates };

	function pair(j: number, h: number, closeness: number): Candidate {
		const raw = 40 * quality[h]! + 20 * affinity[j]! + 25 * closeness + 15 * rnd();
		return {
			need: needs[j]!.id,
			helper: helpers[h]!.id,
			score: Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10
		};
	}
}

function shuffle<T>(a: T[], rnd: () => number): T[] {
	for (let i = a.length - 1; i > 0; i--) {
		const k = Math.floor(rnd() * (i + 1));
		[a[i], a[k]] = [a[k]!, a[i]!];
	}
	return a;
}
