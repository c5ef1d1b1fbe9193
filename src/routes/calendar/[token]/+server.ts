// A person's private calendar feed (iCalendar), for a phone calendar to subscribe to. The token
// in the URL is the only key; an unknown, revoked or malformed one gets the same 404 (the
// site's own "no such page", in the request's language), which says nothing about whether a
// feed ever existed.
import { m } from '$lib/paraglide/messages.js';
import { feedTokenParam } from '$lib/schemas/calendar';
import { readFeed } from '$lib/server/calendar/feed';
import { renderCalendar } from '$lib/server/calendar/ics';
import { feedTexts } from '$lib/server/calendar/texts';
import type { RequestHandler } from './$types';

const notFound = () =>
	new Response(`${m.error_not_found()}\n`, {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});

export const GET: RequestHandler = async ({ params, locals }) => {
	const token = feedTokenParam.safeParse(params.token);
	if (!token.success) return notFound();
	const feed = await locals.db((tx) => readFeed(tx, token.data));
	if (!feed) return notFound();
	return new Response(renderCalendar(feed.commitments, feedTexts(feed.locale), new Date()), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="zeitspende.ics"',
			// Private to whoever holds the URL: no shared cache may keep it.
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
