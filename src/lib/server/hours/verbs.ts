// A helper's hour-log verbs: log hours on an active match, correct or withdraw a log that is not
// yet reviewed. Each runs as the person in a savepoint; the database (policies and triggers)
// decides, and a refusal comes back as a typed result with its stable code, nothing written.
import { HOUR_LOG_ERROR_CODES, refusalCode, type HourLogErrorCode } from '../../domain/errors.ts';
import type { HourLogEntry } from '../../schemas/hours.ts';
import type { Queryable } from '../db/types.ts';
import { noteRefusal } from '../http/refusals.ts';

export type { HourLogErrorCode };
export type HourLogResult<T extends object = object> =
	({ ok: true } & T) | { ok: false; code: HourLogErrorCode };

async function attempt(
	tx: Queryable,
	sql: string,
	params: unknown[]
): Promise<{ rowCount: number } | { code: HourLogErrorCode }> {
	await tx.query('savepoint hour_log');
	try {
		const { rowCount } = await tx.query(sql, params);
		await tx.query('release savepoint hour_log');
		return { rowCount: rowCount ?? 0 };
	} catch (error) {
		await tx.query('rollback to savepoint hour_log');
		const code = refusalCode(HOUR_LOG_ERROR_CODES, error);
		if (code) return { code: noteRefusal('hour log', code) };
		throw error;
	}
}

/** Why an update or delete touched nothing: the log was reviewed meanwhile, or is not theirs. */
async function untouched(tx: Queryable, personId: string, logId: string): Promise<HourLogResult> {
	const { rows } = await tx.query<{ status: string }>(
		'select status from hour_logs where id = $1 and helper_id = $2',
		[logId, personId]
	);
	return {
		ok: false,
		code: rows[0] && rows[0].status !== 'logged' ? 'hour_log_reviewed' : 'not_allowed'
	};
}

/**
 * The helper logs hours on one of their active matches (app.log_hours). With the key a phone made
 * up for a request it queued offline, a repeat answers as the first did and writes no second log.
 */
export async function logHours(
	tx: Queryable,
	personId: string,
	input: HourLogEntry & { matchId: string; clientKey?: string }
): Promise<HourLogResult> {
	const result = await attempt(tx, `select app.log_hours($1, $2, $3, $4, $5)`, [
		input.clientKey ?? null,
		input.matchId,
		input.workedOn,
		input.hours,
		input.note
	]);
	return 'code' in result ? { ok: false, code: result.code } : { ok: true };
}

/** The helper corrects date, hours and note of their own log while it is not yet reviewed. */
export async function correctLog(
	tx: Queryable,
	personId: string,
	input: HourLogEntry & { logId: string }
): Promise<HourLogResult> {
	const result = await attempt(
		tx,
		`update hour_logs set worked_on = $3, hours = $4, note = $5
		 where id = $1 and helper_id = $2 and status = 'logged'`,
		[input.logId, personId, input.workedOn, input.hours, input.note]
	);
	if ('code' in result) return { ok: false, code: result.code };
	return result.rowCount === 1 ? { ok: true } : untouched(tx, personId, input.logId);
}

/** The helper withdraws their own log while it is not yet reviewed. */
export async function withdrawLog(
	tx: Queryable,
	personId: string,
	logId: string
): Promise<HourLogResult> {
	const result = await attempt(
		tx,
		`delete from hour_logs where id = $1 and helper_id = $2 and status = 'logged'`,
		[logId, personId]
	);
	if ('code' in result) return { ok: false, code: result.code };
	return result.rowCount === 1 ? { ok: true } : untouched(tx, personId, logId);
}
