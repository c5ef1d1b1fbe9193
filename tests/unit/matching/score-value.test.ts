// scoreValue (batch planning's ranking, nothing explained) must give scoreCandidate's score to
// the last bit for any facts, or a batch plan would rank candidates differently from the need
// page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreCandidate, scoreValue } from '../../../src/lib/domain/matching/score.ts';

const facts = fc.record({
	distanceKm: fc.option(fc.double({ min: -1, max: 40, noNaN: true }), { nil: null }),
	windowsFit: fc.constantFrom(true, false, null),
	speaksPreferred: fc.subarray(['tr', 'ar', 'uk', 'ru', 'en']),
	helpedOrgBefore: fc.nat(5),
	totalMatches: fc.nat(5),
	capacity: fc.oneof(fc.nat(40), fc.double({ min: 0, max: 40, noNaN: true })),
	committedThisMonth: fc.oneof(fc.nat(40), fc.double({ min: 0, max: 40, noNaN: true }))
});

describe('scoreValue', () => {
	it('equals scoreCandidate’s score for any facts and preferred-language count', () => {
		fc.assert(
			fc.property(facts, fc.nat(5), (f, preferred) => {
				const explained = scoreCandidate({ ...f, windowsOverlap: null }, preferred).score;
				const value = scoreValue({ ...f, spokenCount: f.speaksPreferred.length }, preferred);
				expect(Object.is(value, explained)).toBe(true);
			}),
			{ numRuns: 2_000 }
		);
	});

	it('counts each part: the same facts one part apart score apart', () => {
		const base = {
			distanceKm: 2,
			windowsFit: true,
			spokenCount: 1,
			helpedOrgBefore: 1,
			totalMatches: 0,
			capacity: 10,
			committedThisMonth: 0
		};
		const full = scoreValue(base, 1);
		expect(full).toBe(24 + 20 + 10 + 10 + 15 + 15);
		expect(scoreValue({ ...base, distanceKm: null }, 1)).toBe(full - 24 + 15);
		expect(scoreValue({ ...base, windowsFit: null }, 1)).toBe(full - 10);
		expect(scoreValue({ ...base, spokenCount: 0 }, 1)).toBe(full - 10);
		expect(scoreValue({ ...base, helpedOrgBefore: 0 }, 1)).toBe(full - 10);
		expect(scoreValue({ ...base, committedThisMonth: 5 }, 1)).toBe(full - 7.5);
		expect(scoreValue({ ...base, totalMatches: 1 }, 1)).toBe(full - 15);
	});
});
