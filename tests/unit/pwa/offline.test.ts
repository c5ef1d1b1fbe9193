// Which posts the service worker and the page treat as a change of person (src/lib/pwa/offline.ts):
// the kept pages go on each; the queue of actions only when the person's time here ends. And how
// long a kept page is shown: no longer than the session's idle time-out.
import { describe, expect, it } from 'vitest';
import {
	isFresh,
	isSessionChange,
	isSessionEnd,
	KEEP_SECONDS_HEADER,
	stamped
} from '../../../src/lib/pwa/offline.ts';

const at = (path: string) => new URL(path, 'https://zeitspende.example');

describe('session changes', () => {
	it('signing out, here or everywhere, and deleting the account end the person’s time here', () => {
		for (const path of ['/sign-out', '/profile/data?/delete']) {
			expect(isSessionEnd(at(path)), path).toBe(true);
			expect(isSessionChange(at(path)), path).toBe(true);
		}
	});

	it('signing in changes the person but keeps the queue (an expired session’s, sent afterwards)', () => {
		for (const path of ['/sign-in?/verify', '/sign-in?/request']) {
			expect(isSessionChange(at(path)), path).toBe(true);
			expect(isSessionEnd(at(path)), path).toBe(false);
		}
	});

	it('other posts, even on the data page, change nobody', () => {
		for (const path of ['/profile/data', '/profile?/save', '/hours?/log', '/matches?/accept'])
			expect(isSessionChange(at(path)), path).toBe(false);
	});
});

describe('how long a kept page is shown', () => {
	const HOUR = 3_600_000;
	const keptAt = Date.UTC(2026, 10, 30, 12);
	const page = (headers: Record<string, string>) =>
		new Response('<h1>Meine Vermittlungen</h1>', { status: 200, headers });
	// The server's idle time-out: 7 days.
	const kept = stamped(
		page({ [KEEP_SECONDS_HEADER]: String(7 * 24 * 3600), 'content-type': 'text/html' }),
		keptAt
	);

	it('the kept copy is the page as it came, with when it was kept', async () => {
		expect(kept.status).toBe(200);
		expect(kept.headers.get('content-type')).toBe('text/html');
		expect(await kept.text()).toBe('<h1>Meine Vermittlungen</h1>');
	});

	it('is shown up to the idle time-out after it was kept, and not a moment later', () => {
		expect(isFresh(kept, keptAt)).toBe(true);
		expect(isFresh(kept, keptAt + 7 * 24 * HOUR)).toBe(true);
		expect(isFresh(kept, keptAt + 7 * 24 * HOUR + 1)).toBe(false);
	});

	it('is not shown without the server’s time-out, without a stamp, or with the clock turned back', () => {
		expect(isFresh(stamped(page({}), keptAt), keptAt)).toBe(false);
		expect(isFresh(page({ [KEEP_SECONDS_HEADER]: '3600' }), keptAt)).toBe(false);
		expect(isFresh(stamped(page({ [KEEP_SECONDS_HEADER]: 'x' }), keptAt), keptAt)).toBe(false);
		expect(isFresh(kept, keptAt - 1)).toBe(false);
	});
});
