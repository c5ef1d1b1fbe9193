// Statements PostgreSQL stopped for a person's time limits (PERSON_LIMITS in person.ts), as the
// database raises them and as a request's handle answers them (503, src/lib/server/http/busy.ts).
import { isHttpError } from '@sveltejs/kit';

/** statement_timeout (query_canceled) and lock_timeout (lock_not_available). */
const STOPPED = new Set(['57014', '55P03']);

export const stoppedForTime = (e: unknown): boolean =>
	typeof e === 'object' && e !== null && STOPPED.has((e as { code?: unknown }).code as string);

/** A stop as the database raised it, or as the request's handle (locals.db) answered it. */
export const stoppedOrAnswered = (e: unknown): boolean =>
	stoppedForTime(e) || (isHttpError(e) && e.status === 503);
