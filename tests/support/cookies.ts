// An in-memory cookie jar with SvelteKit's Cookies interface, for driving auth adapters
// in tests without an HTTP server.
import type { Cookies } from '@sveltejs/kit';

export interface CookieJar extends Cookies {
	/** What the last set() put in place, with its options (httpOnly, secure, …). */
	options: Map<string, Record<string, unknown>>;
}

export function cookieJar(initial: Record<string, string> = {}): CookieJar {
	const values = new Map(Object.entries(initial));
	const options = new Map<string, Record<string, unknown>>();
	return {
		options,
		get: (name) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name, value, opts) => {
			values.set(name, value);
			options.set(name, { ...opts });
		},
		delete: (name) => {
			values.delete(name);
			options.delete(name);
		},
		serialize: (name, value) => `${name}=${value}`
	};
}
