import { fail } from '@sveltejs/kit';
import { authSecret, services } from '$lib/server/services';
import { checkUnsubscribeToken } from '$lib/server/mail/unsubscribe';
import { unsubscribe } from '$lib/server/mail/preferences';
import type { Actions, PageServerLoad } from './$types';

// One-click unsubscribe without signing in: the signed link of a mail turns its kinds off for its
// recipient. Opening the link only asks (mail scanners open links); the button, or a mail
// program's RFC 8058 one-click POST to the same address, does it.
export const load: PageServerLoad = ({ url }) => {
	const check = checkUnsubscribeToken(authSecret(), url.searchParams.get('t'));
	return check.ok
		? { state: 'ready' as const, kinds: check.kinds }
		: { state: check.reason, kinds: [] };
};

export const actions: Actions = {
	default: async ({ url }) => {
		const check = checkUnsubscribeToken(authSecret(), url.searchParams.get('t'));
		if (!check.ok) return fail(400, { state: check.reason });
		const { db } = await services();
		await unsubscribe(db.pool, check.person, check.kinds);
		return { state: 'done' as const, kinds: check.kinds };
	}
};
