// The e-mail settings form (profile): per kind "get e-mails" (a checkbox) and when (at once or the
// daily digest). Every kind is in the form; a missing checkbox means off.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { plainText } from './text.ts';
import { MAIL_KINDS, type MailKind } from '../domain/mail/kinds.ts';

export interface MailPreference {
	kind: MailKind;
	enabled: boolean;
	digest: boolean;
}

const timing = z.enum(['instant', 'digest']);

export function parseMailPreferences(
	data: FormData
): { ok: true; value: MailPreference[] } | { ok: false } {
	const value: MailPreference[] = [];
	for (const kind of MAIL_KINDS) {
		const when = timing.safeParse(data.get(`${kind}.timing`));
		const on = data.get(`${kind}.on`);
		if (!when.success || (on !== null && on !== 'on')) return { ok: false };
		value.push({ kind, enabled: on === 'on', digest: when.data === 'digest' });
	}
	return { ok: true, value };
}

/** A coordinator's message to the helpers of the pool (no need) or of one need. */
export const helperMessageSchema = z.object({
	needId: z.union([z.literal(''), z.uuid({ error: () => m.validation_reference() })]),
	subject: plainText().pipe(
		z
			.string()
			.min(3, { error: () => m.mail_message_subject_invalid() })
			.max(120, {
				error: () => m.mail_message_subject_invalid()
			})
	),
	text: plainText({ multiline: true }).pipe(
		z
			.string()
			.min(10, { error: () => m.mail_message_text_invalid() })
			.max(4000, {
				error: () => m.mail_message_text_invalid()
			})
	)
});
export type HelperMessage = z.infer<typeof helperMessageSchema>;
