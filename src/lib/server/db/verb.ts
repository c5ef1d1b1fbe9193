// One database verb run in a savepoint: a refusal (a stable error code) comes back as a typed
// result and leaves the caller's transaction usable with nothing written; anything else is
// thrown on. The match and need verbs share it.
import { refusalCode } from '../../domain/errors.ts';
import { noteRefusal } from '../http/refusals.ts';
import type { Queryable } from './types.ts';

export type VerbResult<C extends string, T extends object = object> =
	({ ok: true } & T) | { ok: false; code: C };

export async function runVerb<C extends string, T extends object>(
	tx: Queryable,
	codes: readonly C[],
	sql: string,
	params: unknown[],
	map: (value: unknown) => T
): Promise<VerbResult<C, T>> {
	await tx.query('savepoint verb');
	try {
		const { rows } = await tx.query<{ v: unknown }>(sql, params);
		await tx.query('release savepoint verb');
		return { ok: true, ...map(rows[0]?.v) };
	} catch (error) {
		await tx.query('rollback to savepoint verb');
		const code = refusalCode(codes, error);
		if (code) return { ok: false, code: noteRefusal(verbName(sql), code) };
		throw error;
	}
}

/** The function a verb calls (app.accept_match), or the statement's first words (insert into needs). */
function verbName(sql: string): string {
	return (
		/\b([a-z_]+\.[a-z_0-9]+)\s*\(/.exec(sql)?.[1] ?? sql.trim().split(/\s+/).slice(0, 3).join(' ')
	);
}
