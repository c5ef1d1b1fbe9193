// The town's verbs on a need waiting for approval: approve it (it opens) or send it back to its
// organisation as a draft with a reason. Each calls one database function, which checks that the
// caller decides for the need's town and did not post it (four eyes), locks the need and writes
// the ledger; a refusal comes back as a typed result.
import { NEED_VERB_ERROR_CODES, type NeedVerbErrorCode } from '../../domain/errors.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export type { NeedVerbErrorCode };
export type NeedVerbResult = VerbResult<NeedVerbErrorCode>;

const nothing = () => ({});

/** A municipal coordinator of the need's town approves it; the need opens. */
export function approveNeed(tx: Queryable, needId: string): Promise<NeedVerbResult> {
	return runVerb(tx, NEED_VERB_ERROR_CODES, 'select app.approve_need($1) as v', [needId], nothing);
}

/** A municipal coordinator sends the need back to its organisation, saying why (3–500 characters). */
export function sendBackNeed(
	tx: Queryable,
	needId: string,
	reason: string
): Promise<NeedVerbResult> {
	return runVerb(
		tx,
		NEED_VERB_ERROR_CODES,
		'select app.send_back_need($1, $2) as v',
		[needId, reason],
		nothing
	);
}
