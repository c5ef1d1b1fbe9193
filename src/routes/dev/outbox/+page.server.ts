import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { authSecret, outboxEnabled, services } from '$lib/server/services';
import { readOutbox } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

// Development only: every mail as it goes out (links to this very site), with its delivery state,
// so sign-in works with no mail server and every mail can be followed.
export const load: PageServerLoad = async ({ url }) => {
	if (!outboxEnabled()) error(404, m.error_not_found());
	const { db } = await services();
	const mails = await readOutbox(db.pool, 50, { origin: url.origin, secret: authSecret() });
	return { mails: mails.map((mail) => ({ ...mail, created_at: mail.created_at.toISOString() })) };
};
