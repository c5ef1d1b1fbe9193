import { requirePlatformAdmin } from '$lib/server/onboarding/guard';
import { failedMails } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

// The platform admin sees every mail the sender gave up on, with the reason: nothing fails unseen.
export const load: PageServerLoad = async ({ locals }) => {
	await requirePlatformAdmin(locals);
	const mails = await locals.db(failedMails);
	return {
		mails: mails.map((mail) => ({
			id: mail.id,
			recipient: mail.recipient,
			subject: mail.subject,
			kind: mail.kind,
			attempts: mail.attempts,
			reason: mail.last_error ?? '',
			failedAt: mail.failed_at.toISOString()
		}))
	};
};
