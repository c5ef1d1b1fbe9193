// Every match verb: propose, request, accept, approve, decline, withdraw. Each calls one
// database function (which checks who acts, locks, re-checks the rules and writes the ledger in
// one go) and turns its stable error code into a typed result, so routes map codes to messages
// instead of catching exceptions.
import {
	MATCH_ERROR_CODES,
	TOWN_DECISION_ERROR_CODES,
	type MatchErrorCode
} from '../../domain/errors.ts';
import { expirePastNeeds } from '../needs/expiry.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';
import { candidateScore } from './candidates.ts';

export type { MatchErrorCode };

export type MatchResult<T extends object = object> = VerbResult<MatchErrorCode, T>;
export type MatchStatus = 'pending_approval' | 'active';

const run = <T extends object>(
	tx: Queryable,
	sql: string,
	params: unknown[],
	map: (value: unknown) => T
): Promise<MatchResult<T>> => runVerb(tx, MATCH_ERROR_CODES, sql, params, map);

const matchId = (v: unknown) => ({ matchId: String(v) });
const status = (v: unknown) => ({ status: v as MatchStatus });
const nothing = () => ({});

/**
 * A coordinator of the need's organisation proposes a helper. The score stored with the proposal
 * is computed here from the candidate facts, never taken from the caller.
 */
export async function propose(
	tx: Queryable,
	needId: string,
	helperId: string,
	initiatedBy: 'coordinator' | 'batch' = 'coordinator'
) {
	const score = await candidateScore(tx, needId, helperId);
	return run(
		tx,
		'select app.propose_match($1, $2, $3, $4) as v',
		[needId, helperId, score, initiatedBy],
		matchId
	);
}

/**
 * The signed-in helper says "I can help". `clientKey`, here and on accept and decline: the key a
 * phone made up for a request it queued offline; a repeat answers as the first did, changing nothing.
 */
export async function request(tx: Queryable, needId: string, clientKey?: string) {
	// A need whose last day has passed is expired first, so the verb refuses it as not open.
	await expirePastNeeds(tx);
	return clientKey
		? run(tx, 'select app.request_match_once($1, $2) as v', [needId, clientKey], matchId)
		: run(tx, 'select app.request_match($1) as v', [needId], matchId);
}

/** The side that has not accepted yet accepts; the match becomes active or waits for approval. */
export function accept(tx: Queryable, id: string, clientKey?: string) {
	return clientKey
		? run(tx, 'select app.accept_match_once($1, $2) as v', [id, clientKey], status)
		: run(tx, 'select app.accept_match($1) as v', [id], status);
}

/** A municipal coordinator approves a match waiting for the town. */
export function approve(tx: Queryable, id: string) {
	return run(tx, 'select app.approve_match($1) as v', [id], status);
}

/**
 * A municipal coordinator sends a match waiting for the town back: it ends declined, with the
 * reason (3–500 characters) the helper and the organisation read. Never one's own match.
 */
export function sendBack(tx: Queryable, id: string, reason: string) {
	return runVerb(
		tx,
		TOWN_DECISION_ERROR_CODES,
		'select app.send_back_match($1, $2) as v',
		[id, reason],
		nothing
	);
}

/** Either side (or the town, while it waits for approval) says no. */
export function decline(tx: Queryable, id: string, clientKey?: string) {
	return clientKey
		? run(tx, 'select app.decline_match_once($1, $2) as v', [id, clientKey], nothing)
		: run(tx, 'select app.decline_match($1) as v', [id], nothing);
}

/**
 * The helper or the organisation withdraws from a pending or active match, with an optional
 * reason both sides read; the ledger records it.
 */
export function withdraw(tx: Queryable, id: string, reason = '') {
	return run(tx, 'select app.withdraw_match_with_reason($1, $2) as v', [id, reason], nothing);
}

/** A coordinator of the organisation completes an active match, with an optional reason. */
export function complete(tx: Queryable, id: string, reason = '') {
	return run(tx, 'select app.complete_match($1, $2) as v', [id, reason], nothing);
}
