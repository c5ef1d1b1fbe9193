// The cross-site form check as a hook (src/lib/server/csrf.ts): off, it lets everything through;
// on, a cross-site form post is answered 403 (JSON to a JSON client, text otherwise) and logged
// with its path and origin before any action runs; the media type is read like Kit reads it.
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { csrfGuard, isCrossSiteFormPost } from '../../../src/lib/server/csrf.ts';
import { captureRefusals } from '../../support/refusals.ts';

const SITE = 'https://zeitspende.test';
const FORM = 'application/x-www-form-urlencoded';

const refusals = captureRefusals();

const run = async (enabled: boolean, headers: Record<string, string>, method = 'POST') => {
	const request = new Request(SITE + '/profile', { method, headers });
	let reached = false;
	const response = await csrfGuard(enabled)({
		event: { request, url: new URL(request.url) } as unknown as RequestEvent,
		resolve: async () => {
			reached = true;
			return new Response('action');
		}
	} as Parameters<ReturnType<typeof csrfGuard>>[0]);
	return { response, reached };
};

describe('the cross-site form guard', () => {
	it('refuses a cross-site form post with 403 in plain text, before the action', async () => {
		const { response, reached } = await run(true, {
			'content-type': FORM,
			origin: 'https://evil.test'
		});
		expect(reached).toBe(false);
		expect(response.status).toBe(403);
		expect(await response.text()).toBe('Cross-site POST form submissions are forbidden');
	});

	it('answers a JSON client in JSON, naming the method', async () => {
		const { response, reached } = await run(
			true,
			{ 'content-type': FORM, accept: 'application/json' },
			'DELETE'
		);
		expect(reached).toBe(false);
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({
			message: 'Cross-site DELETE form submissions are forbidden'
		});
	});

	it('logs the path and the origin (or its absence), not a person', async () => {
		await run(true, { 'content-type': FORM, origin: 'https://evil.test' });
		await run(true, { 'content-type': FORM });
		const logged = refusals();
		expect(logged).toEqual([
			expect.objectContaining({
				event: 'access_refused',
				person: null,
				what: 'cross-site form post to /profile from https://evil.test'
			}),
			expect.objectContaining({ what: 'cross-site form post to /profile from no origin' })
		]);
	});

	it('passes our own forms and reads on, logging nothing', async () => {
		const own = await run(true, { 'content-type': FORM, origin: SITE });
		expect(own.reached).toBe(true);
		expect(await own.response.text()).toBe('action');
		const read = await run(true, {}, 'GET');
		expect(read.reached).toBe(true);
		expect(refusals()).toEqual([]);
	});

	it('lets everything through when turned off', async () => {
		const { response, reached } = await run(false, {
			'content-type': FORM,
			origin: 'https://evil.test'
		});
		expect(reached).toBe(true);
		expect(response.status).toBe(200);
		expect(refusals()).toEqual([]);
	});

	it('reads the media type without its parameters, blanks or case', () => {
		const check = (type: string) =>
			isCrossSiteFormPost(
				new Request(SITE + '/profile', { method: 'POST', headers: { 'content-type': type } }),
				new URL(SITE + '/profile')
			);
		expect(check('Application/X-WWW-Form-Urlencoded')).toBe(true);
		expect(check('application/x-www-form-urlencoded ; charset=utf-8')).toBe(true);
		expect(check('TEXT/PLAIN;charset=UTF-8')).toBe(true);
		expect(check('application/json; charset=utf-8')).toBe(false);
	});
});
