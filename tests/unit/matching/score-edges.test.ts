// The edges of the score and its explanation: which parts appear at all, what values they carry
// for the sentence, and which parts the sentence leaves out.
import { describe, expect, it } from 'vitest';
import { scoreCandidate, type CandidateFacts } from '../../../src/lib/domain/matching/score.ts';
import { explainScore } from '../../../src/lib/domain/matching/explain.ts';

const facts: CandidateFacts = {
	distanceKm: 1.2,
	windowsFit: true,
	windowsOverlap: [{ from: 2280, to: 2460 }],
	speaksPreferred: ['tr'],
	helpedOrgBefore: 2,
	totalMatches: 3,
	capacity: 10,
	committedThisMonth: 2
};
const part = (f: CandidateFacts, kind: string, preferredCount?: number) =>
	scoreCandidate(f, preferredCount).parts.find((p) => p.kind === kind);

describe('score parts at their edges', () => {
	it('windows: none when both gave windows that do not overlap; half, with no window named, when either gave none', () => {
		expect(part({ ...facts, windowsFit: false, windowsOverlap: [] }, 'windows')).toBeUndefined();
		expect(part({ ...facts, windowsFit: null, windowsOverlap: null }, 'windows')).toMatchObject({
			values: { windows: 0 }
		});
	});

	it('windows: counts the overlapping windows and names the first; an unknown overlap counts as one', () => {
		const two = [
			{ from: 1440 + 9 * 60, to: 1440 + 11 * 60 },
			{ from: 3 * 1440 + 18 * 60, to: 3 * 1440 + 20 * 60 }
		];
		expect(part({ ...facts, windowsOverlap: two }, 'windows')!.values).toEqual({
			windows: 2,
			day: 1,
			part: 'morning'
		});
		expect(part({ ...facts, windowsOverlap: null }, 'windows')!.values).toEqual({ windows: 1 });
		expect(part({ ...facts, windowsOverlap: [] }, 'windows')!.values).toEqual({ windows: 0 });
	});

	it('language: no part when the helper speaks none of the preferred languages', () => {
		expect(part({ ...facts, speaksPreferred: [] }, 'language', 2)).toBeUndefined();
		expect(part(facts, 'language', 0)).toBeUndefined();
	});

	it('familiar: says how many matches the helper had with the organisation', () => {
		expect(part(facts, 'familiar')!.values).toEqual({ matches: 2 });
	});
});

describe('explanations at their edges', () => {
	it('leaves out parts worth no points, but always says the distance', () => {
		expect(
			explainScore(
				[
					{ kind: 'familiar', points: 0, values: { matches: 1 } },
					{ kind: 'distance', points: 0, values: { km: 12 } }
				],
				'en'
			)
		).toEqual(['12 km away']);
	});

	it('rounds distances to one decimal in the reader’s language', () => {
		expect(explainScore([{ kind: 'distance', points: 20, values: { km: 2.46 } }], 'de')).toEqual([
			'2,5 km entfernt'
		]);
	});

	it('without a named window says whether times fit or none were given', () => {
		const windows = (values: Record<string, number | string>) =>
			explainScore([{ kind: 'windows', points: 10, values }], 'en');
		expect(windows({ windows: 2 })).toEqual(['The times fit']);
		expect(windows({ windows: 0 })).toEqual(['No fixed times given']);
		// A day without a part of day (or the other way round) names no window.
		expect(windows({ windows: 1, day: 1 })).toEqual(['The times fit']);
		expect(windows({ windows: 1, part: 'morning' })).toEqual(['The times fit']);
	});
});
