// The cross-site form check that stands in for Kit's (everything but the one-click unsubscribe),
// and the signed unsubscribe tokens: forged, altered, expired or malformed tokens are refused.
import { describe, expect, it } from 'vitest';
import { isCrossSiteFormPost } from '../../../src/lib/server/csrf.ts';
import {
	checkUnsubscribeToken,
	unsubscribeToken,
	UNSUBSCRIBE_TTL_DAYS
} from '../../../src/lib/server/mail/unsubscribe.ts';

const SITE = 'https://zeitspende.test';
const post = (path: string, headers: Record<string, string>, method = 'POST') =>
	[new Request(SITE + path, { method, headers }), new URL(SITE + path)] as const;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
	it('refuses a form posted from another site or without an origin, like Kit', () => {
		expect(isCrossSiteFormPost(...post('/profile', { ...FORM, origin: 'https://evil.test' }))).toBe(
			true
		);
		expect(isCrossSiteFormPost(...post('/profile', FORM))).toBe(true);
		expect(
			isCrossSiteFormPost(
				...post('/profile', { 'content-type': 'multipart/form-data; boundary=x' })
			)
		).toBe(true);
		expect(
			isCrossSiteFormPost(...post('/profile', { 'content-type': 'text/plain' }, 'DELETE'))
		).toBe(true);
	});

	it('lets through our own forms, non-form bodies, reads, and the one-click unsubscribe', () => {
		expect(isCrossSiteFormPost(...post('/profile', { ...FORM, origin: SITE }))).toBe(false);
		expect(isCrossSiteFormPost(...post('/profile', { 'content-type': 'application/json' }))).toBe(
			false
		);
		expect(isCrossSiteFormPost(...post('/unsubscribe', FORM))).toBe(false);
		expect(isCrossSiteFormPost(...post('/unsubscribe/x', FORM))).toBe(true);
		expect(isCrossSiteFormPost(new Request(SITE + '/profile'), new URL(SITE + '/profile'))).toBe(
			false
		);
	});
});

describe('unsubscribe tokens', () => {
	const person = '5b1f7f0e-6f55-4a39-9a43-0c6b1c7f2a11';
	const now = new Date('2030-01-01T00:00:00Z');

	it('a token names its person and kinds, and only with the right secret', () => {
		const token = unsubscribeToken('secret', person, ['proposal', 'hours_to_review'], now);
		expect(checkUnsubscribeToken('secret', token, now)).toEqual({
			ok: true,
			person,
			kinds: ['proposal', 'hours_to_review']
		});
		expect(checkUnsubscribeToken('other', token, now)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('an altered body, a forged signature, an unknown kind or garbage is invalid', () => {
		const token = unsubscribeToken('secret', person, ['proposal'], now);
		const [body, sig] = token.split('.');
		const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
		const altered = Buffer.from(JSON.stringify({ ...claims, k: ['match_ended'] })).toString(
			'base64url'
		);
		expect(checkUnsubscribeToken('secret', `${altered}.${sig}`, now).ok).toBe(false);
		expect(checkUnsubscribeToken('secret', `${body}.${'A'.repeat(43)}`, now).ok).toBe(false);
		for (const bad of [null, '', 'x', 'a.b.c', `${body}.`, '.'.repeat(3000)])
			expect(checkUnsubscribeToken('secret', bad, now)).toEqual({ ok: false, reason: 'invalid' });
		// A correctly signed token for a kind that does not exist (e.g. sign-in codes) is invalid too.
		const forged = unsubscribeToken('secret', person, ['sign_in_code' as 'proposal'], now);
		expect(checkUnsubscribeToken('secret', forged, now)).toEqual({ ok: false, reason: 'invalid' });
	});

	it(`a token expires after ${UNSUBSCRIBE_TTL_DAYS} days`, () => {
		const token = unsubscribeToken('secret', person, ['proposal'], now);
		const day = 24 * 60 * 60 * 1000;
		const later = (days: number) => new Date(now.getTime() + days * day);
		expect(checkUnsubscribeToken('secret', token, later(UNSUBSCRIBE_TTL_DAYS - 1)).ok).toBe(true);
		expect(checkUnsubscribeToken('secret', token, later(UNSUBSCRIBE_TTL_DAYS + 1))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});
});
