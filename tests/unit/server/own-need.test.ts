// ownNeed (src/lib/server/organisations/guard.ts): a coordinator's need pages show only their own
// organisation's need; no need and another organisation's get the same 404, and only the second
// is logged as a refused attempt.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { ownNeed } from '../../../src/lib/server/organisations/guard.ts';
import { captureRefusals } from '../../support/refusals.ts';

const logged = captureRefusals();
const mine = '00000000-0000-4000-8000-0000000000a1';
const theirs = '00000000-0000-4000-8000-0000000000b1';
const need = { id: '00000000-0000-4000-8000-0000000000c1', organisationId: theirs, title: 'x' };

/** The status ownNeed answers with, or 'passed'. */
function statusOf(work: () => unknown): number | 'passed' {
	try {
		work();
		return 'passed';
	} catch (error) {
		if (isHttpError(error)) return error.status;
		throw error;
	}
}

describe('ownNeed', () => {
	it("passes the organisation's own need through", () => {
		expect(ownNeed(need, theirs)).toBe(need);
		expect(logged()).toEqual([]);
	});

	it("answers another organisation's need as no need, and logs only that", () => {
		expect(statusOf(() => ownNeed(null, mine))).toBe(404);
		expect(statusOf(() => ownNeed(undefined, mine))).toBe(404);
		expect(logged()).toEqual([]);
		expect(statusOf(() => ownNeed(need, mine))).toBe(404);
		expect(logged()).toMatchObject([
			{
				event: 'access_refused',
				what: `need ${need.id} of another organisation on the pages of ${mine}`
			}
		]);
	});
});
