// A coordinator's review of hour logs: the logs of their organisation waiting for review, and
// confirm or reject one (a rejection with its reason, which the helper reads). Runs as the person:
// the update policy and the review trigger decide — never one's own hours, each log once.
import { HOUR_LOG_ERROR_CODES, refusalCode, type HourLogErrorCode } from '../../domain/errors.ts';
import type { HourReview } from '../../schemas/hours.ts';
import type { Queryable } from '../db/types.ts';
import { noteRefusal } from '../http/refusals.ts';
import type { HourLogResult } from './verbs.ts';

export interface LogToReview {
	id: string;
	helperName: string;
	needTitle: string;
	workedOn: string;
	hours: number;
	note: string;
}

/** Logs of the organisation not yet reviewed, oldest day first (the order they are worked off). */
export async function logsToReview(tx: Queryable, organisationId: string): Promise<LogToReview[]> {
	const { rows } = await tx.query<LogToReview & { hours: string }>(
		`select h.id, coalesce(p.display_name, '–') as "helperName", n.title as "needTitle",
		        to_char(h.worked_on, 'YYYY-MM-DD') as "workedOn", h.hours, h.note
		 from hour_logs h
		 join matches m on m.id = h.match_id
		 join needs n on n.id = m.need_id
		 left join profiles p on p.id = h.helper_id
		 where h.organisation_id = $1 and h.status = 'logged'
		 order by h.worked_on, h.created_at`,
		[organisationId]
	);
	return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

/** Confirms or rejects one log of the organisation. */
export async function reviewLog(
	tx: Queryable,
	organisationId: string,
	input: HourReview
): Promise<HourLogResult> {
	await tx.query('savepoint review');
	try {
		const { rowCount } = await tx.query(
			`update hour_logs set status = $3, review_note = $4
			 where id = $1 and organisation_id = $2 and status = 'logged'`,
			[input.logId, organisationId, input.decision, input.reason || null]
		);
		await tx.query('release savepoint review');
		if (rowCount === 1) return { ok: true };
	} catch (error) {
		await tx.query('rollback to savepoint review');
		const code = refusalCode(HOUR_LOG_ERROR_CODES, error);
		if (code) return { ok: false, code: noteRefusal('review hours', code) };
		throw error;
	}
	// Nothing touched: reviewed meanwhile, or not theirs to review (one they may only read, as the
	// town does, or one they cannot see). Reviewing one's own hours never gets here: the
	// database refuses it with own_hours above.
	const { rows } = await tx.query<{ status: string }>(
		`select status from hour_logs where id = $1 and organisation_id = $2`,
		[input.logId, organisationId]
	);
	const row = rows[0];
	return { ok: false, code: row && row.status !== 'logged' ? 'hour_log_reviewed' : 'not_allowed' };
}

export interface BatchReview {
	confirmed: number;
	refused: { logId: string; code: HourLogErrorCode }[];
}

/**
 * Confirms the logs the coordinator saw together (e.g. a whole month), each in its own savepoint:
 * one refused log (reviewed meanwhile, one's own) leaves the others confirmed.
 */
export async function confirmLogs(
	tx: Queryable,
	organisationId: string,
	logIds: readonly string[]
): Promise<BatchReview> {
	const result: BatchReview = { confirmed: 0, refused: [] };
	for (const logId of logIds) {
		const one = await reviewLog(tx, organisationId, { logId, decision: 'confirmed', reason: '' });
		if (one.ok) result.confirmed += 1;
		else result.refused.push({ logId, code: one.code });
	}
	return result;
}
