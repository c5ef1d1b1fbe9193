// The PostgreSQL pool's size: two connections per core within 4–10, or DATABASE_POOL_SIZE as an
// operator sets it; a value that is no whole number from 1 to 100 stops the start with its name.
import { describe, expect, it } from 'vitest';
import { poolSizeFrom } from '../../../src/lib/server/db/open.ts';

describe('poolSizeFrom', () => {
	it('gives two connections per core, at least 4 and at most 10', () => {
		expect(poolSizeFrom(undefined, 1)).toBe(4);
		expect(poolSizeFrom(undefined, 2)).toBe(4);
		expect(poolSizeFrom(undefined, 3)).toBe(6);
		expect(poolSizeFrom('', 4)).toBe(8);
		expect(poolSizeFrom(undefined, 5)).toBe(10);
		expect(poolSizeFrom(undefined, 64)).toBe(10);
	});

	it('takes DATABASE_POOL_SIZE from 1 to 100 as it is', () => {
		expect(poolSizeFrom('1', 2)).toBe(1);
		expect(poolSizeFrom('25', 2)).toBe(25);
		expect(poolSizeFrom('100', 64)).toBe(100);
	});

	it.each(['0', '101', '-3', '2.5', 'ten', ' '])('refuses %j, naming the setting', (value) => {
		expect(() => poolSizeFrom(value, 2)).toThrow(/DATABASE_POOL_SIZE must be a whole number/);
	});
});
