// The certificate's check number: anyone holding the logs can recompute it (SHA-256 over the
// person, the period and one `id:day:hours` line per log, newline-separated), and it changes
// with any one of those, even when the number of logs stays.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceOf } from '../../../src/lib/server/hours/certificate.ts';

const person = '6f1c2f7e-1d2a-4b8e-9c3d-111111111111';
const period = { from: '2026-01-01', to: '2026-06-01' };
const logs = [
	{ id: 'a1', day: '2026-02-03', hours: '1.50' },
	{ id: 'b2', day: '2026-03-04', hours: '2.00' }
];

describe('referenceOf', () => {
	it('is ZS- and the first 12 hex digits of the SHA-256 over its inputs, in groups of four', () => {
		const text = [person, period.from, period.to, 'a1:2026-02-03:1.50', 'b2:2026-03-04:2.00'].join(
			'\n'
		);
		const hex = createHash('sha256').update(text).digest('hex').slice(0, 12).toUpperCase();
		expect(referenceOf(person, period, logs)).toBe(
			`ZS-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`
		);
	});

	it('changes with any one field of one log, the same number of logs counted', () => {
		const first = referenceOf(person, period, logs);
		for (const change of [{ id: 'a9' }, { day: '2026-02-04' }, { hours: '1.75' }])
			expect(referenceOf(person, period, [{ ...logs[0]!, ...change }, logs[1]!])).not.toBe(first);
		expect(referenceOf(person, { ...period, to: '2026-07-01' }, logs)).not.toBe(first);
	});
});
