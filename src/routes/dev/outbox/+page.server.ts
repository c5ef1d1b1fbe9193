import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { outboxEnabled, services } from '$lib/server/services';
import { readOutbox } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

// Development only: shows the mails the app would have sent, so sign-in works with no mail server.
export const load: PageServerLoad = async () => {
	if (!outboxEnabled()) error(404, m.error_not_found());
	const { db } = await services();
	const mails = await readOutbox(db.pool);
	return { mails: mails.map((mail) => ({ ...mail, created_at: mail.created_at.toISOString() })) };
};
