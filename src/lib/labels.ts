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
