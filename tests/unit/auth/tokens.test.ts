import { describe, expect, it } from 'vitest';
import { hashCode, newCode, sameHash } from '../../../src/lib/server/auth/tokens.ts';

describe('sign-in tokens', () => {
	it('codes are always six digits, small ones zero-padded', () => {
		// One code in ten is below 100000: 300 draws all at or above it has odds of 1e-14.
		const codes = Array.from({ length: 300 }, newCode);
		expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
		expect(codes.some((c) => c.startsWith('0'))).toBe(true);
	});

	it('hashes of different lengths are unequal instead of throwing', () => {
		const h = hashCode('s', 'a@example.org', '123456');
		expect(sameHash(h, h)).toBe(true);
		expect(sameHash(h, h.slice(0, 32))).toBe(false);
		expect(sameHash(h, hashCode('s', 'a@example.org', '123457'))).toBe(false);
	});
});
