// The monthly check-in's one-click answers: signed links (HMAC-SHA256, a key derived from
// AUTH_SECRET apart from the unsubscribe key) naming the match, its helper, the month and the
// answer. Opening one asks; the button records the first answer (private.answer_check_in).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { asSystem } from '../db/person.ts';

export const CHECK_IN_ANSWERS = ['fine', 'concern', 'ended'] as const;
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number];

const claimsSchema = z.object({
	m: z.uuid(),
	h: z.uuid(),
	d: z.iso.date(),
	a: z.enum(CHECK_IN_ANSWERS)
});
export type CheckIn = { match: string; helper: string; month: string; answer: CheckInAnswer };

const sign = (secret: string, body: string) =>
	createHmac('sha256', createHmac('sha256', secret).update('mail-check-in').digest())
		.update(body)
		.digest('base64url');

export function checkInToken(secret: string, c: CheckIn): string {
	const body = Buffer.from(
		JSON.stringify({ m: c.match, h: c.helper, d: c.month, a: c.answer })
	).toString('base64url');
	return `${body}.${sign(secret, body)}`;
}

/** The check-in a link answers, or null for a forged, altered or malformed one. */
export function checkCheckInToken(secret: string, token: string | null): CheckIn | null {
	const [body, signature, ...rest] = (token ?? '').split('.');
	if (!body || !signature || rest.length > 0 || (token ?? '').length > 1000) return null;
	const expected = Buffer.from(sign(secret, body));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	try {
		const c = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString()));
		return { match: c.m, helper: c.h, month: c.d, answer: c.a };
	} catch {
		return null;
	}
}

/** Records the answer; false when the check-in was answered before (or is not this helper's). */
export function answerCheckIn(pool: pg.Pool, c: CheckIn): Promise<boolean> {
	return asSystem(pool, async (tx) => {
		const { rows } = await tx.query<{ ok: boolean }>(
			'select private.answer_check_in($1, $2, $3, $4) as ok',
			[c.match, c.helper, c.month, c.answer]
		);
		return rows[0]?.ok === true;
	});
}
