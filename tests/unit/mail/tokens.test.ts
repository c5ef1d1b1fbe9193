// The signed links in mails (src/lib/server/mail/{unsubscribe,check-in}.ts) at their edges: each
// signed under its own label, refused when forged, cut, extended, too long or malformed, and the
// unsubscribe link expired from the second it ends.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	checkUnsubscribeToken,
	UNSUBSCRIBE_TTL_DAYS,
	unsubscribeToken
} from '../../../src/lib/server/mail/unsubscribe.ts';
import { checkCheckInToken, checkInToken } from '../../../src/lib/server/mail/check-in.ts';

const PERSON = '00000000-0004-4000-8000-000000000001';
const MATCH = '00000000-0006-4000-8000-000000000001';
const now = new Date('2027-01-10T09:00:00Z');
const mac = (secret: string, label: string, body: string) =>
	createHmac('sha256', createHmac('sha256', secret).update(label).digest())
		.update(body)
		.digest('base64url');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every way a genuine token can be spoiled: each must be refused. */
function spoiled(genuine: string, label: string, malformedBody: string): string[] {
	const [body, signature] = genuine.split('.') as [string, string];
	return [
		'',
		body,
		`${body}.`,
		`.${signature}`,
		`${genuine}.x`,
		`${body}.${'A'.repeat(signature.length)}`,
		`${body}.${signature.slice(1)}`,
		`${b64({ x: 1 })}.${mac('s', label, b64({ x: 1 }))}`,
		`${malformedBody}.${mac('s', label, malformedBody)}`
	];
}

describe('the unsubscribe link', () => {
	const genuine = unsubscribeToken('s', PERSON, ['proposal'], now);

	it('is signed under its own label and read back', () => {
		const [body, signature] = genuine.split('.');
		expect(signature).toBe(mac('s', 'mail-unsubscribe', body!));
		expect(checkUnsubscribeToken('s', genuine, now)).toEqual({
			ok: true,
			person: PERSON,
			kinds: ['proposal']
		});
	});

	it('refuses a spoiled token, one of another key, and an overlong one', () => {
		for (const token of spoiled(genuine, 'mail-unsubscribe', 'bm90IGpzb24'))
			expect(checkUnsubscribeToken('s', token, now), token).toEqual({
				ok: false,
				reason: 'invalid'
			});
		expect(checkUnsubscribeToken('other', genuine, now)).toEqual({ ok: false, reason: 'invalid' });
		expect(checkUnsubscribeToken('s', null, now)).toEqual({ ok: false, reason: 'invalid' });
		// A genuine signature on a body past 2 000 characters is still refused.
		const long = b64({ p: PERSON, k: ['proposal'], e: 9e9, pad: 'x'.repeat(1500) });
		expect(
			checkUnsubscribeToken('s', `${long}.${mac('s', 'mail-unsubscribe', long)}`, now)
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('expires after 180 days, at the very second', () => {
		const end = new Date(now.getTime() + UNSUBSCRIBE_TTL_DAYS * 86_400_000);
		expect(checkUnsubscribeToken('s', genuine, new Date(end.getTime() - 1000))).toMatchObject({
			ok: true
		});
		expect(checkUnsubscribeToken('s', genuine, end)).toEqual({ ok: false, reason: 'expired' });
	});
});

describe('the check-in answer link', () => {
	const c = { match: MATCH, helper: PERSON, month: '2027-01-01', answer: 'fine' as const };
	const genuine = checkInToken('s', c);

	it('is signed under its own label and read back', () => {
		const [body, signature] = genuine.split('.');
		expect(signature).toBe(mac('s', 'mail-check-in', body!));
		expect(checkCheckInToken('s', genuine)).toEqual(c);
	});

	it('refuses a spoiled token, one of another key, and an overlong one', () => {
		for (const token of spoiled(genuine, 'mail-check-in', 'bm90IGpzb24'))
			expect(checkCheckInToken('s', token), token).toBeNull();
		expect(checkCheckInToken('other', genuine)).toBeNull();
		expect(checkCheckInToken('s', null)).toBeNull();
		const long = b64({ m: MATCH, h: PERSON, d: '2027-01-01', a: 'fine', pad: 'x'.repeat(800) });
		expect(checkCheckInToken('s', `${long}.${mac('s', 'mail-check-in', long)}`)).toBeNull();
	});
});
