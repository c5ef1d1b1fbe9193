// Independent checker working on ids only, so it shares no code (and no bugs) with the solver.
import type { Assignment, Instance } from './types.ts';
import { CAPACITY_EPS } from './types.ts';

export function checkFeasibility(instance: Instance, assignments: Assignment[]): string[] {
	const problems: string[] = [];
	const needs = new Map(instance.needs.map((n) => [n.id, n]));
	const helpers = new Map(instance.helpers.map((h) => [h.id, h]));
	const pairs = new Set(instance.candidates.map((c) => `${c.need}\u0000${c.helper}`));
	const seen = new Set<string>();
	const perNeed = new Map<string, number>();
	const perHelper = new Map<string, number>();
	for (const a of assignments) {
		const key = `${a.need}\u0000${a.helper}`;
		const need = needs.get(a.need);
		if (!need || !helpers.has(a.helper)) {
			problems.push(`assignment ${a.need}/${a.helper} uses an unknown id`);
			continue;
		}
		if (!pairs.has(key)) problems.push(`assignment ${a.need}/${a.helper} is not a candidate pair`);
		if (seen.has(key)) problems.push(`assignment ${a.need}/${a.helper} appears twice`);
		seen.add(key);
		perNeed.set(a.need, (perNeed.get(a.need) ?? 0) + 1);
		perHelper.set(a.helper, (perHelper.get(a.helper) ?? 0) + need.hours);
	}
	for (const [id, count] of perNeed) {
		const slots = needs.get(id)!.slots;
		if (count > slots) problems.push(`need ${id} has ${count} helpers but only ${slots} slots`);
	}
	const clash = new Set((instance.conflicts ?? []).map((x) => `${x.a}\u0000${x.b}`));
	const needsOf = new Map<string, string[]>();
	for (const a of assignments) needsOf.set(a.helper, [...(needsOf.get(a.helper) ?? []), a.need]);
	for (const [id, list] of needsOf)
		for (const x of list)
			for (const y of list)
				if (x !== y && clash.has(`${x}\u0000${y}`))
					problems.push(`helper ${id} is double-booked on needs ${x} and ${y}`);
	for (const [id, used] of perHelper) {
		const capacity = helpers.get(id)!.capacity;
		if (used > capacity + CAPACITY_EPS)
			problems.push(`helper ${id} uses ${used} h of capacity ${capacity} h`);
	}
	return problems;
}

/** Sum of the scores of the given assignments (each pair's score looked up by id). */
export function scoreOf(instance: Instance, assignments: Assignment[]): number {
	const score = new Map(instance.candidates.map((c) => [`${c.need}\u0000${c.helper}`, c.score]));
	let total = 0;
	for (const a of assignments) total += score.get(`${a.need}\u0000${a.helper}`) ?? Number.NaN;
	return total;
}
