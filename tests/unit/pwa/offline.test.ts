// Which posts the service worker and the page treat as a change of person (src/lib/pwa/offline.ts):
// the kept pages go on each; the queue of actions only when the person's time here ends.
import { describe, expect, it } from 'vitest';
import { isSessionChange, isSessionEnd } from '../../../src/lib/pwa/offline.ts';

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
