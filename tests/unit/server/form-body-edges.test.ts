// The form-body guard at its edges (src/lib/server/http/form-body.ts): each problem's status and
// message, the size limit to the byte, the media type as Kit reads it, percent-encoding checked
// as bytes in urlencoded bodies only, file fields, and the guard as a hook.
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import {
	checkFormBody,
	formBodyGuard,
	hasNulInAddress,
	isCheckedWrite,
	MAX_FORM_BYTES,
	problemMessage,
	problemStatus,
	refusal,
	type BodyProblem
} from '../../../src/lib/server/http/form-body.ts';

const URL_ = 'http://localhost/profile?/save';
const URLENCODED = 'application/x-www-form-urlencoded';
const post = (type: string, body: BodyInit, headers: Record<string, string> = {}) =>
	new Request(URL_, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
const problem = async (request: Request) => {
	const checked = await checkFormBody(request);
	return checked.ok ? 'ok' : checked.problem;
};
const multipart = (parts: string) =>
	post('multipart/form-data; boundary=XyZ', parts.replaceAll('\n', '\r\n'));
const field = (name: string, value: string) =>
	`--XyZ\nContent-Disposition: form-data; name="${name}"\n\n${value}\n`;

describe('each problem', () => {
	it('has its status and its German message', () => {
		const answers: Record<BodyProblem, [number, string]> = {
			type: [415, 'Dieses Formular muss als Formular gesendet werden.'],
			broken: [400, problemMessage('broken')],
			too_large: [413, problemMessage('too_large')],
			characters: [400, problemMessage('characters')]
		};
		for (const [name, [status]] of Object.entries(answers))
			expect(problemStatus(name as BodyProblem), name).toBe(status);
		expect(problemMessage('type')).toBe(answers.type[1]);
		const messages = (['type', 'broken', 'too_large', 'characters'] as const).map(problemMessage);
		for (const message of messages) expect(message).toMatch(/\S/);
		expect(new Set(messages).size).toBe(4);
		expect(messages[0]).toMatch(/Formular/);
	});
});

describe('the size limit', () => {
	it('takes a declared length of exactly the limit, not one byte more', async () => {
		expect(
			await problem(post(URLENCODED, 'a=b', { 'content-length': String(MAX_FORM_BYTES) }))
		).toBe('ok');
		expect(
			await problem(post(URLENCODED, 'a=b', { 'content-length': String(MAX_FORM_BYTES + 1) }))
		).toBe('too_large');
	});

	it('takes a body of exactly the limit, not one byte more', async () => {
		const body = (size: number) => 'a=' + 'b'.repeat(size - 2);
		expect(await problem(post(URLENCODED, body(MAX_FORM_BYTES)))).toBe('ok');
		expect(await problem(post(URLENCODED, body(MAX_FORM_BYTES + 1)))).toBe('too_large');
	});

	it('says too large when the server stopped the stream with 413, broken otherwise', async () => {
		const failing = (status?: number) =>
			new Request(URL_, {
				method: 'POST',
				headers: { 'content-type': URLENCODED },
				body: new ReadableStream({
					start(controller) {
						controller.error(Object.assign(new Error('stopped'), { status }));
					}
				}),
				duplex: 'half'
			} as RequestInit);
		expect(await problem(failing(413))).toBe('too_large');
		expect(await problem(failing(400))).toBe('broken');
	});
});

describe('the media type', () => {
	it('is read without parameters, blanks or case', async () => {
		expect(await problem(post('Application/X-WWW-Form-Urlencoded', 'a=b'))).toBe('ok');
		expect(await problem(post('application/x-www-form-urlencoded ; charset=utf-8', 'a=b'))).toBe(
			'ok'
		);
		expect(isCheckedWrite(post('Application/JSON', '{}'))).toBe(false);
		expect(isCheckedWrite(post('application/json ; charset=utf-8', '{}'))).toBe(false);
	});
});

describe('the encoding', () => {
	it('checks the bytes a urlencoded body stands for, across +, literal characters and %', async () => {
		// %C3%A9 is é; a space or a letter between the two halves cuts the sequence.
		expect(await problem(post(URLENCODED, 'a=%C3%A9'))).toBe('ok');
		expect(await problem(post(URLENCODED, 'a=%C3+%A9'))).toBe('characters');
		expect(await problem(post(URLENCODED, 'a=%C3x%A9'))).toBe('characters');
		expect(await problem(post(URLENCODED, 'a=100%25+sicher'))).toBe('ok');
	});

	it('leaves percent signs in multipart text alone', async () => {
		expect(await problem(multipart(field('body', 'Rabatt 50%C3 und %FF') + '--XyZ--\n'))).toBe(
			'ok'
		);
	});

	it('passes a file field (its content is not text), but not NUL in a text field beside it', async () => {
		const file =
			'--XyZ\nContent-Disposition: form-data; name="photo"; filename="a.txt"\n' +
			'Content-Type: text/plain\n\nInhalt\n';
		const checked = await checkFormBody(multipart(file + field('body', 'x') + '--XyZ--\n'));
		expect(checked.ok).toBe(true);
		if (checked.ok) expect((await checked.request.formData()).get('photo')).toBeInstanceOf(File);
		expect(await problem(multipart(file + field('body', 'a\0b') + '--XyZ--\n'))).toBe('characters');
	});
});

describe('the answer', () => {
	const message = problemMessage('characters');
	it('is JSON for an enhanced form, even without an Accept header', async () => {
		const response = refusal(post(URLENCODED, 'x', { 'x-sveltekit-action': 'true' }), 'characters');
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ type: 'error', error: { message } });
	});

	it('is JSON when JSON comes first in Accept', async () => {
		for (const accept of ['application/json', 'application/json , text/html']) {
			const response = refusal(post(URLENCODED, 'x', { accept }), 'too_large');
			expect(response.status, accept).toBe(413);
			expect(await response.json(), accept).toEqual({
				type: 'error',
				error: { message: problemMessage('too_large') }
			});
		}
	});

	it('is plain UTF-8 text for anyone else', async () => {
		for (const headers of [
			{} as Record<string, string>,
			{ accept: 'text/html, application/json' },
			{ 'x-sveltekit-action': 'false' }
		]) {
			const response = refusal(post(URLENCODED, 'x', headers), 'type');
			expect(response.status).toBe(415);
			expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
			expect(await response.text()).toBe(problemMessage('type'));
		}
	});
});

