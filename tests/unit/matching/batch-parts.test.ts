// How many parts a plan reads side by side: never every core, at most two, one on PGlite.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { batchParts } from '../../../src/lib/server/matching/batch.ts';

describe('batchParts', () => {
	it('leaves a core to other requests: one part on one or two cores, two from three on', () => {
		expect([1, 2, 3, 4, 16].map((cores) => batchParts('postgres', cores))).toEqual([1, 1, 2, 2, 2]);
	});

	it('reads in one part on PGlite, which serves one connection', () => {
		expect(batchParts('pglite', 16)).toBe(1);
	});

	it("counts this machine's cores when not told", () => {
		expect(batchParts('postgres')).toBe(batchParts('postgres', availableParallelism()));
	});
});
