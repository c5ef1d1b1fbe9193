// How sending one queued post goes (src/lib/pwa/outbox.ts), against a real HTTP server answering
// as SvelteKit's form actions do: sent, refused (kept for the page to show), the session gone
// (a redirect to the sign-in page or 401: wait for a sign-in), a server error (later), and no
// server at all (offline). The post goes out exactly as the enhanced form sent it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalMessage, send, type OutboxEntry } from '../../../src/lib/pwa/outbox.ts';

const answers: Record<string, (res: import('node:http').ServerResponse) => void> = {
	'/ok': (res) => json(res, 200, { type: 'success', status: 200, data: '[{}]' }),
	'/refused': (res) =>
		json(res, 409, {
			type: 'failure',
			status: 409,
			data: '[{"error":1},"Die Vermittlung läuft nicht (mehr)."]'
		}),
	'/signed-out': (res) => json(res, 401, { type: 'failure', status: 401, data: '[{}]' }),
	'/expired': (res) => {
		res.writeHead(303, { location: '/sign-in?next=%2Fhours' });
		res.end();
	},
	'/broken': (res) => {
		res.writeHead(500, { 'content-type': 'text/html' });
		res.end('<h1>500</h1>');
	}
};

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

const entry = (path: string): OutboxEntry => ({
	key: '5b0c2f0e-8f5a-4a39-9d7e-0c1e6a1c2b3d',
	url: `${path}?/log`,
	fields: [
		['hours', '0,25'],
		['clientKey', '5b0c2f0e-8f5a-4a39-9d7e-0c1e6a1c2b3d']
	],
	label: 'Stunden: 0,25 h',
	owner: '00000000-0004-4000-8000-000000000010',
	createdAt: 0
});

describe('sending one queued post', () => {
	let server: Server;
	let origin: string;
	const received: { path: string; action: string | undefined; body: string }[] = [];

	beforeAll(async () => {
		server = createServer((req: IncomingMessage, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				const path = (req.url ?? '').split('?')[0]!;
				received.push({ path, action: req.headers['x-sveltekit-action'] as string, body });
				answers[path]!(res);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('posts the form as the enhanced form did, and a success is sent', async () => {
		expect(await send(entry('/ok'), origin)).toEqual({ kind: 'sent' });
		const last = received.at(-1)!;
		expect(last.action).toBe('true');
		expect(last.body).toContain('name="clientKey"');
		expect(last.body).toContain('5b0c2f0e-8f5a-4a39-9d7e-0c1e6a1c2b3d');
		expect(last.body).toContain('0,25');
	});

	it('a refusal keeps the answer for the page to show, with its message', async () => {
		const outcome = await send(entry('/refused'), origin);
		expect(outcome.kind).toBe('refused');
		const answer = outcome.kind === 'refused' ? outcome.answer : '';
		expect(refusalMessage(answer)).toBe('Die Vermittlung läuft nicht (mehr).');
	});

	it('an answer without a message of its own has none (the page says "not allowed")', () => {
		const failure = (data: unknown) => JSON.stringify({ type: 'failure', status: 400, data });
		expect(refusalMessage(failure('[{}]'))).toBeNull();
		expect(refusalMessage(failure('[{"error":1},42]'))).toBeNull();
		expect(refusalMessage(failure(undefined))).toBeNull();
		expect(refusalMessage(failure('not devalue'))).toBeNull();
		expect(
			refusalMessage(JSON.stringify({ type: 'success', status: 200, data: '[{"error":1},"x"]' }))
		).toBeNull();
		expect(refusalMessage('<h1>500</h1>')).toBeNull();
	});

	it('an expired session (a redirect to sign-in, or 401) waits for a sign-in', async () => {
		expect(await send(entry('/expired'), origin)).toEqual({ kind: 'sign-in' });
		expect(await send(entry('/signed-out'), origin)).toEqual({ kind: 'sign-in' });
	});

	it('a server error is tried later, no server at all means offline', async () => {
		expect(await send(entry('/broken'), origin)).toEqual({ kind: 'later' });
		expect(await send(entry('/ok'), 'http://127.0.0.1:9')).toEqual({ kind: 'offline' });
	});
});
