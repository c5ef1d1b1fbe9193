// A person's statement that PostgreSQL stopped for its time limits (PERSON_LIMITS in
// src/lib/server/db/person.ts) is neither the person's mistake nor an answer to give as a 500:
// the request answers 503 with a message in their language. Its transaction was rolled back, so
// nothing was changed. The operator gets one JSON line on stderr with the request and the
// database's words, since a stop that keeps coming back is a slow statement to look into.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { stoppedForTime } from '../db/stopped.ts';
import { currentRequest } from './refusals.ts';

/** Rethrows `e`, as a 503 with the message when the database stopped it for its time limits. */
export function answerStopped(e: unknown): never {
	if (stoppedForTime(e)) {
		const { code, message } = e as { code: string; message?: string };
		console.error(
			JSON.stringify({
				event: 'statement_stopped',
				at: new Date().toISOString(),
				request: currentRequest(),
				code,
				message
			})
		);
		error(503, m.error_busy());
	}
	throw e;
}
