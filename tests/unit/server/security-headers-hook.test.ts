// The security-headers hook (src/lib/server/http/headers.ts) on the answer the route gave: HSTS
// by the request's protocol, no-store by whether the answer is personal, the rest always.
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { HSTS, securityHeadersHandle } from '../../../src/lib/server/http/headers.ts';

const run = (address: string, routeId: string | null, method = 'GET', person = false) => {
	const request = new Request(address, { method });
	return securityHeadersHandle({
		event: {
			request,
			url: new URL(address),
			route: { id: routeId },
			locals: { person: person ? { id: 'p' } : null }
		} as unknown as RequestEvent,
		resolve: async () => new Response('page', { status: 201, headers: { 'x-own': '1' } })
	} as Parameters<typeof securityHeadersHandle>[0]);
};

describe('the security headers hook', () => {
	it('sends HSTS over https, with the answer as the route gave it', async () => {
		const response = await run('https://zeitspende.test/', '/');
		expect(response.status).toBe(201);
		expect(await response.text()).toBe('page');
		expect(Object.fromEntries(response.headers)).toEqual({
			'content-type': 'text/plain;charset=UTF-8',
			'x-own': '1',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'x-frame-options': 'DENY',
			'strict-transport-security': HSTS
		});
		expect(HSTS).toBe('max-age=31536000; includeSubDomains');
	});

	it('sends no HSTS over plain http', async () => {
		const response = await run('http://localhost/', '/');
		expect(response.headers.get('strict-transport-security')).toBeNull();
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('cache-control')).toBeNull();
	});

	it('forbids storing a personal answer: a token link, a signed-in page, a form post', async () => {
		for (const [route, method, person] of [
			['/check-in', 'GET', false],
			['/', 'GET', true],
			['/sign-in', 'POST', false]
		] as const) {
			const response = await run('https://zeitspende.test/x', route, method, person);
			expect(response.headers.get('cache-control'), route).toBe('no-store');
		}
		const outside = await run('https://zeitspende.test/x', null);
		expect(outside.headers.get('cache-control')).toBeNull();
	});
});
