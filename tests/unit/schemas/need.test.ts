import { describe, expect, it } from 'vitest';
import { parseNeedForm } from '$lib/schemas/need';

const DISTRICT = '00000000-0002-4000-8000-000000000001';

/** A complete, valid post; `change` replaces fields (an array for repeated ones, null drops one). */
function post(change: Record<string, string | string[] | null> = {}): FormData {
	const fields: Record<string, string | string[] | null> = {
		title: 'Lesepatenschaft in der Grundschule',
		description: 'Vorlesen und gemeinsam lesen.\nKlasse 2.',
		category: 'homework',
		targetGroup: 'children',
		cadence: 'monthly',
		hours: '2,5',
		startsOn: '2099-02-01',
		endsOn: '2099-06-30',
		slots: ['1-afternoon', '1-evening'],
		where: 'district',
		districtId: DISTRICT,
		point: '',
		requiredLanguages: ['de'],
		requiredLanguagesOther: '',
		preferredLanguages: ['tr', 'de'],
		preferredLanguagesOther: 'FA',
		helpersWanted: '2',
		requires72a: 'on',
		intent: 'post',
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
	const result = parseNeedForm(data);
	if (result.ok) throw new Error('expected a refusal');
	return result.errors;
};

describe('the need form', () => {
	it('reads a complete post: hours with a decimal comma, merged windows, district, languages', () => {
		expect(parseNeedForm(post())).toEqual({
			ok: true,
			value: {
				title: 'Lesepatenschaft in der Grundschule',
				description: 'Vorlesen und gemeinsam lesen.\nKlasse 2.',
				category: 'homework',
				targetGroup: 'children',
				cadence: 'monthly',
				hours: 2.5,
				startsOn: '2099-02-01',
				endsOn: '2099-06-30',
				timeWindows: [{ from: 1440 + 12 * 60, to: 1440 + 21 * 60 }],
				place: { kind: 'district', districtId: DISTRICT },
				requiredLanguages: ['de'],
				// Required wins over preferred; typed codes join in lower case.
				preferredLanguages: ['tr', 'fa'],
				helpersWanted: 2,
				requires72a: true,
				intent: 'post'
			}
		});
	});

	it('reads a typed point and rounds it to the ~500 m grid; remote needs no place', () => {
		const point = parseNeedForm(
			post({ where: 'point', point: '48,0012; 11,3021', districtId: '' })
		);
		expect(point.ok && point.value.place).toEqual({
			kind: 'point',
			districtId: null,
			lat: 48,
			lng: 11.3025
		});
		const remote = parseNeedForm(post({ where: 'remote', districtId: '' }));
		expect(remote.ok && remote.value.place).toEqual({ kind: 'remote' });
	});

	it('a one-off need may have no end', () => {
		const once = parseNeedForm(post({ cadence: 'one_off', endsOn: '' }));
		expect(once.ok && once.value.endsOn).toBeNull();
	});

	it.each([
		['0', 'zero'],
		['0,4', 'below half an hour'],
		['40,5', 'above 40'],
		['41', 'above 40'],
		['2,25', 'two decimals'],
		['zwei', 'a word'],
		['', 'nothing']
	])('refuses hours %s (%s)', (hours) => {
		expect(Object.keys(errorsOf(post({ hours })))).toEqual(['hours']);
	});

	it('accepts the bounds of the hours: 0,5 and 40', () => {
		expect(parseNeedForm(post({ hours: '0,5' })).ok).toBe(true);
		expect(parseNeedForm(post({ hours: '40' })).ok).toBe(true);
	});

	it.each([
		['an end before the start', { endsOn: '2099-01-31' }, 'endsOn'],
		['an end more than five years after the start', { endsOn: '2104-02-02' }, 'endsOn'],
		['a monthly need without an end', { endsOn: '' }, 'endsOn'],
		[
			'a one-off day already past',
			{ cadence: 'one_off', startsOn: '2021-03-01', endsOn: '' },
			'startsOn'
		],
		['an end already past', { startsOn: '2021-03-01', endsOn: '2021-04-30' }, 'endsOn'],
		['a start that is no date', { startsOn: '2099-02-30' }, 'startsOn'],
		['a start before 2020', { startsOn: '2019-12-31', endsOn: '', cadence: 'one_off' }, 'startsOn']
	])('refuses bad dates: %s', (_label, change, field) => {
		expect(errorsOf(post(change as Record<string, string>))).toHaveProperty(field);
	});

	it('refuses every wrong field at once, with a message for each', () => {
		const errors = errorsOf(
			post({
				title: 'ab',
				category: 'gardening',
				targetGroup: null,
				cadence: 'weekly',
				hours: '99',
				where: 'district',
				districtId: '',
				helpersWanted: '0',
				requiredLanguages: ['deutsch']
			})
		);
		expect(Object.keys(errors).sort()).toEqual(
			[
				'title',
				'category',
				'targetGroup',
				'cadence',
				'hours',
				'districtId',
				'helpersWanted',
				'requiredLanguages'
			].sort()
		);
	});

	it('refuses a point that is no point or lies outside Germany', () => {
		expect(errorsOf(post({ where: 'point', point: 'Marktplatz 3' }))).toHaveProperty('lat');
		expect(errorsOf(post({ where: 'point', point: '40.4, -3.7' }))).toHaveProperty('lat');
		expect(errorsOf(post({ where: 'point', point: '' }))).toHaveProperty('where');
	});

	it('refuses invisible characters in the title and more than 2000 characters of description', () => {
		expect(errorsOf(post({ title: 'Lese\u200bpaten' }))).toHaveProperty('title');
		expect(errorsOf(post({ description: 'x'.repeat(2001) }))).toHaveProperty('description');
		expect(errorsOf(post({ helpersWanted: '21' }))).toHaveProperty('helpersWanted');
		expect(errorsOf(post({ helpersWanted: '1,5' }))).toHaveProperty('helpersWanted');
	});
});
