// A person's statement that PostgreSQL stopped for its time limits (PERSON_LIMITS in
// src/lib/server/db/person.ts) is no bug of ours to log with a stack, nor the person's mistake:
// the request answers 503 with a message in their language. Its transaction was rolled back, so
// nothing was changed.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';

/** statement_timeout (query_canceled) and lock_timeout (lock_not_available). */
const STOPPED = new Set(['57014', '55P03']);

export const stoppedForTime = (e: unknown): boolean =>
	typeof e === 'object' && e !== null && STOPPED.has((e as { code?: unknown }).code as string);

/** Rethrows `e`, as a 503 with the message when the database stopped it for its time limits. */
export function answerStopped(e: unknown): never {
	if (stoppedForTime(e)) {
		console.warn(`a statement stopped for its time limit (${(e as { code: string }).code})`);
		error(503, m.error_busy());
	}
	throw e;
}
