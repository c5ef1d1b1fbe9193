// Security headers on every answer the app makes (hooks.server.ts). The Content-Security-Policy
// itself is SvelteKit's (kit.csp in svelte.config.js: a nonce per rendered page); this adds what
// Kit does not send. Static files and /_app/immutable are served before the hooks run and carry
// none of these, but nothing personal is among them.
import type { Handle, RequestEvent } from '@sveltejs/kit';

/** Routes that show one person's data through a token in the link, signed in or not. */
const TOKEN_ROUTES = ['/calendar/[token]', '/check-in', '/unsubscribe'];

export interface HeaderContext {
	/** The request reached us over https (adapter-node: ORIGIN or PROTOCOL_HEADER says so). */
	https: boolean;
	/** The answer concerns one person: signed in, a personal token link, or a form's result. */
	personal: boolean;
}

/** One year; browsers then refuse plain http to this host (sent over https only, as RFC 6797 says). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Sent with the answer to sign-out and to deleting the account: the browser drops what this site
 * keeps on the device — the service worker's kept pages and the queue of actions (IndexedDB),
 * even where no worker ran the clearing itself. "storage" unregisters the service worker as well,
 * on purpose: only "storage" reaches those two, and the next page registers the worker again.
 */
export const CLEAR_SITE_DATA = { 'clear-site-data': '"cache", "storage"' } as const;

export function securityHeaders({ https, personal }: HeaderContext): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		// Same-origin requests keep their Referer (and their Origin, which the CSRF check reads);
		// other sites learn nothing of the page a link was followed from.
		'referrer-policy': 'same-origin',
		// CSP frame-ancestors 'none' says the same to browsers that know it; this is for the others.
		'x-frame-options': 'DENY'
	};
	if (https) headers['strict-transport-security'] = HSTS;
	if (personal) headers['cache-control'] = 'no-store';
	return headers;
}

export function isPersonal(event: Pick<RequestEvent, 'locals' | 'route' | 'request'>): boolean {
	return (
		!!event.locals.person ||
		!['GET', 'HEAD'].includes(event.request.method) ||
		// Stryker disable next-line StringLiteral: no route id is in the list, whatever stands for it
		TOKEN_ROUTES.includes(event.route.id ?? '')
	);
}

/** Sets the headers on the answer; an answer with immutable headers is copied first. */
export function withSecurityHeaders(response: Response, context: HeaderContext): Response {
	const headers = Object.entries(securityHeaders(context));
	try {
		for (const [name, value] of headers) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of headers) copy.headers.set(name, value);
		return copy;
	}
}

export const securityHeadersHandle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return withSecurityHeaders(response, {
		https: event.url.protocol === 'https:',
		personal: isPersonal(event)
	});
};
