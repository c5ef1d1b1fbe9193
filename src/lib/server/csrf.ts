// SvelteKit's cross-site form check, with one exception: the one-click unsubscribe. Mail programs
// POST to a mail's List-Unsubscribe address (RFC 8058) from their own servers, without an Origin
// header, which Kit's built-in check refuses for every route; there the signed token is the
// authority, and the POST changes nothing but that token's own setting. svelte.config.js turns
// Kit's check off (trustedOrigins: ['*']) so that this one, the same everywhere else, applies.
import type { Handle } from '@sveltejs/kit';
import { logRefusal } from './http/refusals.ts';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Paths a form may be posted to from anywhere. */
export const CROSS_SITE_FORM_PATHS = ['/unsubscribe'];

export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	return (
		WRITES.includes(request.method) &&
		FORM_TYPES.includes(type) &&
		request.headers.get('origin') !== url.origin &&
		!CROSS_SITE_FORM_PATHS.includes(url.pathname)
	);
}

export function csrfGuard(enabled: boolean): Handle {
	return ({ event, resolve }) => {
		if (enabled && isCrossSiteFormPost(event.request, event.url)) {
			const message = `Cross-site ${event.request.method} form submissions are forbidden`;
			// Before the session is read: the log line names the path and the origin, not a person.
			logRefusal(
				`cross-site form post to ${event.url.pathname} from ${event.request.headers.get('origin') ?? 'no origin'}`
			);
			return event.request.headers.get('accept') === 'application/json'
				? Response.json({ message }, { status: 403 })
				: new Response(message, { status: 403 });
		}
		return resolve(event);
	};
}
