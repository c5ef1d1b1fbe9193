// Domain enum values → words in the person's language.
import { m } from '$lib/paraglide/messages.js';

export function categoryLabel(category: string): string {
	const labels: Record<string, () => string> = {
		errands: m.category_errands,
		homework: m.category_homework,
		advice: m.category_advice,
		digital: m.category_digital,
		company: m.category_company
	};
	return labels[category]?.() ?? category;
}

export function targetGroupLabel(group: string): string {
	const labels: Record<string, () => string> = {
		children: m.target_children,
		youth: m.target_youth,
		seniors: m.target_seniors
	};
	return labels[group]?.() ?? group;
}

export function needStatusLabel(status: string): string {
	const labels: Record<string, () => string> = {
		draft: m.need_status_draft,
		pending_approval: m.need_status_pending_approval,
		open: m.need_status_open,
		matched: m.need_status_matched,
		completed: m.need_status_completed,
		cancelled: m.need_status_cancelled,
		expired: m.need_status_expired
	};
	return labels[status]?.() ?? status;
}

export function matchStatusLabel(status: string): string {
	const labels: Record<string, () => string> = {
		proposed: m.match_status_proposed,
		requested: m.match_status_requested,
		pending_approval: m.match_status_pending_approval,
		active: m.match_status_active,
		completed: m.match_status_completed,
		declined: m.match_status_declined,
		withdrawn: m.match_status_withdrawn
	};
	return labels[status]?.() ?? status;
}

/** What happened, as the ledger's history lists it. */
export function involvementKindLabel(kind: string): string {
	const labels: Record<string, () => string> = {
		need_posted: m.involvement_kind_need_posted,
		need_approved: m.involvement_kind_need_approved,
		need_sent_back: m.involvement_kind_need_sent_back,
		need_cancelled: m.involvement_kind_need_cancelled,
		need_completed: m.involvement_kind_need_completed,
		match_proposed: m.involvement_kind_match_proposed,
		match_requested: m.involvement_kind_match_requested,
		match_accepted: m.involvement_kind_match_accepted,
		match_declined: m.involvement_kind_match_declined,
		match_withdrawn: m.involvement_kind_match_withdrawn,
		match_approved: m.involvement_kind_match_approved,
		match_completed: m.involvement_kind_match_completed,
		inspection_recorded: m.involvement_kind_inspection_recorded,
		hours_confirmed: m.involvement_kind_hours_confirmed,
		hours_rejected: m.involvement_kind_hours_rejected,
		feedback_given: m.involvement_kind_feedback_given,
		suggestion_made: m.involvement_kind_suggestion_made,
		suggestion_adopted: m.involvement_kind_suggestion_adopted,
		pool_invited: m.involvement_kind_pool_invited,
		pool_joined: m.involvement_kind_pool_joined
	};
	return labels[kind]?.() ?? kind;
}

/** The municipality's part in a ledger event. */
export function involvementRoleLabel(role: string): string {
	const labels: Record<string, () => string> = {
		initiated: m.involvement_role_initiated,
		approved: m.involvement_role_approved,
		verified: m.involvement_role_verified,
		co_produced: m.involvement_role_co_produced,
		informed: m.involvement_role_informed
	};
	return labels[role]?.() ?? role;
}
