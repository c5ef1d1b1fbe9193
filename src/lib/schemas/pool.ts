// A coordinator's pool page: invite an address, act on an invitation or a pool member, keep a note.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { emailSchema } from './auth.ts';
import { localeSchema } from './profile.ts';
import { plainText } from './text.ts';

const id = () => z.uuid({ error: () => m.validation_reference() });

export const poolInviteSchema = z.object({ email: emailSchema, locale: localeSchema });
export type PoolInvite = z.infer<typeof poolInviteSchema>;

export const poolInvitationSchema = z.object({ invitationId: id() });

export const poolMemberSchema = z.object({ membershipId: id() });

export const poolNoteSchema = z.object({
	membershipId: id(),
	body: plainText({ multiline: true }).pipe(
		z.string().max(2000, { error: () => m.validation_pool_note() })
	)
});
export type PoolNote = z.infer<typeof poolNoteSchema>;
