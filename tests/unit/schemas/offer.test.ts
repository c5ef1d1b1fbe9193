import { describe, expect, it } from 'vitest';
import { parseOfferForm } from '$lib/schemas/offer';
import { roundToGrid } from '$lib/domain/offer/grid';
import { ALL_SLOTS, slotsToWindows, toMultirange, windowsToSlots } from '$lib/domain/offer/slots';

const TOWN = '00000000-0001-4000-8000-000000000001';
const DISTRICT = '00000000-0002-4000-8000-000000000001';

/** A complete, valid post; `change` replaces fields (an array for repeated ones). */
function post(change: Record<string, string | string[] | null> = {}): FormData {
	const fields: Record<string, string | string[] | null> = {
		categories: ['homework', 'errands'],
		targetGroups: ['children'],
		hoursPerMonth: '4',
		slots: ['1-afternoon', '1-evening', '3-morning'],
		where: 'district',
		municipalityId: TOWN,
		districtId: DISTRICT,
		radiusKm: '3',
		languages: ['de', 'tr'],
		languagesOther: '',
		...change
	};
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		if (value === null) continue;
		for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
	}
	return data;
}

const errorsOf = (data: FormData) => {
	const result = parseOfferForm(data);
	if (result.ok) throw new Error('expected a refusal');
	return result.errors;
};

describe('the offer form', () => {
	it('reads a complete post: repeated fields, merged windows, district home', () => {
		const result = parseOfferForm(post({ hoursPerMonth: '2,5', languagesOther: 'RO, fa' }));
		expect(result).toEqual({
			ok: true,
			value: {
				municipalityId: TOWN,
				categories: ['homework', 'errands'],
				targetGroups: ['children'],
				hoursPerMonth: 2.5,
				availability: [
					{ from: 1440 + 12 * 60, to: 1440 + 21 * 60 },
					{ from: 3 * 1440 + 8 * 60, to: 3 * 1440 + 12 * 60 }
				],
				home: { kind: 'district', districtId: DISTRICT },
				radiusKm: 3,
				remoteOk: false,
				languages: ['de', 'tr', 'ro', 'fa'],
				pausedUntil: null
			}
		});
	});

	it('remote only needs no district and is remote_ok; a location post carries the point', () => {
		const remote = parseOfferForm(post({ where: 'remote', districtId: '' }));
		expect(remote.ok && remote.value.home).toEqual({ kind: 'remote' });
		expect(remote.ok && remote.value.remoteOk).toBe(true);
		const located = parseOfferForm(
			post({ where: 'location', districtId: '', lat: '48.005', lng: '11.3025' })
		);
		expect(located.ok && located.value.home).toEqual({ kind: 'point', lat: 48.005, lng: 11.3025 });
	});

	it('answers every missing choice with a German message on its field', () => {
		const errors = errorsOf(
			post({ categories: null, targetGroups: null, languages: null, municipalityId: '' })
		);
		expect(errors).toEqual({
			categories: ['Bitte wähle mindestens eine Art der Hilfe.'],
			targetGroups: ['Bitte wähle mindestens eine Zielgruppe.'],
			municipalityId: ['Bitte wähle deine Stadt oder Gemeinde.'],
			languages: [expect.stringContaining('1 bis 10 Sprachen')]
		});
	});

	it('refuses hours outside 1–40 and a radius outside 0–50', () => {
		for (const hours of ['0', '0,5', '41', '-3', 'viel', '', '4,25']) {
			expect(errorsOf(post({ hoursPerMonth: hours })).hoursPerMonth).toEqual([
				expect.stringContaining('1 bis 40 Stunden')
			]);
		}
		for (const radius of ['51', '-1', 'weit']) {
			expect(errorsOf(post({ radiusKm: radius })).radiusKm).toEqual([
				expect.stringContaining('0 bis 50 km')
			]);
		}
		expect(parseOfferForm(post({ hoursPerMonth: '40', radiusKm: '0' })).ok).toBe(true);
	});

	it('asks for a district, or a district instead of a location that did not arrive', () => {
		expect(errorsOf(post({ districtId: '' })).districtId).toEqual([
			'Bitte wähle deinen Stadtteil.'
		]);
		expect(errorsOf(post({ where: 'location', districtId: '' })).where).toEqual([
			expect.stringContaining('Standort ist nicht angekommen')
		]);
		// A point outside Germany's box is no home area.
		expect(errorsOf(post({ where: 'location', lat: '40.1', lng: '11.3' })).lat).toBeDefined();
	});

	it('refuses unknown categories, slots, language codes, too many languages, a past pause', () => {
		expect(errorsOf(post({ categories: ['cooking'] })).categories).toBeDefined();
		expect(errorsOf(post({ slots: ['7-morning'] })).slots).toEqual([
			'Bitte wähle Zeiten nur aus der Liste.'
		]);
		expect(errorsOf(post({ languagesOther: 'deutsch' })).languages).toBeDefined();
		expect(
			errorsOf(post({ languagesOther: 'ro fa ku sq hr sr bg el nl' })).languages // 9 + de, tr = 11
		).toBeDefined();
		expect(errorsOf(post({ pausedUntil: '2020-01-01' })).pausedUntil).toEqual([
			'Bitte wähle ein Datum ab heute.'
		]);
		expect(errorsOf(post({ pausedUntil: '2026-02-30' })).pausedUntil).toBeDefined();
		const paused = parseOfferForm(post({ pausedUntil: '2099-12-31' }));
		expect(paused.ok && paused.value.pausedUntil).toBe('2099-12-31');
	});
});

describe('weekly windows from the grid', () => {
	it('merges touching parts of a day, keeps days apart, and writes Postgres text', () => {
		const windows = slotsToWindows(['0-evening', '0-morning', '0-afternoon', '1-morning']);
		expect(windows).toEqual([
			{ from: 480, to: 1260 },
			{ from: 1440 + 480, to: 1440 + 720 }
		]);
		expect(toMultirange(windows)).toBe('{[480,1260),[1920,2160)}');
		expect(toMultirange([])).toBeNull();
	});

	it('Sunday evening ends inside the week; every slot round-trips', () => {
		expect(slotsToWindows(['6-evening'])).toEqual([{ from: 6 * 1440 + 1020, to: 6 * 1440 + 1260 }]);
		for (const slot of ALL_SLOTS) expect(windowsToSlots(slotsToWindows([slot]))).toEqual([slot]);
		expect(windowsToSlots(slotsToWindows(ALL_SLOTS))).toEqual(ALL_SLOTS);
		expect(windowsToSlots(null)).toEqual([]);
		expect(() => slotsToWindows(['7-morning'])).toThrow('not a slot: 7-morning');
		expect(() => slotsToWindows(['0-night'])).toThrow('not a slot: 0-night');
	});

	it('shows a finer stored window (Tue 14:00–17:00) as the afternoon it touches', () => {
		expect(windowsToSlots([{ from: 2280, to: 2460 }])).toEqual(['1-afternoon']);
		expect(() => slotsToWindows(['8-noon'])).toThrow();
	});
});

describe('the ~500 m grid', () => {
	it('rounds like the database: 0.005° latitude, 0.0075° longitude', () => {
		expect(roundToGrid(48.00312, 11.30421)).toEqual({ lat: 48.005, lng: 11.3025 });
		expect(roundToGrid(52.5219, 13.4132)).toEqual({ lat: 52.52, lng: 13.41 });
	});
});