describe('NUL in the address', () => {
	it('is found in any query parameter, and nowhere in an address without one', () => {
		expect(hasNulInAddress(new URL('http://localhost/needs?a=1&q=a%00'), {})).toBe(true);
		expect(hasNulInAddress(new URL('http://localhost/needs?a%00=1&q=2'), {})).toBe(true);
		expect(hasNulInAddress(new URL('http://localhost/needs'), {})).toBe(false);
		expect(hasNulInAddress(new URL('http://localhost/needs'), { id: undefined, x: 'y' })).toBe(
			false
		);
		expect(hasNulInAddress(new URL('http://localhost/needs'), { id: undefined, x: '\0' })).toBe(
			true
		);
	});
});

describe('the hook', () => {
	const run = async (request: Request, params: Record<string, string> = {}) => {
		let reached = false;
		const response = await formBodyGuard({
			event: { request, url: new URL(request.url), params } as unknown as RequestEvent,
			resolve: async () => {
				reached = true;
				return new Response('page');
			}
		} as Parameters<typeof formBodyGuard>[0]);
		return { response, reached };
	};

	it('refuses NUL in the address, even on a read', async () => {
		const query = await run(new Request('http://localhost/needs?q=%00'));
		expect(query.reached).toBe(false);
		expect(query.response.status).toBe(400);
		expect(await query.response.text()).toBe(problemMessage('characters'));
		const param = await run(new Request('http://localhost/needs/x'), { needId: 'x\0' });
		expect(param.reached).toBe(false);
		expect(param.response.status).toBe(400);
	});

	it('lets reads and JSON through unread', async () => {
		const read = await run(new Request('http://localhost/needs?q=a'));
		expect(read.reached).toBe(true);
		expect(await read.response.text()).toBe('page');
		const json = await run(post('application/json', '{"a":1}'));
		expect(json.reached).toBe(true);
	});

	it('answers a wrong type with 415 before the action', async () => {
		const wrong = await run(post('text/plain', 'a=b'));
		expect(wrong.reached).toBe(false);
		expect(wrong.response.status).toBe(415);
	});
});
