// GDPR Art. 15/20: everything stored about the signed-in person, as a JSON download.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { exportMyData } from '$lib/server/people/account';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.person) error(401, m.error_signed_out());
	const data = await locals.db((tx) => exportMyData(tx));
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="zeitspende-meine-daten-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
};
