import { describe, expect, it } from 'vitest';
import {
	categoryFits,
	distanceKm,
	firstViolation,
	inspectionValid,
	languagesSpoken,
	notPaused,
	sameMunicipality,
	targetGroupFits,
	windowsFit,
	withinReach,
	type RuleContext,
	type RuleInspection,
	type RuleNeed,
	type RuleOffer
} from '../../../src/lib/domain/matching/rules.ts';
import { haversineKm } from '../../../src/lib/domain/matching/distance.ts';

const KM = 1 / 111.195;
const TUE = [{ from: 2280, to: 2460 }];
const need: RuleNeed = {
	id: 'n1',
	organisationId: 'orgA',
	municipalityId: 'm1',
	category: 'homework',
	targetGroup: 'youth',
	hours: 4,
	cadence: 'one_off',
	startsOn: '2027-03-10',
	endsOn: null,
	timeWindows: TUE,
	lat: 51,
	lng: 10,
	remote: false,
	requiredLanguages: ['de'],
	requires72a: true
};
const offer: RuleOffer = {
	helperId: 'h1',
	municipalityId: 'm1',
	categories: ['homework', 'errands'],
	targetGroups: ['children', 'youth'],
	hoursPerMonth: 10,
	availability: [{ from: 2400, to: 2600 }],
	homeLat: 51 + KM,
	homeLng: 10,
	radiusKm: 3,
	remoteOk: false,
	languages: ['de', 'tr'],
	pausedUntil: null
};
const byA: RuleInspection = {
	inspectedBy: 'coordA',
	inspectingOrganisationId: 'orgA',
	inspectingOrganisationKind: 'nonprofit',
	inspectingMunicipalityId: 'm1',
	convictionListed: false,
	recheckOn: '2031-01-01'
};
const ctx: RuleContext = {
	today: '2026-11-22',
	townInspects72a: false,
	inspections: [byA],
	commitments: [],
	alreadyMatched: false
};

