// The onboarding forms: the AGS, a district's centre typed with a point or a comma, the policy
// checkboxes. The database checks the same again; these give the message next to the field.
import { describe, expect, it } from 'vitest';
import { parseValues } from '$lib/schemas/form';
import {
	districtSchema,
	municipalityCreateSchema,
	townPoliciesSchema
} from '$lib/schemas/onboarding';

const town = (ags: string) =>
	parseValues(municipalityCreateSchema, {
		name: ' Neustadt ',
		ags,
		officeName: 'Stadt Neustadt – Freiwilligenagentur',
		email: ' Erste@Neustadt.Example ',
		locale: 'de'
	});

describe('a new town', () => {
	it('takes an AGS of eight digits starting with a Land 01–16, spaces dropped', () => {
		expect(town('09 162 000')).toEqual({
			ok: true,
			value: {
				name: 'Neustadt',
				ags: '09162000',
				officeName: 'Stadt Neustadt – Freiwilligenagentur',
				email: 'erste@neustadt.example',
				locale: 'de'
			}
		});
		expect(town('16077001').ok).toBe(true);
	});

	it.each(['0916200', '091620001', '17000000', '00162000', '09A62000', ''])(
		'refuses the AGS %j on its field',
		(ags) => {
			const result = town(ags);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(Object.keys(result.errors)).toEqual(['ags']);
		}
	);
});

describe('a district', () => {
	const district = (lat: string, lng: string, name = 'Mitte') =>
		parseValues(districtSchema, { name, lat, lng });

	it('reads decimal commas and points', () => {
		expect(district('49,1234', ' 10.3333 ')).toEqual({
			ok: true,
			value: { name: 'Mitte', lat: 49.1234, lng: 10.3333 }
		});
	});

	it.each([
		['Paris', '48.8566', '2.3522', ['lng']],
		['the North Sea', '56', '8', ['lat']],
		['nothing', '', '', ['lat', 'lng']],
		['words', 'Norden', 'Osten', ['lat', 'lng']]
	])('refuses a centre in %s on its field', (_, lat, lng, fields) => {
		const result = district(lat, lng);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(fields);
	});

	it('refuses a name of one letter', () => {
		const result = district('49', '10', 'X');
		expect(result.ok ? [] : Object.keys(result.errors)).toEqual(['name']);
	});
});

describe('the town’s policies', () => {
	it('reads ticked boxes as true and missing ones as false', () => {
		expect(
			parseValues(townPoliciesSchema, { form: 'policies', minorMatchesNeedApproval: 'on' })
		).toEqual({
			ok: true,
			value: {
				form: 'policies',
				nonprofitNeedsNeedApproval: false,
				minorMatchesNeedApproval: true,
				municipalityInspects72a: false
			}
		});
	});

	it('refuses a post that is not the policies form, which would otherwise read as all off', () => {
		for (const values of [{}, { minorMatchesNeedApproval: 'on' }, { form: 'district' }])
			expect(parseValues(townPoliciesSchema, values)).toMatchObject({
				ok: false,
				errors: { form: [expect.any(String)] }
			});
	});
});
