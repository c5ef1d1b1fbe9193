// No double booking in a batch plan: the solver never gives one helper two needs that take the
// same time (Instance.conflicts), on every path (greedy, heuristic, exact), and stays optimal on
// tiny instances against an independent brute force that knows the rule.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, format, parseISO } from 'date-fns';
import { solveAssignment } from '../../../src/lib/domain/assignment/solve.ts';
import { greedy } from '../../../src/lib/domain/assignment/greedy.ts';
import { checkFeasibility } from '../../../src/lib/domain/assignment/feasibility.ts';
import { validateInstance } from '../../../src/lib/domain/assignment/validate.ts';
import type { Conflict, Instance } from '../../../src/lib/domain/assignment/types.ts';
import { needsClash, type Booked } from '../../../src/lib/domain/matching/booking.ts';
import { generateInstance } from '../../support/assignment-instances.ts';
import { cases, tinyInstance } from './helpers.ts';

const EPS = 1e-9;
/** Hundreds of solves each: generous on a shared, busy machine. */
const PROPERTY_TIMEOUT = 60_000;

/** Tiny instances with a random set of clashing need pairs. */
const tinyWithConflicts = (maxPairs = 10) =>
	fc
		.tuple(
			tinyInstance(maxPairs),
			fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
			fc.boolean()
		)
		.map(([inst, raw, generous]) => {
			const ids = inst.needs.map((n) => n.id);
			const conflicts: Conflict[] = raw.map(([a, b]) => ({
				a: ids[a % ids.length]!,
				b: ids[b % ids.length]!
			}));
			// Half the cases give helpers room for everything, so only the clashes bind.
			const helpers = generous ? inst.helpers.map((h) => ({ ...h, capacity: 100 })) : inst.helpers;
			return { ...inst, helpers, conflicts };
		});

/** Brute force that knows the rule, written apart from the solver. */
function bruteForceWithConflicts(inst: Instance): number {
	const clash = new Set((inst.conflicts ?? []).flatMap((c) => [`${c.a}|${c.b}`, `${c.b}|${c.a}`]));
	const hours = new Map(inst.needs.map((x) => [x.id, x.hours]));
	const slots = new Map(inst.needs.map((x) => [x.id, x.slots]));
	const cap = new Map(inst.helpers.map((x) => [x.id, x.capacity]));
	const cands = inst.candidates;
	let best = 0;
	for (let mask = 0; mask < 1 << cands.length; mask++) {
		const count = new Map<string, number>();
		const used = new Map<string, number>();
		const held: { need: string; helper: string }[] = [];
		let total = 0;
		let ok = true;
		for (let i = 0; i < cands.length && ok; i++) {
			if (!(mask & (1 << i))) continue;
			const c = cands[i]!;
			const u = (used.get(c.helper) ?? 0) + hours.get(c.need)!;
			const k = (count.get(c.need) ?? 0) + 1;
			used.set(c.helper, u);
			count.set(c.need, k);
			ok =
				k <= slots.get(c.need)! &&
				u <= cap.get(c.helper)! + 1e-9 &&
				!held.some((h) => h.helper === c.helper && clash.has(`${h.need}|${c.need}`));
			held.push(c);
			total += c.score;
		}
		if (ok && total > best) best = total;
	}
	return best;
}

/** Every helper's needs in the plan, pairwise: none may clash. */
function doubleBookings(inst: Instance, assignments: { need: string; helper: string }[]) {
	const clash = new Set((inst.conflicts ?? []).flatMap((c) => [`${c.a}|${c.b}`, `${c.b}|${c.a}`]));
	return assignments.filter((x) =>
		assignments.some(
			(y) => x.helper === y.helper && x.need !== y.need && clash.has(`${x.need}|${y.need}`)
		)
	);
}