describe('hard rules (pure)', () => {
	it('a helper that meets every rule fits', () => {
		expect(firstViolation(need, offer, ctx)).toBeNull();
	});

	it('municipality', () => {
		expect(sameMunicipality(need, { ...offer, municipalityId: 'm2' })).toBe(false);
		expect(firstViolation(need, { ...offer, municipalityId: 'm2' }, ctx)).toBe(
			'wrong_municipality'
		);
	});

	it('category and target group', () => {
		expect(categoryFits(need, { ...offer, categories: ['errands'] })).toBe(false);
		expect(firstViolation(need, { ...offer, categories: ['errands'] }, ctx)).toBe(
			'category_mismatch'
		);
		expect(targetGroupFits(need, { ...offer, targetGroups: ['seniors'] })).toBe(false);
		expect(firstViolation(need, { ...offer, targetGroups: ['seniors'] }, ctx)).toBe(
			'target_group_mismatch'
		);
	});

	it('required languages must all be spoken; none required always fits', () => {
		expect(languagesSpoken({ ...need, requiredLanguages: ['de', 'ar'] }, offer)).toBe(false);
		expect(
			languagesSpoken({ ...need, requiredLanguages: [] }, { ...offer, languages: ['en'] })
		).toBe(true);
		expect(firstViolation(need, { ...offer, languages: ['en'] }, ctx)).toBe('language_missing');
	});

	it('distance: haversine, within the radius inclusive, remote only when both sides allow it', () => {
		expect(haversineKm(51, 10, 51 + KM, 10)).toBeCloseTo(1, 5);
		expect(haversineKm(52.52, 13.405, 48.137, 11.575)).toBeCloseTo(504, 0);
		expect(withinReach(need, { ...offer, homeLat: 51 + 2.99 * KM })).toBe(true);
		expect(withinReach(need, { ...offer, homeLat: 51 + 3.01 * KM })).toBe(false);
		expect(firstViolation(need, { ...offer, homeLat: 51 + 3.5 * KM }, ctx)).toBe('out_of_range');
		const remoteOnly = { ...offer, homeLat: null, homeLng: null, remoteOk: true };
		expect(withinReach(need, remoteOnly)).toBe(false);
		expect(withinReach({ ...need, remote: true }, remoteOnly)).toBe(true);
		expect(distanceKm({ ...need, remote: true }, remoteOnly)).toBeNull();
		expect(withinReach({ ...need, remote: true }, { ...offer, homeLat: 52 })).toBe(false);
	});

	it('distance: none when either point is missing or the pair meets remotely; the radius itself is within reach', () => {
		expect(distanceKm(need, offer)).toBeCloseTo(1, 5);
		expect(distanceKm({ ...need, lat: null }, offer)).toBeNull();
		expect(distanceKm({ ...need, lng: null }, offer)).toBeNull();
		expect(distanceKm(need, { ...offer, homeLat: null })).toBeNull();
		expect(distanceKm(need, { ...offer, homeLng: null })).toBeNull();
		// Both points known, yet remote on both sides: no distance to show or to keep to.
		expect(distanceKm({ ...need, remote: true }, { ...offer, remoteOk: true })).toBeNull();
		expect(distanceKm({ ...need, remote: true }, offer)).toBeCloseTo(1, 5);
		const exactly = haversineKm(51, 10, offer.homeLat!, offer.homeLng!);
		expect(withinReach(need, { ...offer, radiusKm: exactly })).toBe(true);
		expect(withinReach({ ...need, lat: null }, offer)).toBe(false);
	});

	it('time windows: overlap needed only when both gave windows; touching is not overlapping', () => {
		expect(windowsFit(need, offer)).toBe(true);
		expect(windowsFit(need, { ...offer, availability: null })).toBeNull();
		expect(windowsFit({ ...need, timeWindows: null }, offer)).toBeNull();
		expect(windowsFit(need, { ...offer, availability: [{ from: 2460, to: 2600 }] })).toBe(false);
		expect(firstViolation(need, { ...offer, availability: [{ from: 480, to: 600 }] }, ctx)).toBe(
			'windows_do_not_fit'
		);
	});

	it('paused: paused_until must be before the day the match would begin', () => {
		expect(notPaused(need, { ...offer, pausedUntil: '2027-03-09' }, ctx.today)).toBe(true);
		expect(notPaused(need, { ...offer, pausedUntil: '2027-03-10' }, ctx.today)).toBe(false);
		expect(firstViolation(need, { ...offer, pausedUntil: '2027-03-10' }, ctx)).toBe(
			'helper_paused'
		);
		// A need that already runs: what counts is today.
		const running = {
			...need,
			cadence: 'monthly' as const,
			startsOn: '2026-01-01',
			endsOn: '2027-12-31'
		};
		expect(notPaused(running, { ...offer, pausedUntil: '2026-06-30' }, '2026-11-22')).toBe(true);
		expect(notPaused(running, { ...offer, pausedUntil: '2026-11-22' }, '2026-11-22')).toBe(false);
	});

	it('already matched or declined', () => {
		expect(firstViolation(need, offer, { ...ctx, alreadyMatched: true })).toBe('already_matched');
	});

	it('§72a: right inspector, no conviction, re-check after the last day, not self-recorded', () => {
		expect(inspectionValid(need, 'h1', [byA], false)).toBe(true);
		expect(inspectionValid(need, 'h1', [], false)).toBe(false);
		expect(inspectionValid(need, 'h1', [{ ...byA, recheckOn: '2027-03-10' }], false)).toBe(false);
		expect(inspectionValid(need, 'h1', [{ ...byA, recheckOn: '2027-03-11' }], false)).toBe(true);
		expect(
			inspectionValid(
				{ ...need, endsOn: '2027-06-30' },
				'h1',
				[{ ...byA, recheckOn: '2027-03-11' }],
				false
			)
		).toBe(false);
		expect(inspectionValid(need, 'h1', [{ ...byA, convictionListed: true }], false)).toBe(false);
		expect(inspectionValid(need, 'h1', [{ ...byA, inspectedBy: 'h1' }], false)).toBe(false);
		const byB = { ...byA, inspectingOrganisationId: 'orgB' };
		expect(inspectionValid(need, 'h1', [byB], true)).toBe(false);
		const byTown = {
			...byA,
			inspectingOrganisationId: 'office',
			inspectingOrganisationKind: 'municipal' as const
		};
		expect(inspectionValid(need, 'h1', [byTown], true)).toBe(true);
		expect(inspectionValid(need, 'h1', [byTown], false)).toBe(false);
		expect(inspectionValid(need, 'h1', [{ ...byTown, inspectingMunicipalityId: 'm2' }], true)).toBe(
			false
		);
		expect(firstViolation(need, offer, { ...ctx, inspections: [] })).toBe('inspection_required');
		expect(
			firstViolation({ ...need, requires72a: false }, offer, { ...ctx, inspections: [] })
		).toBeNull();
	});

	it('capacity: the remaining hours in the month must cover the need', () => {
		const load = (hours: number, status = 'active') => [
			{ hours, status, cadence: 'one_off' as const, startsOn: '2027-03-31', endsOn: null }
		];
		expect(firstViolation(need, offer, { ...ctx, commitments: load(6) })).toBeNull();
		expect(firstViolation(need, offer, { ...ctx, commitments: load(7) })).toBe('capacity_exceeded');
		expect(firstViolation(need, offer, { ...ctx, commitments: load(7, 'pending_approval') })).toBe(
			'capacity_exceeded'
		);
		expect(firstViolation(need, offer, { ...ctx, commitments: load(7, 'proposed') })).toBeNull();
	});

	it('reports the first rule broken, in the SQL order', () => {
		expect(
			firstViolation(need, { ...offer, municipalityId: 'm2', categories: ['errands'] }, ctx)
		).toBe('wrong_municipality');
		expect(
			firstViolation(need, { ...offer, languages: ['en'], pausedUntil: '2030-01-01' }, ctx)
		).toBe('language_missing');
	});
});
