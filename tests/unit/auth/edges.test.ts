// The sign-in's small parts at their edges (found by mutation testing): the client key of an
// address, the pre-sign-in cookie's reader, the keys' domain labels, the session settings.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientHash, clientKey } from '../../../src/lib/server/auth/client-key.ts';
import { DEFAULT_SESSIONS, sessionTimeoutsFrom } from '../../../src/lib/server/auth/config.ts';
import { readPreSignIn, signPreSignIn } from '../../../src/lib/server/auth/pre-sign-in.ts';
import { hashSessionToken } from '../../../src/lib/server/auth/tokens.ts';

describe('the client an address stands for', () => {
	it.each([
		[' 203.0.113.7 ', '203.0.113.7'],
		['not an address', 'not an address'],
		['FE80::1%eth0', 'fe80:0:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd:12::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['2001:db8:1:2::', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002:ffff::', '2001:db8:1:2::/64'],
		['::ffff:192.0.2.1', '192.0.2.1'],
		['::ffff:10.20.30.40', '10.20.30.40'],
		// Not IPv4-mapped: the mapping prefix stands at the start or not at all.
		['1::ffff:1.2.3.4', '1:0:0:0::/64'],
		// An IPv4 tail counts as two groups: it moves where the zeros of '::' end.
		['1::2:3:4:5.6.7.8', '1:0:0:2::/64'],
		['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64']
	])('%j → %j', (ip, key) => {
		expect(clientKey(ip)).toBe(key);
	});

	it('stores a keyed hash under its own label, never the address', () => {
		const label = createHmac('sha256', 's').update('zeitspende sign-in client').digest();
		expect(clientHash('s', '2001:db8::1')).toBe(
			createHmac('sha256', label).update('2001:db8:0:0::/64').digest('hex')
		);
		expect(clientHash('s', '2001:db8::2')).toBe(clientHash('s', '2001:db8::1'));
	});
});

describe('the pre-sign-in cookie', () => {
	const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
	const now = 1_800_000_000;
	const genuine = signPreSignIn('s', nonce, now + 60);

	it('reads a genuine cookie, and nothing else', () => {
		expect(readPreSignIn('s', genuine, now)).toBe(nonce);
		const [, expires, signature] = genuine.split('.');
		const forged = `${nonce}.${expires}.${'A'.repeat(signature!.length)}`;
		for (const value of [
			`${genuine}.x`,
			`${nonce}.${expires}`,
			`${nonce}.${expires}.${signature!.slice(1)}`,
			forged,
			signPreSignIn('other', nonce, now + 60),
			signPreSignIn('s', nonce, now)
		])
			expect(readPreSignIn('s', value, now), value).toBeNull();
	});

	it('is signed under its own label', () => {
		const label = createHmac('sha256', 's').update('zeitspende pre-sign-in cookie').digest();
		const mac = createHmac('sha256', label).update(`${nonce}.${now}`).digest('base64url');
		expect(signPreSignIn('s', nonce, now)).toBe(`${nonce}.${now}.${mac}`);
	});
});

describe('session settings and tokens', () => {
	it('a session token is stored as its SHA-256', () => {
		expect(hashSessionToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(hashSessionToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
	});

	it('session lengths from the environment, positive numbers only', () => {
		expect(sessionTimeoutsFrom({})).toEqual(DEFAULT_SESSIONS);
		expect(
			sessionTimeoutsFrom({
				SESSION_IDLE_HOURS: '3',
				SESSION_MAX_DAYS: '9',
				SESSION_RECHECK_SECONDS: '2'
			})
		).toEqual({ idleHours: 3, maxDays: 9, recheckSeconds: 2 });
		expect(sessionTimeoutsFrom({ SESSION_IDLE_HOURS: '1.5' }).idleHours).toBe(1.5);
		for (const bad of ['0', '-1', 'x', '', 'Infinity'])
			expect(
				sessionTimeoutsFrom({
					SESSION_IDLE_HOURS: bad,
					SESSION_MAX_DAYS: bad,
					SESSION_RECHECK_SECONDS: bad === '0' ? '-1' : bad
				}),
				bad
			).toEqual(DEFAULT_SESSIONS);
		// Looking the session up on every request is a choice (0), not a mistake; more than a
		// minute is one (other instances' sign-outs and the idle time-out would wait that long).
		for (const off of ['0', ' 0', '00', '0.0'])
			expect(sessionTimeoutsFrom({ SESSION_RECHECK_SECONDS: off }).recheckSeconds, off).toBe(0);
		expect(sessionTimeoutsFrom({ SESSION_RECHECK_SECONDS: '60' }).recheckSeconds).toBe(60);
		for (const bad of ['61', '1e9', '-0.5', 'x', ' '])
			expect(sessionTimeoutsFrom({ SESSION_RECHECK_SECONDS: bad }).recheckSeconds, bad).toBe(5);
	});
});
