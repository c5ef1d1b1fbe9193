// Every stable error code the database raises (errcode P0001, the message is the code) and the
// sentence each one shows a person. One list: the server recognises refusals by it, and the
// Record below makes the compiler insist on a message for every code. Safe for the browser.
// Relative import: the server's verbs load this under plain Node too (scripts, benches).
import { m } from '../paraglide/messages.js';

// The codes each area meets, re-exported so callers keep one import.
import { MATCH_ERROR_CODES } from './error-areas.ts';
export * from './error-areas.ts';

/** Every code the database raises, verbs and triggers alike. */
export const ERROR_CODES = [
	...MATCH_ERROR_CODES,
	'own_need',
	'need_not_pending',
	'reason_required',
	'need_closed',
	'need_status_not_allowed',
	'need_requires_municipal_approval',
	'need_organisation_fixed',
	'need_has_matches',
	'need_in_past',
	'district_outside_town',
	'offer_below_committed',
	'offer_has_matches',
	'need_outside_town',
	'hours_in_future',
	'hours_before_match',
	'hours_after_match',
	'hours_exceed_day',
	'hour_log_reviewed',
	'own_hours',
	'hour_log_not_reviewed',
	'hour_log_not_own',
	'inspection_in_future',
	'own_inspection',
	'membership_needs_consent',
	'membership_ended',
	'not_invited',
	'not_in_pool',
	'email_invalid',
	'invite_self',
	'already_in_pool',
	'already_invited',
	'invitation_not_found',
	'invitation_resent_recently',
	'involvement_events_append_only',
	'feedback_given',
	'suggestion_unknown_town',
	'suggestion_length',
	'suggestion_limit_reached',
	'suggestion_not_found',
	'suggestion_already_handled',
	'suggestion_status_not_allowed',
	'suggestion_own',
	'suggestion_need_required',
	'suggestion_answer_required',
	'already_coordinator',
	'last_coordinator',
	'coordinator_not_found',
	'municipality_name_invalid',
	'ags_invalid',
	'ags_taken',
	'organisation_name_invalid',
	'organisation_name_taken',
	'policy_missing',
	'district_name_invalid',
	'district_outside_germany',
	'district_name_taken',
	'district_not_found'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** True when `value` is one of `codes` (narrows the type). */
export function isErrorCode<C extends string>(codes: readonly C[], value: unknown): value is C {
	return (codes as readonly unknown[]).includes(value);
}

/**
 * The code of a database refusal (P0001 with a known code as its message), else null: a caller
 * turns that into a typed result and throws anything else on.
 */
export function refusalCode<C extends string>(codes: readonly C[], error: unknown): C | null {
	const e = error as { code?: unknown; message?: unknown } | null;
	return e?.code === 'P0001' && isErrorCode(codes, e.message) ? e.message : null;
}

const MESSAGES: Record<ErrorCode, () => string> = {
	not_allowed: m.error_code_not_allowed,
	need_not_found: m.error_code_need_not_found,
	match_not_found: m.error_code_match_not_found,
	no_offer: m.error_code_no_offer,
	need_not_open: m.error_code_need_not_open,
	need_full: m.error_code_need_full,
	match_not_pending: m.error_code_match_not_pending,
	match_closed: m.error_code_match_closed,
	wrong_municipality: m.error_code_wrong_municipality,
	category_mismatch: m.error_code_category_mismatch,
	target_group_mismatch: m.error_code_target_group_mismatch,
	language_missing: m.error_code_language_missing,
	out_of_range: m.error_code_out_of_range,
	windows_do_not_fit: m.error_code_windows_do_not_fit,
	helper_paused: m.error_code_helper_paused,
	already_matched: m.error_code_already_matched,
	inspection_required: m.error_code_inspection_required,
	capacity_exceeded: m.error_code_capacity_exceeded,
	double_booking: m.error_code_double_booking,
	own_match: m.error_code_own_match,
	reason_too_long: m.error_code_reason_too_long,
	match_not_active: m.error_code_match_not_active,
	client_key_used: m.error_code_client_key_used,
	feedback_given: m.error_code_feedback_given,
	own_need: m.error_code_own_need,
	need_not_pending: m.error_code_need_not_pending,
	reason_required: m.error_code_reason_required,
	need_closed: m.error_code_need_closed,
	need_status_not_allowed: m.error_code_need_status_not_allowed,
	need_requires_municipal_approval: m.error_code_need_requires_municipal_approval,
	need_organisation_fixed: m.error_code_need_organisation_fixed,
	need_has_matches: m.error_code_need_has_matches,
	need_in_past: m.error_code_need_in_past,
	district_outside_town: m.error_code_district_outside_town,
	offer_below_committed: m.error_code_offer_below_committed,
	offer_has_matches: m.error_code_offer_has_matches,
	need_outside_town: m.error_code_need_outside_town,
	hours_in_future: m.error_code_hours_in_future,
	hours_before_match: m.error_code_hours_before_match,
	hours_after_match: m.error_code_hours_after_match,
	hours_exceed_day: m.error_code_hours_exceed_day,
	hour_log_reviewed: m.error_code_hour_log_reviewed,
	own_hours: m.error_code_own_hours,
	hour_log_not_reviewed: m.error_code_hour_log_not_reviewed,
	hour_log_not_own: m.error_code_hour_log_not_own,
	inspection_in_future: m.error_code_inspection_in_future,
	own_inspection: m.error_code_own_inspection,
	membership_needs_consent: m.error_code_membership_needs_consent,
	membership_ended: m.error_code_membership_ended,
	not_invited: m.error_code_not_invited,
	not_in_pool: m.error_code_not_in_pool,
	email_invalid: m.error_code_email_invalid,
	invite_self: m.error_code_invite_self,
	already_in_pool: m.error_code_already_in_pool,
	already_invited: m.error_code_already_invited,
	invitation_not_found: m.error_code_invitation_not_found,
	invitation_resent_recently: m.error_code_invitation_resent_recently,
	involvement_events_append_only: m.error_code_involvement_events_append_only,
	suggestion_unknown_town: m.error_code_suggestion_unknown_town,
	suggestion_length: m.error_code_suggestion_length,
	suggestion_limit_reached: m.error_code_suggestion_limit_reached,
	suggestion_not_found: m.error_code_suggestion_not_found,
	suggestion_already_handled: m.error_code_suggestion_already_handled,
	suggestion_status_not_allowed: m.error_code_suggestion_status_not_allowed,
	suggestion_own: m.error_code_suggestion_own,
	suggestion_need_required: m.error_code_suggestion_need_required,
	suggestion_answer_required: m.error_code_suggestion_answer_required,
	already_coordinator: m.error_code_already_coordinator,
	last_coordinator: m.error_code_last_coordinator,
	coordinator_not_found: m.error_code_coordinator_not_found,
	municipality_name_invalid: m.error_code_municipality_name_invalid,
	ags_invalid: m.error_code_ags_invalid,
	ags_taken: m.error_code_ags_taken,
	organisation_name_invalid: m.error_code_organisation_name_invalid,
	organisation_name_taken: m.error_code_organisation_name_taken,
	policy_missing: m.error_code_policy_missing,
	district_name_invalid: m.error_code_district_name_invalid,
	district_outside_germany: m.error_code_district_outside_germany,
	district_name_taken: m.error_code_district_name_taken,
	district_not_found: m.error_code_district_not_found
};

/** The sentence for a code, in the person's language. */
export function errorMessage(code: ErrorCode): string {
	return MESSAGES[code]();
}
