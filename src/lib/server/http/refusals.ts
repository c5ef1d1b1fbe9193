// Refused authorisations, logged for the operator: who (the person's id, never a name or an
// address), what (the page or verb and the refusal), when. One JSON line each on stderr, where the
// operator's log collector reads the server's output; `"event":"access_refused"` finds them.
// The request a refusal happens in is known from the hook (withRequest), so the deep places that
// refuse — guards, verbs — need not be handed the person.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Refusals that say "not yours to do", as opposed to "not possible now" (a full need, a clash). */
const AUTHORISATION_CODES = new Set([
	'not_allowed',
	'own_hours',
	'own_inspection',
	'own_match',
	'own_need',
	'suggestion_own',
	'invite_self'
]);

/**
 * Not-found answers that may hide a refusal: the database answers them alike for no record and
 * for another organisation's (migration 20261130001000), so the two read the same. Logged with
 * the refusals, since the app's pages only send ids they have shown (a record deleted meanwhile
 * is the harmless rest).
 */
const HIDDEN_REFUSAL_CODES = new Set([
	'match_not_found',
	'need_not_found',
	'coordinator_not_found',
	'invitation_not_found'
]);

export interface RequestFacts {
	personId: string | null;
	method: string;
	/** The route's id (e.g. /(signed-in)/coordinator/[organisationId]), not its path. */
	route: string | null;
}

export interface Refusal {
	event: 'access_refused';
	at: string;
	person: string | null;
	request: string | null;
	what: string;
}

const current = new AsyncLocalStorage<RequestFacts>();

/** Runs the request's work with its facts at hand for logRefusal. */
export function withRequest<T>(facts: RequestFacts, work: () => T): T {
	return current.run(facts, work);
}

// Under vitest the lines would drown the test output; the tests that check them set a sink.
// Stryker disable all: chosen once as the module loads (under vitest always the first)
let sink: (line: string) => void = process.env.VITEST
	? () => undefined
	: (line) => console.warn(line);
// Stryker restore all

/** For tests: where the lines go (returns the previous sink). */
export function setRefusalSink(next: (line: string) => void): (line: string) => void {
	const previous = sink;
	sink = next;
	return previous;
}

/** The request being answered, as the logs name it (method and route id); null outside one. */
export function currentRequest(): string | null {
	const facts = current.getStore();
	return facts ? `${facts.method} ${facts.route ?? '?'}` : null;
}

/** Logs one refused authorisation. */
export function logRefusal(what: string): void {
	const refusal: Refusal = {
		event: 'access_refused',
		at: new Date().toISOString(),
		person: current.getStore()?.personId ?? null,
		request: currentRequest(),
		what
	};
	sink(JSON.stringify(refusal));
}

/** Logs a verb's refusal when it is one of authorisation; passes the code on either way. */
export function noteRefusal<C extends string>(verb: string, code: C): C {
	if (AUTHORISATION_CODES.has(code) || HIDDEN_REFUSAL_CODES.has(code))
		logRefusal(`${verb}: ${code}`);
	return code;
}
