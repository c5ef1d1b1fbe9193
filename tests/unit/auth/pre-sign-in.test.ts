// The pre-sign-in cookie that binds a sign-in code to the browser that asked for it: only a
// value this server signed, unexpired and unaltered, names a browser.
import { describe, expect, it } from 'vitest';
import {
	bindingHash,
	newNonce,
	preSignInCookieName,
	readPreSignIn,
	signPreSignIn
} from '../../../src/lib/server/auth/pre-sign-in.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import { waitAfter } from '../../../src/lib/server/auth/config.ts';

const SECRET = 'test-secret';
const NOW = 1_800_000_000;

describe('pre-sign-in cookie', () => {
	it('reads back the nonce it signed while it is valid', () => {
		const nonce = newNonce();
		expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const value = signPreSignIn(SECRET, nonce, NOW + 60);
		expect(readPreSignIn(SECRET, value, NOW)).toBe(nonce);
		expect(readPreSignIn(SECRET, value, NOW + 59)).toBe(nonce);
	});

	it('refuses it once expired', () => {
		const value = signPreSignIn(SECRET, newNonce(), NOW + 60);
		expect(readPreSignIn(SECRET, value, NOW + 60)).toBeNull();
		expect(readPreSignIn(SECRET, value, NOW + 3600)).toBeNull();
	});

	it('refuses a value signed with another key', () => {
		const value = signPreSignIn('another-secret', newNonce(), NOW + 60);
		expect(readPreSignIn(SECRET, value, NOW)).toBeNull();
	});

	it('refuses a changed nonce, a longer life or a changed signature', () => {
		const nonce = newNonce();
		const value = signPreSignIn(SECRET, nonce, NOW + 60);
		const [, expires, signature] = value.split('.');
		const other = newNonce();
		expect(readPreSignIn(SECRET, `${other}.${expires}.${signature}`, NOW)).toBeNull();
		expect(readPreSignIn(SECRET, `${nonce}.${NOW + 99_999}.${signature}`, NOW)).toBeNull();
		const flipped = signature!.startsWith('A')
			? `B${signature!.slice(1)}`
			: `A${signature!.slice(1)}`;
		expect(readPreSignIn(SECRET, `${nonce}.${expires}.${flipped}`, NOW)).toBeNull();
	});

	it('refuses malformed values without throwing', () => {
		for (const value of [
			undefined,
			'',
			'garbage',
			'a.b.c',
			'a.b.c.d',
			'.'.repeat(300),
			`${newNonce()}.x.y`
		])
			expect(readPreSignIn(SECRET, value, NOW)).toBeNull();
	});

	it('stores a keyed hash of the nonce, never the nonce', () => {
		const nonce = newNonce();
		const hash = bindingHash(SECRET, nonce);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain(nonce);
		expect(bindingHash(SECRET, nonce)).toBe(hash);
		expect(bindingHash('another-secret', nonce)).not.toBe(hash);
		expect(bindingHash(SECRET, newNonce())).not.toBe(hash);
	});

	it('is named __Host- where cookies are Secure, plainly on http', () => {
		expect(preSignInCookieName(true)).toBe('__Host-zs_pre_sign_in');
		expect(preSignInCookieName(false)).toBe('zs_pre_sign_in');
		expect(sessionCookieName(true)).toBe('__Host-zs_session');
		expect(sessionCookieName(false)).toBe('zs_session');
	});
});

describe('sign-in configuration', () => {
	it('waits nothing after the first wrong code, then 2, 4, 8 … seconds up to the cap', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map((n) => waitAfter(n, 900))).toEqual([0, 0, 2, 4, 8, 16, 32]);
		expect(waitAfter(11, 900)).toBe(900);
		expect(waitAfter(500, 900)).toBe(900);
	});
});
