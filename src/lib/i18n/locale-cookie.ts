// The language choice lives in one cookie: Paraglide's cookie strategy reads it (vite.config.ts),
// the language switch and the profile write it.
import type { Cookies } from '@sveltejs/kit';

export const LOCALE_COOKIE = 'zs_locale';

export function setLocaleCookie(cookies: Cookies, locale: 'de' | 'en'): void {
	// Readable by the page's script (Paraglide's client runtime); a year, like any preference.
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 365
	});
}
