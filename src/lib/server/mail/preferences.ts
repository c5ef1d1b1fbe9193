// A person's e-mail settings (public.mail_preferences, their own rows by RLS) and the one-click
// unsubscribe, which the server runs as the system once the link's signature is checked.
import type pg from 'pg';
import { asSystem, type Tx } from '../db/person.ts';
import { DIGEST_BY_DEFAULT, MAIL_KINDS, type MailKind } from '../../domain/mail/kinds.ts';
import type { MailPreference } from '../../schemas/mail.ts';

/** Every kind with the person's choice, or the default (on; digest for the digest kinds). */
export async function readMailPreferences(tx: Tx): Promise<MailPreference[]> {
	const { rows } = await tx.query<MailPreference>(
		'select kind, enabled, digest from public.mail_preferences'
	);
	const chosen = new Map(rows.map((r) => [r.kind, r]));
	return MAIL_KINDS.map(
		(kind) => chosen.get(kind) ?? { kind, enabled: true, digest: DIGEST_BY_DEFAULT.includes(kind) }
	);
}

export async function saveMailPreferences(
	tx: Tx,
	personId: string,
	preferences: MailPreference[]
): Promise<void> {
	for (const p of preferences) {
		await tx.query(
			`insert into public.mail_preferences (person_id, kind, enabled, digest) values ($1, $2, $3, $4)
			 on conflict (person_id, kind) do update
			 set enabled = excluded.enabled, digest = excluded.digest, updated_at = now()`,
			[personId, p.kind, p.enabled, p.digest]
		);
	}
}

/** Turns the kinds off for the person of a checked unsubscribe link. */
export function unsubscribe(pool: pg.Pool, personId: string, kinds: MailKind[]): Promise<void> {
	return asSystem(pool, async (tx) => {
		await tx.query('select private.unsubscribe_mail($1, $2)', [personId, kinds]);
	});
}
