// Signed one-click unsubscribe tokens: whoever holds the link of a mail may turn that mail's
// kinds off for its recipient, without signing in — and nothing else. HMAC-SHA256 with a key
// derived from AUTH_SECRET; the token carries the person, the kinds and an expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAIL_KINDS, type MailKind } from '../../domain/mail/kinds.ts';

/** A link in a mail keeps working this long (mails are read late). */
export const UNSUBSCRIBE_TTL_DAYS = 180;

const claimsSchema = z.object({
	p: z.uuid(),
	k: z.array(z.enum(MAIL_KINDS)).min(1).max(MAIL_KINDS.length),
	e: z.number().int().positive()
});

export type UnsubscribeCheck =
	{ ok: true; person: string; kinds: MailKind[] } | { ok: false; reason: 'invalid' | 'expired' };

const key = (secret: string) => createHmac('sha256', secret).update('mail-unsubscribe').digest();
const sign = (secret: string, body: string) =>
	createHmac('sha256', key(secret)).update(body).digest('base64url');

export function unsubscribeToken(
	secret: string,
	person: string,
	kinds: MailKind[],
	now: Date = new Date()
): string {
	const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TTL_DAYS * 24 * 60 * 60;
	const body = Buffer.from(JSON.stringify({ p: person, k: kinds, e: expires })).toString(
		'base64url'
	);
	return `${body}.${sign(secret, body)}`;
}

export function checkUnsubscribeToken(
	secret: string,
	token: string | null,
	now: Date = new Date()
): UnsubscribeCheck {
	const [body, signature, ...rest] = (token ?? '').split('.');
	if (!body || !signature || rest.length > 0 || token!.length > 2000)
		return { ok: false, reason: 'invalid' };
	const expected = Buffer.from(sign(secret, body));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		return { ok: false, reason: 'invalid' };
	let claims: z.infer<typeof claimsSchema>;
	try {
		const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString()));
		if (!parsed.success) return { ok: false, reason: 'invalid' };
		claims = parsed.data;
	} catch {
		return { ok: false, reason: 'invalid' };
	}
	if (claims.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
	return { ok: true, person: claims.p, kinds: claims.k };
}

export const unsubscribeUrl = (origin: string, token: string) =>
	`${origin}/unsubscribe?t=${encodeURIComponent(token)}`;
