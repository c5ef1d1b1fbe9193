// A coordinator writes to the helpers of the organisation's pool or of one need: one mail each
// through the outbox (app.message_helpers), preferences respected, addresses never shown.
import type { Tx } from '../db/person.ts';
import type { HelperMessage } from '../../schemas/mail.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export interface NeedWithHelpers {
	id: string;
	title: string;
	helpers: number;
}

/** The organisation's needs that have helpers in an active match (to write to one need's helpers). */
export async function needsWithHelpers(tx: Tx, organisationId: string): Promise<NeedWithHelpers[]> {
	const { rows } = await tx.query<NeedWithHelpers>(
		`select n.id, n.title, count(*)::int as helpers
		 from needs n join matches m on m.need_id = n.id and m.status = 'active'
		 where n.organisation_id = $1 group by n.id, n.title order by n.title`,
		[organisationId]
	);
	return rows;
}

/**
 * Queues the message to each helper; returns how many mails were queued. A need that is not the
 * organisation's (another's, or none) is refused as not_allowed, the same for both.
 */
export function messageHelpers(
	tx: Tx,
	organisationId: string,
	message: HelperMessage
): Promise<VerbResult<'not_allowed', { sent: number }>> {
	return runVerb(
		tx,
		['not_allowed'],
		'select app.message_helpers($1, $2, $3, $4) as v',
		[organisationId, message.needId || null, message.subject, message.text],
		(v) => ({ sent: Number(v ?? 0) })
	);
}
