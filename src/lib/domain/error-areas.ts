// Which of the database's error codes (errors.ts) each area's verbs meet: a verb's result type
// names exactly the refusals it can answer with, and refusalCode recognises only those.
/** Codes the match verbs raise: the hard rules of a pair, the state of a need or match, four eyes. */
export const MATCH_ERROR_CODES = [
	'not_allowed',
	'need_not_found',
	'match_not_found',
	'no_offer',
	'need_not_open',
	'need_full',
	'match_not_pending',
	'match_closed',
	'wrong_municipality',
	'category_mismatch',
	'target_group_mismatch',
	'language_missing',
	'out_of_range',
	'windows_do_not_fit',
	'helper_paused',
	'already_matched',
	'inspection_required',
	'capacity_exceeded',
	'double_booking',
	'own_match',
	'reason_too_long',
	'match_not_active',
	'client_key_used'
] as const;
export type MatchErrorCode = (typeof MATCH_ERROR_CODES)[number];

/** Codes the need verbs (approve, send back) raise. */
export const NEED_VERB_ERROR_CODES = [
	'not_allowed',
	'need_not_found',
	'own_need',
	'need_not_pending',
	'reason_required'
] as const;
export type NeedVerbErrorCode = (typeof NEED_VERB_ERROR_CODES)[number];

/** Codes the town's decisions on its approval queue meet: the need verbs and the match verbs. */
export const TOWN_DECISION_ERROR_CODES = [...NEED_VERB_ERROR_CODES, ...MATCH_ERROR_CODES] as const;
export type TownDecisionErrorCode = (typeof TOWN_DECISION_ERROR_CODES)[number];

/** Codes a helper's own hour log meets: when it is written, corrected or withdrawn. */
export const HOUR_LOG_ERROR_CODES = [
	'match_closed',
	'not_allowed',
	'hours_in_future',
	'hours_before_match',
	'hours_after_match',
	'hours_exceed_day',
	'hour_log_reviewed',
	'own_hours',
	'client_key_used'
] as const;
export type HourLogErrorCode = (typeof HOUR_LOG_ERROR_CODES)[number];

/** Codes recording a §72a inspection meets (app.record_inspection). */
export const INSPECTION_ERROR_CODES = [
	'not_allowed',
	'own_inspection',
	'inspection_in_future'
] as const;
export type InspectionErrorCode = (typeof INSPECTION_ERROR_CODES)[number];

/** Codes a person meets answering an invitation to a pool or leaving one. */
export const POOL_ERROR_CODES = ['not_invited', 'not_in_pool'] as const;
export type PoolErrorCode = (typeof POOL_ERROR_CODES)[number];

/** Codes a coordinator meets inviting into a pool, resending or withdrawing an invitation. */
export const POOL_INVITATION_ERROR_CODES = [
	'not_allowed',
	'email_invalid',
	'invite_self',
	'already_in_pool',
	'already_invited',
	'membership_ended',
	'invitation_not_found',
	'invitation_resent_recently'
] as const;
export type PoolInvitationErrorCode = (typeof POOL_INVITATION_ERROR_CODES)[number];

/** Codes feedback on a completed match meets. */
export const FEEDBACK_ERROR_CODES = ['feedback_given', 'not_allowed'] as const;
export type FeedbackErrorCode = (typeof FEEDBACK_ERROR_CODES)[number];

/** Codes the suggestions inbox meets: suggesting, answering and adopting a suggestion. */
export const SUGGESTION_ERROR_CODES = [
	'not_allowed',
	'need_not_found',
	'district_outside_town',
	'need_outside_town',
	'suggestion_unknown_town',
	'suggestion_length',
	'suggestion_limit_reached',
	'suggestion_not_found',
	'suggestion_already_handled',
	'suggestion_status_not_allowed',
	'suggestion_own',
	'suggestion_need_required',
	'suggestion_answer_required'
] as const;
export type SuggestionErrorCode = (typeof SUGGESTION_ERROR_CODES)[number];

/** Codes a coordinator invitation meets (invite, resend, withdraw, answer) and removing a coordinator. */
export const TEAM_ERROR_CODES = [
	'not_allowed',
	'email_invalid',
	'invite_self',
	'already_coordinator',
	'already_invited',
	'invitation_not_found',
	'invitation_resent_recently',
	'not_invited',
	'coordinator_not_found',
	'last_coordinator'
] as const;
export type TeamErrorCode = (typeof TEAM_ERROR_CODES)[number];

/** Codes onboarding a town meets: a new town, its nonprofits, policies and districts. */
export const ONBOARDING_ERROR_CODES = [
	'not_allowed',
	'email_invalid',
	'invite_self',
	'already_coordinator',
	'already_invited',
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
export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];
