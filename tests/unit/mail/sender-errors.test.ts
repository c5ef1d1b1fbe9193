// How the mail sender reads a failed delivery (src/lib/server/mail/sender.ts): an SMTP 5xx answer
// is permanent (no retry), anything else is tried again; what the outbox keeps of the reason.
import { describe, expect, it } from 'vitest';
import { isPermanent, reasonOf } from '../../../src/lib/server/mail/sender.ts';

const smtp = (responseCode: unknown) => Object.assign(new Error('smtp'), { responseCode });

describe('a failed delivery', () => {
	it('is permanent for an SMTP 5xx answer only', () => {
		for (const code of [500, 550, 599]) expect(isPermanent(smtp(code)), String(code)).toBe(true);
		for (const code of [421, 450, 499, 600, '550', null, undefined])
			expect(isPermanent(smtp(code)), String(code)).toBe(false);
		expect(isPermanent(new Error('ECONNREFUSED'))).toBe(false);
		expect(isPermanent(null)).toBe(false);
		expect(isPermanent('550 no such user')).toBe(false);
	});

	it('keeps the message, cut at 1 000 characters, or says it is unknown', () => {
		expect(reasonOf(new Error('550 no such user'))).toBe('550 no such user');
		expect(reasonOf('refused')).toBe('refused');
		expect(reasonOf(new Error(''))).toBe('unknown error');
		expect(reasonOf(new Error('x'.repeat(1500)))).toBe('x'.repeat(1000));
	});
});
