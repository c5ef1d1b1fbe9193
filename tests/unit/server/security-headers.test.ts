// The security headers on every answer (src/lib/server/http/headers.ts) and the policy that
// SvelteKit sends with every page (kit.csp in svelte.config.js).
import { describe, expect, it } from 'vitest';
import config from '../../../svelte.config.js';
import {
	HSTS,
	isPersonal,
	securityHeaders,
	withSecurityHeaders
} from '../../../src/lib/server/http/headers.ts';

type Event = Parameters<typeof isPersonal>[0];
const event = (routeId: string | null, person: boolean, method = 'GET'): Event =>
	({
		locals: { person: person ? { id: 'p', email: 'p@example.org' } : null },
		route: { id: routeId },
		request: new Request('http://localhost/', { method })
	}) as unknown as Event;

describe('security headers', () => {
	it('sends nosniff, a same-origin referrer policy and no framing on every answer', () => {
		const headers = securityHeaders({ https: false, personal: false });
		expect(headers).toEqual({
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'x-frame-options': 'DENY'
		});
	});

	it('sends HSTS only over https', () => {
		expect(securityHeaders({ https: true, personal: false })['strict-transport-security']).toBe(
			HSTS
		);
		expect(securityHeaders({ https: false, personal: true })).not.toHaveProperty(
			'strict-transport-security'
		);
	});

	it('forbids storing personal answers anywhere', () => {
		expect(securityHeaders({ https: true, personal: true })['cache-control']).toBe('no-store');
		expect(securityHeaders({ https: true, personal: false })).not.toHaveProperty('cache-control');
	});

	it('counts signed-in pages, token links and every form post as personal', () => {
		expect(isPersonal(event('/', false))).toBe(false);
		expect(isPersonal(event('/towns/[municipalityId]', false))).toBe(false);
		expect(isPersonal(event('/', true))).toBe(true);
		expect(isPersonal(event('/calendar/[token]', false))).toBe(true);
		expect(isPersonal(event('/check-in', false))).toBe(true);
		expect(isPersonal(event('/unsubscribe', false))).toBe(true);
		expect(isPersonal(event('/sign-in', false, 'POST'))).toBe(true);
		expect(isPersonal(event('/', false, 'HEAD'))).toBe(false);
	});

	it('sets them on an answer, copying one whose headers cannot change', async () => {
		const plain = withSecurityHeaders(new Response('x'), { https: true, personal: true });
		expect(plain.headers.get('cache-control')).toBe('no-store');
		// A fetched answer's headers are immutable: the copy keeps status and body.
		const frozen = Response.redirect('http://localhost/elsewhere', 303);
		const copy = withSecurityHeaders(frozen, { https: false, personal: false });
		expect(copy.status).toBe(303);
		expect(copy.headers.get('location')).toBe('http://localhost/elsewhere');
		expect(copy.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('content security policy (kit.csp)', () => {
	const csp = config.kit?.csp;
	const directives = csp?.directives ?? {};

	it('uses nonces on rendered pages and hashes on prerendered ones', () => {
		expect(csp?.mode).toBe('auto');
	});

	it('forbids plugins, <base> and framing by anyone', () => {
		expect(directives['object-src']).toEqual(['none']);
		expect(directives['base-uri']).toEqual(['none']);
		expect(directives['frame-ancestors']).toEqual(['none']);
	});

	it('allows scripts and style elements from the site only (Kit adds its nonce)', () => {
		expect(directives['default-src']).toEqual(['self']);
		expect(directives['script-src']).toEqual(['self']);
		expect(directives['style-src']).toEqual(['self']);
		for (const name of ['script-src', 'style-src', 'default-src'] as const)
			expect(directives[name], name).not.toContain('unsafe-inline');
		expect(directives['form-action']).toEqual(['self']);
	});
});
