import { describe, expect, it } from 'vitest';
import { nextPathSchema, requestCodeSchema, verifyCodeSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { profileSchema } from '$lib/schemas/profile';
import { batchSelectionSchema } from '$lib/schemas/matching';

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.set(k, v);
	return data;
};

describe('sign-in input', () => {
	it('normalises the address and accepts six digits only', () => {
		expect(requestCodeSchema.parse({ email: '  Mara@Example.ORG ' })).toEqual({
			email: 'mara@example.org'
		});
		expect(verifyCodeSchema.safeParse({ email: 'a@b.de', code: '12345' }).success).toBe(false);
		expect(verifyCodeSchema.safeParse({ email: 'a@b.de', code: '12345a' }).success).toBe(false);
		expect(verifyCodeSchema.safeParse({ email: 'a@b.de', code: ' 123456 ' }).success).toBe(true);
	});

	it('answers a malformed address with a German message on the field', () => {
		const result = parseForm(requestCodeSchema, form({ email: 'nicht-gültig' }));
		expect(result).toEqual({
			ok: false,
			errors: { email: [expect.stringContaining('gültige E-Mail-Adresse')] }
		});
	});

	it('only ever redirects to a local path after sign-in', () => {
		expect(nextPathSchema.parse('/coordinator/abc')).toBe('/coordinator/abc');
		expect(nextPathSchema.parse('/coordinator?x=%E2%82%AC')).toBe('/coordinator?x=%E2%82%AC');
		for (const evil of [
			'https://evil.example',
			'//evil.example/x',
			'/\\evil.example',
			'javascript:alert(1)',
			'',
			null,
			'/€',
			'/a b'
		]) {
			expect(nextPathSchema.parse(evil)).toBe('/profile');
		}
	});
});

describe('profile input', () => {
	it('turns an empty phone into null and refuses letters', () => {
		expect(profileSchema.parse({ displayName: 'Mara S.', phone: '', locale: 'de' })).toEqual({
			displayName: 'Mara S.',
			phone: null,
			locale: 'de'
		});
		const bad = parseForm(
			profileSchema,
			form({ displayName: 'M', phone: 'call me', locale: 'fr' })
		);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['displayName', 'locale', 'phone']);
	});
});

describe('text a person typed', () => {
	it("refuses NUL and invisible characters in a name, in the person's language", () => {
		for (const displayName of ['Ma\u0000ra', '\u200b\u200b', 'Mara\u202eS', '--'])
			expect(
				profileSchema.safeParse({ displayName, phone: '', locale: 'de' }).success,
				JSON.stringify(displayName)
			).toBe(false);
		const nul = profileSchema.safeParse({ displayName: 'Ma\u0000ra', phone: '', locale: 'de' });
		expect(nul.error?.issues[0]?.message).toBe(
			'Bitte verwende nur sichtbare Zeichen (keine Steuerzeichen).'
		);
		expect(
			profileSchema.parse({ displayName: '  Özlem Ç.  ', phone: '', locale: 'de' })
		).toMatchObject({ displayName: 'Özlem Ç.' });
	});
});

describe('batch selection', () => {
	it('parses reviewed pairs and refuses anything else', () => {
		const need = '00000000-0005-4000-8000-000000000007';
		const helper = '00000000-0004-4000-8000-000000000134';
		expect(batchSelectionSchema.parse([`${need}/${helper}`])).toEqual([
			{ needId: need, helperId: helper }
		]);
		expect(batchSelectionSchema.safeParse([]).success).toBe(false);
		// the same pair twice (in any case) is one pair
		expect(
			batchSelectionSchema.parse([`${need}/${helper}`, `${need}/${helper}`.toUpperCase()])
		).toEqual([{ needId: need, helperId: helper }]);
		// a score is the server's to compute: a pair that carries one is not a reviewed pair
		expect(batchSelectionSchema.safeParse([`${need}/${helper}/79.6`]).success).toBe(false);
		expect(batchSelectionSchema.safeParse(["x'; drop table matches; --"]).success).toBe(false);
		// what a tampered form could send: ids that only look like ids
		expect(batchSelectionSchema.safeParse([`${'-'.repeat(36)}/${helper}`]).success).toBe(false);
		expect(batchSelectionSchema.safeParse([`${need}/${helper}/`]).success).toBe(false);
	});
});
