import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/schemas/form';
import { CLEAR_SITE_DATA } from '$lib/server/http/headers';
import { deleteMyAccount } from '$lib/server/people/account';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

// Deleting cannot be undone: the person ticks that they understand it, in the same form.
const deleteSchema = z.object({
	confirm: z.literal('yes', { error: () => m.data_delete_confirm_required() })
});

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	delete: async ({ request, locals, cookies, setHeaders }) => {
		if (!locals.person) return fail(401, { error: m.error_signed_out() });
		const parsed = parseForm(deleteSchema, await request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		await locals.db((tx) => deleteMyAccount(tx));
		// The sessions went with the account: this server forgets them, and the cookie goes.
		const { auth } = await services();
		auth.forgetSessionsOf(locals.person.id);
		await auth.signOut(cookies).catch(() => undefined);
		// Nothing of the person stays on this device either (kept pages, queued actions).
		setHeaders(CLEAR_SITE_DATA);
		redirect(303, '/?deleted=1');
	}
};
