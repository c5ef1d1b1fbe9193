// turnTaker: a long loop lets the event loop run once its slice of work has passed, not before.
import { describe, expect, it } from 'vitest';
import { turnTaker } from '../../../src/lib/server/turns.ts';

/** Work that keeps the thread busy for `ms`. */
const busy = (ms: number) => {
	const until = performance.now() + ms;
	while (performance.now() < until);
};

/** Runs 40 steps of 1 ms, awaiting `turn` after each; counts the other callbacks that ran meanwhile. */
async function othersDuring(turn: () => Promise<void> | undefined): Promise<number> {
	let others = 0;
	let running = true;
	const tick = () => {
		if (!running) return;
		others++;
		setImmediate(tick);
	};
	setImmediate(tick);
	for (let i = 0; i < 40; i++) {
		busy(1);
		await turn();
	}
	running = false;
	return others;
}

describe('turnTaker', () => {
	it('gives the event loop a turn once its slice has passed', async () => {
		// 40 ms of work in slices of 5 ms: a turn after about every fifth step, not after each.
		const others = await othersDuring(turnTaker(5));
		expect(others).toBeGreaterThanOrEqual(3);
		expect(others).toBeLessThan(40);
	});

	it('gives none while the slice lasts', async () => {
		expect(await othersDuring(turnTaker(10_000))).toBe(0);
	});

	it('waits for nothing before the slice has passed', () => {
		expect(turnTaker(10_000)()).toBeUndefined();
	});
});
