// The guard before every form action (src/lib/server/http/form-body.ts): wrong content types,
// broken, truncated, oversized and badly encoded bodies and NUL are the client's mistakes (4xx).
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import {
	checkFormBody,
	formBodyGuard,
	hasNulInAddress,
	isCheckedWrite,
	MAX_FORM_BYTES,
	refusal
} from '../../../src/lib/server/http/form-body.ts';

const URL_ = 'http://localhost/suggest?/suggest';
const post = (type: string | null, body: BodyInit, headers: Record<string, string> = {}) =>
	new Request(URL_, {
		method: 'POST',
		headers: { ...(type ? { 'content-type': type } : {}), ...headers },
		body
	});
const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data; boundary=XyZ';
const multipart = (value: string | Uint8Array) => {
	const head = '--XyZ\r\nContent-Disposition: form-data; name="body"\r\n\r\n';
	const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
	return new Uint8Array([
		...new TextEncoder().encode(head),
		...bytes,
		...new TextEncoder().encode('\r\n--XyZ--\r\n')
	]);
};

const problem = async (request: Request) => {
	const checked = await checkFormBody(request);
	return checked.ok ? 'ok' : checked.problem;
};

describe('form bodies', () => {
	it('passes a good urlencoded or multipart form on, readable once more', async () => {
		const checked = await checkFormBody(post(URLENCODED, 'body=Hallo+%C3%BC&x=1'));
		expect(checked.ok).toBe(true);
		if (checked.ok) expect((await checked.request.formData()).get('body')).toBe('Hallo ü');
		const multi = await checkFormBody(post(MULTIPART, multipart('Grüße\nund Zeilen')));
		expect(multi.ok).toBe(true);
		if (multi.ok) expect((await multi.request.formData()).get('body')).toBe('Grüße\nund Zeilen');
	});

	it('refuses other types with 415', async () => {
		expect(await problem(post('text/plain', 'body=x'))).toBe('type');
		expect(await problem(post(null, 'body=x'))).toBe('type');
		expect(await problem(post('application/xml', '<a/>'))).toBe('type');
	});

	it('refuses broken and truncated multipart', async () => {
		const whole = multipart('Text');
		expect(await problem(post(MULTIPART, whole.slice(0, whole.length - 12)))).toBe('broken');
		expect(await problem(post('multipart/form-data', whole))).toBe('broken'); // no boundary
		expect(await problem(post(MULTIPART, 'garbage'))).toBe('broken');
	});

	it('refuses NUL in a value or a name, plainly or percent-encoded', async () => {
		expect(await problem(post(URLENCODED, 'body=a%00b'))).toBe('characters');
		expect(await problem(post(URLENCODED, 'bo%00dy=ab'))).toBe('characters');
		expect(await problem(post(MULTIPART, multipart('a\0b')))).toBe('characters');
		// Other control characters are the fields' business (their schemas), not an encoding fault.
		expect(await problem(post(URLENCODED, 'body=a%01%1Fb'))).toBe('ok');
	});

	it('refuses text that is not UTF-8 (a lone surrogate, a cut sequence)', async () => {
		expect(await problem(post(URLENCODED, 'body=%ED%A0%80'))).toBe('characters');
		expect(await problem(post(URLENCODED, 'body=%C3'))).toBe('characters');
		expect(await problem(post(MULTIPART, multipart(Uint8Array.from([0xed, 0xa0, 0x80]))))).toBe(
			'characters'
		);
		expect(await problem(post(URLENCODED, 'body=%F0%9F%98%80'))).toBe('ok'); // an emoji
	});

	it('refuses bodies over the limit, by their length or by what arrives', async () => {
		const big = 'body=' + 'a'.repeat(MAX_FORM_BYTES);
		expect(await problem(post(URLENCODED, big))).toBe('too_large');
		expect(
			await problem(post(URLENCODED, 'body=a', { 'content-length': String(MAX_FORM_BYTES + 1) }))
		).toBe('too_large');
		expect(await problem(post(URLENCODED, 'body=' + 'a'.repeat(100_000)))).toBe('ok');
	});

	it('refuses a body that breaks off while it is read', async () => {
		const stream = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('body=a'));
				controller.error(new Error('aborted'));
			}
		});
		const request = new Request(URL_, {
			method: 'POST',
			headers: { 'content-type': URLENCODED },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(await problem(request)).toBe('broken');
	});

	it('checks writes only, and leaves JSON to endpoints', () => {
		expect(isCheckedWrite(new Request(URL_))).toBe(false);
		expect(isCheckedWrite(post('application/json', '{}'))).toBe(false);
		expect(isCheckedWrite(post('text/plain', 'x'))).toBe(true);
		expect(isCheckedWrite(new Request(URL_, { method: 'DELETE' }))).toBe(true);
	});

	it('finds NUL in the query or a route parameter', () => {
		expect(hasNulInAddress(new URL('http://localhost/needs?q=a%00'), {})).toBe(true);
		expect(hasNulInAddress(new URL('http://localhost/needs'), { needId: 'a\0' })).toBe(true);
		expect(hasNulInAddress(new URL('http://localhost/needs?q=a'), { needId: 'b' })).toBe(false);
	});
});

describe('the answer', () => {
	it('is an action error in JSON for enhanced forms, in German by default', async () => {
		const response = refusal(
			post('text/plain', 'x', { 'x-sveltekit-action': 'true', accept: 'application/json' }),
			'type'
		);
		expect(response.status).toBe(415);
		expect(await response.json()).toEqual({
			type: 'error',
			error: { message: 'Dieses Formular muss als Formular gesendet werden.' }
		});
	});

	it('is short plain text otherwise', async () => {
		const response = refusal(post(MULTIPART, 'x'), 'broken');
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toContain('text/plain');
		expect(await response.text()).toMatch(/^Das Formular kam unvollständig/);
	});

	it('stops before the action, or hands it the body to read', async () => {
		let reached: Request | undefined;
		const resolve = async (event: RequestEvent) => {
			reached = event.request;
			return new Response('ok');
		};
		const run = (request: Request) =>
			formBodyGuard({
				event: { request, url: new URL(request.url), params: {} } as unknown as RequestEvent,
				resolve
			} as Parameters<typeof formBodyGuard>[0]);
		const refused = await run(post(MULTIPART, multipart('x').slice(0, 20)));
		expect(refused.status).toBe(400);
		expect(reached).toBeUndefined();
		const passed = await run(post(URLENCODED, 'body=ok'));
		expect(passed.status).toBe(200);
		expect((await reached!.formData()).get('body')).toBe('ok');
	});
});
