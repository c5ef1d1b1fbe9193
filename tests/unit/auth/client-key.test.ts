import { describe, expect, it } from 'vitest';
import { clientHash, clientKey } from '../../../src/lib/server/auth/client-key.ts';

describe('the client of a sign-in request', () => {
	it('is an IPv4 address as it is, also when mapped into IPv6', () => {
		expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
		expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
	});

	it('is the /64 of an IPv6 address, however it is written', () => {
		expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(clientKey('::1')).toBe('0:0:0:0::/64');
		expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(clientKey('2001:db8:1:3::1')).not.toBe(clientKey('2001:db8:1:2::1'));
	});

	it('is stored only as a keyed hash', () => {
		const h = clientHash('s', '2001:db8:1:2::1');
		expect(h).toMatch(/^[0-9a-f]{64}$/);
		expect(h).toBe(clientHash('s', '2001:db8:1:2:aaaa::9'));
		expect(h).not.toBe(clientHash('t', '2001:db8:1:2::1'));
		expect(clientHash('s', '203.0.113.9')).not.toBe(clientHash('s', '203.0.113.10'));
	});
});
