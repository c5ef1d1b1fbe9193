// Stable error codes of the match verbs → a sentence in the person's language.
import { m } from '$lib/paraglide/messages.js';
import type { MatchErrorCode } from '$lib/server/matching/acceptance';

const MESSAGES: Record<MatchErrorCode, () => string> = {
	not_allowed: m.match_error_not_allowed,
	need_not_found: m.match_error_need_not_found,
	match_not_found: m.match_error_match_not_found,
	no_offer: m.match_error_no_offer,
	need_not_open: m.match_error_need_not_open,
	need_full: m.match_error_need_full,
	match_not_pending: m.match_error_match_not_pending,
	match_closed: m.match_error_match_closed,
	wrong_municipality: m.match_error_wrong_municipality,
	category_mismatch: m.match_error_category_mismatch,
	target_group_mismatch: m.match_error_target_group_mismatch,
	language_missing: m.match_error_language_missing,
	out_of_range: m.match_error_out_of_range,
	windows_do_not_fit: m.match_error_windows_do_not_fit,
	helper_paused: m.match_error_helper_paused,
	already_matched: m.match_error_already_matched,
	inspection_required: m.match_error_inspection_required,
	capacity_exceeded: m.match_error_capacity_exceeded
};

export function matchErrorMessage(code: MatchErrorCode): string {
	return MESSAGES[code]();
}
