// A client's mistakes in the body of a form post are its own, answered 4xx before any form action
// reads the body: every action may then call request.formData() and trust that it parses, holds
// no NUL (PostgreSQL cannot store it in text) and was valid UTF-8. JSON goes on to endpoints.
import type { Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** No form of the app comes near this (the longest text fields allow a few thousand characters). */
export const MAX_FORM_BYTES = 256 * 1024;

export type BodyProblem = 'type' | 'broken' | 'too_large' | 'characters';
export type BodyCheck = { ok: true; request: Request } | { ok: false; problem: BodyProblem };

const STATUS: Record<BodyProblem, number> = {
	type: 415,
	broken: 400,
	too_large: 413,
	characters: 400
};

export function problemStatus(problem: BodyProblem): number {
	return STATUS[problem];
}

export function problemMessage(problem: BodyProblem): string {
	switch (problem) {
		case 'type':
			return m.error_request_type();
		case 'broken':
			return m.error_request_broken();
		case 'too_large':
			return m.error_request_too_large();
		case 'characters':
			return m.error_request_characters();
	}
}

const mediaType = (request: Request) =>
	(request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();

/** Whether the guard looks at this request: writes, except JSON (for endpoints of their own). */
export function isCheckedWrite(request: Request): boolean {
	return WRITES.includes(request.method) && mediaType(request) !== 'application/json';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// Stryker disable BlockStatement: an empty catch gives undefined, as falsy as false
const isUtf8 = (bytes: Uint8Array) => {
	try {
		strictUtf8.decode(bytes);
		return true;
	} catch {
		return false;
	}
};
// Stryker restore BlockStatement

/** The bytes a urlencoded name or value stands for ('+' is a space, %XX a byte). */
function percentBytes(part: string): Uint8Array {
	// Only whether the bytes are UTF-8 matters below: a leading NUL (what a non-number element
	// becomes) is valid UTF-8, and any one literal character encodes to a whole sequence, so the
	// byte a '+' stands for (0x20 or its own 0x2B) never changes the answer.
	// Stryker disable next-line ArrayDeclaration: a leading 0 byte is valid UTF-8
	const bytes: number[] = [];
	for (let i = 0; i < part.length; i++) {
		const hex = part.slice(i + 1, i + 3);
		// Stryker disable next-line Regex: hex has at most two characters, so either anchor alone is enough
		if (part[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
			continue;
		}
		// Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 0x20 or the character's own bytes, both whole UTF-8
		if (part[i] === '+') bytes.push(0x20);
		else bytes.push(...new TextEncoder().encode(part[i]));
	}
	return Uint8Array.from(bytes);
}

/** Browsers send UTF-8; anything else (a lone surrogate, cut sequences) decodes to U+FFFD. */
function encodedAsUtf8(type: string, body: Uint8Array): boolean {
	if (type === 'multipart/form-data') return isUtf8(body);
	const text = new TextDecoder().decode(body);
	return isUtf8(body) && text.split(/[&=]/).every((part) => isUtf8(percentBytes(part)));
}

/** Reads and checks a form post's body; on success a new Request with the same body to read. */
export async function checkFormBody(request: Request): Promise<BodyCheck> {
	const type = mediaType(request);
	if (!FORM_TYPES.includes(type)) return { ok: false, problem: 'type' };
	if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES)
		return { ok: false, problem: 'too_large' };
	let body: Uint8Array<ArrayBuffer>;
	try {
		body = new Uint8Array(await request.arrayBuffer());
	} catch (error) {
		// adapter-node ends the stream with 413 past BODY_SIZE_LIMIT; else the client broke off.
		const status = (error as { status?: number }).status;
		return { ok: false, problem: status === 413 ? 'too_large' : 'broken' };
	}
	if (body.byteLength > MAX_FORM_BYTES) return { ok: false, problem: 'too_large' };
	const copy = () =>
		new Request(request.url, { method: request.method, headers: request.headers, body });
	let data: FormData;
	try {
		data = await copy().formData();
	} catch {
		return { ok: false, problem: 'broken' };
	}
	if (!encodedAsUtf8(type, body)) return { ok: false, problem: 'characters' };
	for (const [name, value] of data) {
		if (name.includes('\0') || (typeof value === 'string' && value.includes('\0')))
			return { ok: false, problem: 'characters' };
	}
	return { ok: true, request: copy() };
}

/** A short answer in the person's language: JSON for enhanced forms, plain text otherwise. */
export function refusal(request: Request, problem: BodyProblem): Response {
	const status = problemStatus(problem);
	const message = problemMessage(problem);
	if (request.headers.get('x-sveltekit-action') === 'true' || wantsJson(request))
		return Response.json({ type: 'error', error: { message } }, { status });
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

const wantsJson = (request: Request) =>
	// Stryker disable next-line OptionalChaining: split always gives at least one element
	(request.headers.get('accept') ?? '').split(',')[0]?.trim() === 'application/json';

/** NUL in a route parameter or the query cannot reach the database either. */
export function hasNulInAddress(url: URL, params: Partial<Record<string, string>>): boolean {
	return (
		[...url.searchParams].some(([k, v]) => k.includes('\0') || v.includes('\0')) ||
		Object.values(params).some((value) => value?.includes('\0'))
	);
}

export const formBodyGuard: Handle = async ({ event, resolve }) => {
	if (hasNulInAddress(event.url, event.params)) return refusal(event.request, 'characters');
	if (!isCheckedWrite(event.request)) return resolve(event);
	const checked = await checkFormBody(event.request);
	if (!checked.ok) return refusal(event.request, checked.problem);
	event.request = checked.request;
	return resolve(event);
};
