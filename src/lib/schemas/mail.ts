// The e-mail settings form (profile): per kind "get e-mails" (a checkbox) and when (at once or the
// daily digest). Every kind is in the form; a missing checkbox means off.
import { z } from 'zod';
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
