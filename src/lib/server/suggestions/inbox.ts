// The suggestions inbox: a person's own suggestions and what became of them, a town's
// suggestions for its coordinators (never who wrote them: the author column is not readable),
// and the verbs suggest, answer and adopt. Reads run as the person under RLS; each verb is one
// database function, and a refusal comes back as a typed result with nothing written.
import { SUGGESTION_ERROR_CODES, type SuggestionErrorCode } from '../../domain/errors.ts';
import type { NeedInput } from '../../schemas/need.ts';
import type { AnswerInput, SuggestionInput } from '../../schemas/suggestion.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';
import { createNeed, type NeedWriteErrorCode } from '../needs/write.ts';

export type SuggestionResult<T extends object = object> = VerbResult<SuggestionErrorCode, T>;

export type SuggestionStatus = 'new' | 'answered' | 'adopted';

export interface Suggestion {
	id: string;
	townName: string;
	districtName: string | null;
	body: string;
	status: SuggestionStatus;
	/** 'YYYY-MM-DD' in Europe/Berlin. */
	createdOn: string;
	answer: string | null;
	handledOn: string | null;
	handledBy: string | null;
	/** The need it became, when the reader may see it. */
	needId: string | null;
	needTitle: string | null;
	needOrganisationId: string | null;
	/** The reader wrote it (a coordinator never handles their own). */
	mine: boolean;
}

export interface Town {
	id: string;
	name: string;
	districts: { id: string; name: string }[];
}

const SELECT = `
	select s.id, mu.name as "townName", d.name as "districtName", s.body,
	       case s.status when 'dismissed' then 'answered' else s.status::text end as status,
	       to_char(s.created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "createdOn",
	       s.answer,
	       to_char(s.handled_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "handledOn",
	       o.name as "handledBy", n.id as "needId", n.title as "needTitle",
	       n.organisation_id as "needOrganisationId",
	       s.id in (select private.my_suggestion_ids()) as mine
	from need_suggestions s
	join municipalities mu on mu.id = s.municipality_id
	left join districts d on d.id = s.district_id
	left join organisations o on o.id = s.handled_by_organisation_id
	left join needs n on n.id = s.need_id`;

/** The towns one may suggest for, each with its districts, by name. */
export async function towns(tx: Queryable): Promise<Town[]> {
	const { rows } = await tx.query<Town>(
		`select mu.id, mu.name,
		        coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name)
		                  from districts d where d.municipality_id = mu.id), '[]'::json) as districts
		 from municipalities mu order by mu.name`
	);
	return rows;
}

/** The person's own suggestions, newest first, with the answer or the need they became. */
export async function mySuggestions(tx: Queryable): Promise<Suggestion[]> {
	const { rows } = await tx.query<Suggestion>(
		`${SELECT} where s.id in (select private.my_suggestion_ids()) order by s.created_at desc, s.id`
	);
	return rows;
}

/** The suggestions of the organisation's town, newest first (RLS: its coordinators only). */
export async function townSuggestions(
	tx: Queryable,
	organisationId: string
): Promise<Suggestion[]> {
	const { rows } = await tx.query<Suggestion>(
		`${SELECT}
		 where s.municipality_id = (select municipality_id from organisations where id = $1)
		 order by s.created_at desc, s.id`,
		[organisationId]
	);
	return rows;
}

/** How many suggestions of the organisation's town wait for an answer. */
export async function newSuggestionCount(tx: Queryable, organisationId: string): Promise<number> {
	const { rows } = await tx.query<{ n: number }>(
		`select count(*)::int as n from need_suggestions s
		 where s.status = 'new'
		   and s.municipality_id = (select municipality_id from organisations where id = $1)`,
		[organisationId]
	);
	// Stryker disable next-line OptionalChaining: select count(*) always gives one row
	return rows[0]?.n ?? 0;
}

/** One new suggestion of the organisation's town, to prefill a need (null when not new or not theirs). */
export async function suggestionToAdopt(
	tx: Queryable,
	organisationId: string,
	suggestionId: string
): Promise<SuggestionResult<{ suggestion: Suggestion; districtId: string | null }>> {
	const { rows } = await tx.query<Suggestion & { districtId: string | null }>(
		`select x.*, s.district_id as "districtId" from (${SELECT}) x
		 join need_suggestions s on s.id = x.id
		 where x.id = $2
		   and s.municipality_id = (select municipality_id from organisations where id = $1)`,
		[organisationId, suggestionId]
	);
	const row = rows[0];
	if (!row) return { ok: false, code: 'suggestion_not_found' };
	if (row.status !== 'new') return { ok: false, code: 'suggestion_already_handled' };
	if (row.mine) return { ok: false, code: 'suggestion_own' };
	const { districtId, ...suggestion } = row;
	return { ok: true, suggestion, districtId };
}

/** The person suggests a need for a town. */
export function suggestNeed(
	tx: Queryable,
	input: SuggestionInput
): Promise<SuggestionResult<{ id: string }>> {
	return runVerb(
		tx,
		SUGGESTION_ERROR_CODES,
		'select app.suggest_need($1, $2, $3) as v',
		[input.municipalityId, input.districtId, input.body],
		(v) => ({ id: String(v) })
	);
}

/** A coordinator answers a suggestion of their town for their organisation. */
export function answerSuggestion(
	tx: Queryable,
	organisationId: string,
	input: AnswerInput
): Promise<SuggestionResult> {
	return runVerb(
		tx,
		SUGGESTION_ERROR_CODES,
		'select app.answer_suggestion($1, $2, $3) as v',
		[input.suggestionId, organisationId, input.answer],
		// Stryker disable next-line ArrowFunction: { ok: true, ...undefined } is { ok: true } as well
		() => ({})
	);
}

/** Marks a suggestion adopted by a need just created in the same transaction. */
export function adoptSuggestion(
	tx: Queryable,
	suggestionId: string,
	needId: string
): Promise<SuggestionResult> {
	return runVerb(
		tx,
		SUGGESTION_ERROR_CODES,
		'select app.adopt_suggestion($1, $2) as v',
		[suggestionId, needId],
		// Stryker disable next-line ArrowFunction: { ok: true, ...undefined } is { ok: true } as well
		() => ({})
	);
}

/**
 * "Turn into a need": creates the organisation's need and marks the suggestion adopted by it in
 * the same transaction; when either is refused, neither is written.
 */
export async function createNeedFromSuggestion(
	tx: Queryable,
	organisationId: string,
	input: NeedInput,
	suggestionId: string
): Promise<VerbResult<NeedWriteErrorCode | SuggestionErrorCode, { id: string; status: string }>> {
	await tx.query('savepoint from_suggestion');
	const created = await createNeed(tx, organisationId, input);
	const adopted = created.ok ? await adoptSuggestion(tx, suggestionId, created.id) : created;
	if (!adopted.ok) {
		await tx.query('rollback to savepoint from_suggestion');
		return { ok: false, code: adopted.code };
	}
	// Stryker disable next-line StringLiteral: an unreleased savepoint ends with the transaction all the same
	await tx.query('release savepoint from_suggestion');
	return created;
}
