// The suggestions inbox's forms: a town from the list, an optional district, 10–1000 characters
// after trimming; an answer of 3–1000 characters. Each refusal on its field, in German.
import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/schemas/form';
import { answerSchema, suggestionSchema } from '$lib/schemas/suggestion';

const TOWN = '0b6c1f5e-2d0a-4c7e-9a51-3f1e2d4c5b6a';
const DISTRICT = '7C2A9E10-5B3D-4F6E-8A7B-1C2D3E4F5A6B';

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.set(k, v);
	return data;
};

describe('a suggestion', () => {
	it('trims the text, keeps line breaks, and reads no district as null', () => {
		expect(
			parseForm(
				suggestionSchema,
				form({ municipalityId: TOWN, districtId: '', body: '  Hilfe beim\nEinkaufen fehlt.  ' })
			)
		).toEqual({
			ok: true,
			value: { municipalityId: TOWN, districtId: null, body: 'Hilfe beim\nEinkaufen fehlt.' }
		});
	});

	it('takes a district of the list, in lower case', () => {
		const result = suggestionSchema.parse({
			municipalityId: TOWN,
			districtId: DISTRICT,
			body: 'Zehn Zeichen.'
		});
		expect(result.districtId).toBe(DISTRICT.toLowerCase());
	});

	it('counts 10 to 1000 characters after trimming (characters, not bytes)', () => {
		const ok = (body: string) => suggestionSchema.safeParse({ municipalityId: TOWN, body }).success;
		expect(ok('1234567890')).toBe(true);
		expect(ok('   123456789   ')).toBe(false);
		expect(ok('ä'.repeat(1000))).toBe(true);
		expect(ok('👍'.repeat(1000))).toBe(true);
		expect(ok('x'.repeat(1001))).toBe(false);
	});

	it('refuses 10 000 characters with the count, on the text field', () => {
		expect(
			parseForm(suggestionSchema, form({ municipalityId: TOWN, body: 'x'.repeat(10_000) }))
		).toEqual({
			ok: false,
			errors: { body: ['Dein Vorschlag braucht 10 bis 1000 Zeichen (jetzt 10000).'] }
		});
	});

	it('refuses a missing or made-up town and district, and invisible characters', () => {
		const result = parseForm(
			suggestionSchema,
			form({ municipalityId: 'Musterstadt', districtId: 'x', body: 'Hilfe\u200bfehlt hier.' })
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				municipalityId: ['Bitte wähle eine Stadt aus der Liste.'],
				districtId: ['Bitte wähle einen Stadtteil aus der Liste.'],
				body: [expect.any(String)]
			}
		});
		expect(parseForm(suggestionSchema, form({ body: 'Zehn Zeichen.' }))).toMatchObject({
			ok: false,
			errors: { municipalityId: ['Bitte wähle eine Stadt aus der Liste.'] }
		});
	});
});

describe('an answer', () => {
	it('needs a suggestion and 3 to 1000 characters', () => {
		expect(answerSchema.parse({ suggestionId: TOWN, answer: '  Gibt es.  ' })).toEqual({
			suggestionId: TOWN,
			answer: 'Gibt es.'
		});
		expect(parseForm(answerSchema, form({ suggestionId: 'x', answer: 'ok' }))).toEqual({
			ok: false,
			errors: {
				suggestionId: ['Dieser Vorschlag ist nicht bekannt.'],
				answer: ['Die Antwort braucht 3 bis 1000 Zeichen (jetzt 2).']
			}
		});
		expect(answerSchema.safeParse({ suggestionId: TOWN, answer: 'x'.repeat(1001) }).success).toBe(
			false
		);
	});
});
