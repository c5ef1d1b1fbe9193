import { describe, expect, it } from 'vitest';
import {
	DISTANCE_ZERO_KM,
	WEIGHTS,
	scoreCandidate,
	type CandidateFacts
} from '../../../src/lib/domain/matching/score.ts';
import { explainScore } from '../../../src/lib/domain/matching/explain.ts';
import { parseWeekWindows } from '../../../src/lib/domain/matching/windows.ts';

const base: CandidateFacts = {
	distanceKm: 1.2,
	windowsFit: true,
	windowsOverlap: [{ from: 2280, to: 2460 }],
	speaksPreferred: ['tr'],
	helpedOrgBefore: 1,
	totalMatches: 3,
	capacity: 10,
	committedThisMonth: 2
};
const part = (facts: CandidateFacts, kind: string) =>
	scoreCandidate(facts).parts.find((p) => p.kind === kind);

describe('score parts', () => {
	it('weights add up to 100 and a perfect candidate scores 100', () => {
		expect(
			WEIGHTS.distance +
				WEIGHTS.windows +
				WEIGHTS.language +
				WEIGHTS.familiar +
				WEIGHTS.light_load +
				WEIGHTS.first_match
		).toBe(100);
		const perfect = { ...base, distanceKm: 0, totalMatches: 0, committedThisMonth: 0 };
		expect(scoreCandidate(perfect).score).toBe(100);
	});

	it('distance: closer is more, nothing from the zero distance on', () => {
		expect(part(base, 'distance')).toEqual({ kind: 'distance', points: 26.4, values: { km: 1.2 } });
		expect(part({ ...base, distanceKm: 0.2 }, 'distance')!.points).toBeGreaterThan(
			part(base, 'distance')!.points
		);
		expect(part({ ...base, distanceKm: DISTANCE_ZERO_KM + 5 }, 'distance')!.points).toBe(0);
	});

	it('remote replaces distance with a fixed half', () => {
		const remote = scoreCandidate({ ...base, distanceKm: null }).parts;
		expect(remote.find((p) => p.kind === 'distance')).toBeUndefined();
		expect(remote.find((p) => p.kind === 'remote')!.points).toBe(WEIGHTS.remote);
	});

	it('windows: full when they overlap, half when either side gave none', () => {
		expect(part(base, 'windows')).toEqual({
			kind: 'windows',
			points: 20,
			values: { windows: 1, day: 1, part: 'afternoon' }
		});
		expect(part({ ...base, windowsFit: null, windowsOverlap: null }, 'windows')!.points).toBe(10);
	});

	it('language: share of the preferred languages spoken', () => {
		expect(part(base, 'language')!.points).toBe(10);
		expect(scoreCandidate(base, 2).parts.find((p) => p.kind === 'language')!.points).toBe(5);
		expect(part({ ...base, speaksPreferred: [] }, 'language')).toBeUndefined();
	});

	it('familiar: has helped this organisation before', () => {
		expect(part(base, 'familiar')!.points).toBe(10);
		expect(part({ ...base, helpedOrgBefore: 0 }, 'familiar')).toBeUndefined();
	});

	it('light load: share of this month still free', () => {
		expect(part(base, 'light_load')).toEqual({
			kind: 'light_load',
			points: 12,
			values: { free: 8, capacity: 10 }
		});
		expect(part({ ...base, committedThisMonth: 10 }, 'light_load')).toBeUndefined();
		expect(part({ ...base, committedThisMonth: 0 }, 'light_load')!.points).toBe(15);
	});

	it('first match: new helpers are welcome', () => {
		expect(part(base, 'first_match')).toBeUndefined();
		expect(part({ ...base, totalMatches: 0 }, 'first_match')!.points).toBe(15);
	});

	it('the score is the sum of the parts, within 0–100', () => {
		const { score, parts } = scoreCandidate(base);
		expect(score).toBeCloseTo(
			parts.reduce((s, p) => s + p.points, 0),
			6
		);
		expect(score).toBe(26.4 + 20 + 10 + 10 + 12);
	});
});

describe('explanations', () => {
	it('German with German numbers', () => {
		const { parts } = scoreCandidate({ ...base, totalMatches: 0 });
		expect(explainScore(parts, 'de')).toEqual([
			'1,2 km entfernt',
			'Di-Nachmittage passen',
			'Spricht Türkisch',
			'Hat schon für diese Organisation geholfen',
			'Hat diesen Monat noch wenig vor (8 von 10 Std. frei)',
			'Erster Einsatz – neue Helfende willkommen'
		]);
	});

	it('English with English numbers', () => {
		const { parts } = scoreCandidate({
			...base,
			committedThisMonth: 2.5,
			speaksPreferred: ['tr', 'ar']
		});
		expect(explainScore(parts, 'en')).toEqual([
			'1.2 km away',
			'Tuesday afternoons fit',
			'Speaks Turkish and Arabic',
			'Has helped this organisation before',
			'Has little on this month (7.5 of 10 h free)'
		]);
	});

	it('the same languages named in each locale, again and again (the names are kept per locale)', () => {
		const { parts } = scoreCandidate({ ...base, speaksPreferred: ['tr', 'ar'] });
		const language = (locale: 'de' | 'en') =>
			explainScore(parts, locale).find((line) => line.startsWith('Sp'));
		for (let i = 0; i < 2; i++) {
			expect(language('de')).toBe('Spricht Türkisch und Arabisch');
			expect(language('en')).toBe('Speaks Turkish and Arabic');
		}
	});

	it('remote and unknown windows', () => {
		const { parts } = scoreCandidate({
			...base,
			distanceKm: null,
			windowsFit: null,
			windowsOverlap: null
		});
		expect(explainScore(parts, 'de').slice(0, 2)).toEqual([
			'Geht auch aus der Ferne',
			'Keine festen Zeiten angegeben'
		]);
		expect(explainScore(parts, 'en').slice(0, 2)).toEqual([
			'Can be done remotely',
			'No fixed times given'
		]);
	});

	it('parses Postgres multiranges', () => {
		expect(parseWeekWindows('{[2280,2460),[3720,3900)}')).toEqual([
			{ from: 2280, to: 2460 },
			{ from: 3720, to: 3900 }
		]);
		expect(parseWeekWindows('{}')).toEqual([]);
		expect(parseWeekWindows(null)).toBeNull();
	});
});