describe('batch plans never double-book a helper', () => {
	it(
		'tiny instances: feasible, no helper on two clashing needs, exactly optimal',
		() => {
			fc.assert(
				fc.property(tinyWithConflicts(), (inst) => {
					const r = solveAssignment(inst);
					expect(doubleBookings(inst, r.assignments)).toEqual([]);
					expect(checkFeasibility(inst, r.assignments)).toEqual([]);
					const optimum = bruteForceWithConflicts(inst);
					expect(Math.abs(r.total - optimum)).toBeLessThanOrEqual(EPS);
					expect(r.upperBound).toBeGreaterThanOrEqual(optimum - EPS);
				}),
				{ numRuns: cases(200, 20), seed: 29 }
			);
		},
		PROPERTY_TIMEOUT
	);

	it(
		'the heuristic path alone (no exact search) never double-books either',
		() => {
			fc.assert(
				fc.property(tinyWithConflicts(12), (inst) => {
					const r = solveAssignment(inst, { exactPairLimit: 0 });
					expect(doubleBookings(inst, r.assignments)).toEqual([]);
					expect(checkFeasibility(inst, r.assignments)).toEqual([]);
					expect(r.total).toBeLessThanOrEqual(bruteForceWithConflicts(inst) + EPS);
					expect(r.total).toBeGreaterThanOrEqual(greedy(inst).total - EPS);
				}),
				{ numRuns: cases(200, 20), seed: 31 }
			);
		},
		PROPERTY_TIMEOUT
	);

	it(
		'larger instances with dense clashes: every phase respects them',
		() => {
			fc.assert(
				fc.property(
					fc.integer({ min: 1, max: 1_000_000 }),
					fc.double({ min: 0.05, max: 0.5, noNaN: true }),
					(seed, density) => {
						const inst = generateInstance({ needs: 40, helpers: 60, pairs: 400, seed });
						// Deterministic pseudo-random clashes from the seed.
						let s = seed;
						const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
						const conflicts: Conflict[] = [];
						for (let i = 0; i < inst.needs.length; i++)
							for (let k = i + 1; k < inst.needs.length; k++)
								if (rnd() < density) conflicts.push({ a: inst.needs[i]!.id, b: inst.needs[k]!.id });
						const withClashes = { ...inst, conflicts };
						const r = solveAssignment(withClashes, { timeBudgetMs: 10_000 });
						expect(doubleBookings(withClashes, r.assignments)).toEqual([]);
						expect(checkFeasibility(withClashes, r.assignments)).toEqual([]);
						expect(r.total).toBeGreaterThanOrEqual(greedy(withClashes).total - EPS);
					}
				),
				{ numRuns: cases(15, 3), seed: 37 }
			);
		},
		PROPERTY_TIMEOUT
	);

	it(
		'needs with dates and weekly windows: no helper gets two needs at the same time',
		() => {
			const MONDAY = parseISO('2030-01-07');
			const needArb = fc.record({
				start: fc.integer({ min: 0, max: 20 }),
				length: fc.option(fc.integer({ min: 0, max: 30 })),
				day: fc.integer({ min: 0, max: 6 }),
				hour: fc.integer({ min: 8, max: 18 }),
				span: fc.integer({ min: 1, max: 3 }),
				windowless: fc.boolean()
			});
			fc.assert(
				fc.property(
					fc.array(needArb, { minLength: 2, maxLength: 8 }),
					fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 })), {
						maxLength: 30
					}),
					(rawNeeds, rawPairs) => {
						const booked: (Booked & { id: string })[] = rawNeeds.map((n, i) => ({
							id: `n${i}`,
							startsOn: format(addDays(MONDAY, n.start), 'yyyy-MM-dd'),
							endsOn:
								n.length === null
									? null
									: format(addDays(MONDAY, n.start + n.length), 'yyyy-MM-dd'),
							timeWindows: n.windowless
								? null
								: [{ from: n.day * 1440 + n.hour * 60, to: n.day * 1440 + (n.hour + n.span) * 60 }]
						}));
						const conflicts: Conflict[] = [];
						for (let i = 0; i < booked.length; i++)
							for (let k = i + 1; k < booked.length; k++)
								if (needsClash(booked[i]!, booked[k]!))
									conflicts.push({ a: booked[i]!.id, b: booked[k]!.id });
						const seen = new Set<string>();
						const candidates = rawPairs
							.map(([n, h, score]) => ({
								need: `n${n % booked.length}`,
								helper: `h${h % 3}`,
								score
							}))
							.filter((c) => !seen.has(c.need + c.helper) && seen.add(c.need + c.helper));
						const inst: Instance = {
							helpers: [0, 1, 2].map((h) => ({ id: `h${h}`, capacity: 40 })),
							needs: booked.map((b) => ({ id: b.id, hours: 2, slots: 2 })),
							candidates,
							conflicts
						};
						const r = solveAssignment(inst);
						const byId = new Map(booked.map((b) => [b.id, b]));
						for (const x of r.assignments)
							for (const y of r.assignments)
								if (x.helper === y.helper && x.need !== y.need)
									expect(needsClash(byId.get(x.need)!, byId.get(y.need)!)).toBe(false);
					}
				),
				{ numRuns: cases(300, 20), seed: 41 }
			);
		},
		PROPERTY_TIMEOUT
	);
});

describe('conflicts in an instance from outside', () => {
	it('are checked and kept by validateInstance', () => {
		const base = {
			helpers: [{ id: 'h', capacity: 10 }],
			needs: [
				{ id: 'a', hours: 1, slots: 1 },
				{ id: 'b', hours: 1, slots: 1 }
			],
			candidates: [
				{ need: 'a', helper: 'h', score: 2 },
				{ need: 'b', helper: 'h', score: 1 }
			]
		};
		const ok = validateInstance({ ...base, conflicts: [{ a: 'a', b: 'b' }] });
		expect(ok).toEqual({ ok: true, instance: { ...base, conflicts: [{ a: 'a', b: 'b' }] } });
		if (ok.ok)
			expect(solveAssignment(ok.instance).assignments).toEqual([{ need: 'a', helper: 'h' }]);
		expect(validateInstance({ ...base, conflicts: [{ a: 'a', b: 'x' }] })).toEqual({
			ok: false,
			errors: ['conflicts[0].b: unknown need id "x"']
		});
		// Without conflicts the helper takes both.
		expect(solveAssignment(base).assignments).toHaveLength(2);
	});
});
