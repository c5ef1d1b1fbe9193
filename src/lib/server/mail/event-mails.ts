// What each kind of event mail says: its subject, its lines and where the recipient acts, in the
// recipient's language, from the event's payload (templates.ts renders them into a mail).
import { m } from '../../paraglide/messages.js';
import type { MailKind } from '../../domain/mail/kinds.ts';
import type { Locale } from './templates.ts';

/** What one event says: a subject, its lines, and where the recipient acts. */
export interface Parts {
	subject: string;
	lines: string[];
	action: { label: string; path: string };
	/** A monthly check-in: one-click answers, signed for the recipient. */
	checkIn?: { match: string; month: string };
}

export type P = Record<string, unknown>;
const s = (p: P, key: string): string => {
	const v = p[key];
	return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};
/** Only paths on this site: a payload never makes a mail link elsewhere. */
const path = (p: P, fallback = '/'): string => {
	const v = s(p, 'path');
	return /^\/[A-Za-z0-9/_-]*$/.test(v) ? v : fallback;
};
/** A date (yyyy-mm-dd) and a number of hours as the recipient reads them. */
const day = (p: P, key: string, locale: Locale): string => {
	const v = s(p, key);
	const d = new Date(`${v.slice(0, 10)}T12:00:00Z`);
	return Number.isNaN(d.getTime())
		? v
		: d.toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', {
				dateStyle: 'medium',
				timeZone: 'UTC'
			});
};
const hours = (p: P, locale: Locale): string => {
	const n = Number(s(p, 'hours'));
	return Number.isFinite(n) ? n.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB') : s(p, 'hours');
};
const reasonLine = (p: P, locale: Locale): string[] =>
	s(p, 'reason') ? [m.mail_reason({ reason: s(p, 'reason') }, { locale })] : [];

export const EVENTS: Record<MailKind, (p: P, locale: Locale) => Parts> = {
	proposal: (p, locale) => ({
		subject: m.mail_proposal_subject({ title: s(p, 'title') }, { locale }),
		lines: [
			m.mail_proposal_body({ title: s(p, 'title'), organisation: s(p, 'organisation') }, { locale })
		],
		action: { label: m.mail_action_answer({}, { locale }), path: path(p, '/matches') }
	}),
	match_active: (p, locale) => ({
		subject: m.mail_match_active_subject({ title: s(p, 'title') }, { locale }),
		lines: [
			m.mail_match_active_body(
				{ title: s(p, 'title'), organisation: s(p, 'organisation') },
				{ locale }
			),
			...(s(p, 'contact_email')
				? [
						m.mail_match_active_contact(
							{ name: s(p, 'contact_name') || s(p, 'organisation'), email: s(p, 'contact_email') },
							{ locale }
						)
					]
				: [])
		],
		action: { label: m.mail_action_open_match({}, { locale }), path: path(p, '/matches') }
	}),
	match_ended: (p, locale) => ({
		subject: m.mail_match_ended_subject({ title: s(p, 'title') }, { locale }),
		lines: [
			m.mail_match_ended_body(
				{ title: s(p, 'title'), organisation: s(p, 'organisation') },
				{ locale }
			),
			...reasonLine(p, locale)
		],
		action: { label: m.mail_action_open_matches({}, { locale }), path: path(p, '/matches') }
	}),
	hours_reviewed: (p, locale) => {
		const args = {
			title: s(p, 'title'),
			hours: hours(p, locale),
			date: day(p, 'worked_on', locale)
		};
		const confirmed = p.confirmed === true;
		return {
			subject: confirmed
				? m.mail_hours_confirmed_subject(args, { locale })
				: m.mail_hours_rejected_subject(args, { locale }),
			lines: [
				confirmed
					? m.mail_hours_confirmed_body(args, { locale })
					: m.mail_hours_rejected_body(args, { locale }),
				...reasonLine(p, locale)
			],
			action: { label: m.mail_action_open_hours({}, { locale }), path: path(p, '/hours') }
		};
	},
	reminder: (p, locale) =>
		p.check_in === true
			? {
					subject: m.mail_check_in_subject({ title: s(p, 'title') }, { locale }),
					lines: [
						m.mail_check_in_body(
							{ title: s(p, 'title'), organisation: s(p, 'organisation') },
							{ locale }
						)
					],
					action: { label: m.mail_action_open_match({}, { locale }), path: path(p, '/matches') },
					checkIn: { match: s(p, 'match'), month: s(p, 'month') }
				}
			: {
					subject: m.mail_reminder_subject({ title: s(p, 'title') }, { locale }),
					lines: [
						m.mail_reminder_body({ title: s(p, 'title'), date: day(p, 'date', locale) }, { locale })
					],
					action: { label: m.mail_action_open_match({}, { locale }), path: path(p, '/matches') }
				},
	help_offered: (p, locale) => ({
		subject: m.mail_help_offered_subject({ title: s(p, 'title') }, { locale }),
		lines: [m.mail_help_offered_body({ title: s(p, 'title') }, { locale })],
		action: { label: m.mail_action_answer({}, { locale }), path: path(p) }
	}),
	proposal_answered: (p, locale) => {
		const args = { title: s(p, 'title') };
		const accepted = p.accepted === true;
		return {
			subject: accepted
				? m.mail_proposal_accepted_subject(args, { locale })
				: m.mail_proposal_declined_subject(args, { locale }),
			lines: [
				accepted
					? m.mail_proposal_accepted_body(args, { locale })
					: m.mail_proposal_declined_body(args, { locale })
			],
			action: { label: m.mail_action_open_matches({}, { locale }), path: path(p) }
		};
	},
	need_decided: (p, locale) => {
		const args = { title: s(p, 'title') };
		const approved = p.approved === true;
		return {
			subject: approved
				? m.mail_need_approved_subject(args, { locale })
				: m.mail_need_sent_back_subject(args, { locale }),
			lines: [
				approved
					? m.mail_need_approved_body(args, { locale })
					: m.mail_need_sent_back_body(args, { locale }),
				...reasonLine(p, locale)
			],
			action: { label: m.mail_action_open_need({}, { locale }), path: path(p) }
		};
	},
	hours_to_review: (p, locale) => ({
		subject: m.mail_hours_to_review_subject({ title: s(p, 'title') }, { locale }),
		lines: [
			m.mail_hours_to_review_body(
				{ title: s(p, 'title'), hours: hours(p, locale), date: day(p, 'worked_on', locale) },
				{ locale }
			)
		],
		action: { label: m.mail_action_review({}, { locale }), path: path(p) }
	}),
	approvals_waiting: (p, locale) => ({
		subject:
			p.what === 'match'
				? m.mail_approval_match_subject({ title: s(p, 'title') }, { locale })
				: m.mail_approval_need_subject({ title: s(p, 'title') }, { locale }),
		lines: [
			p.what === 'match'
				? m.mail_approval_match_body({ title: s(p, 'title') }, { locale })
				: m.mail_approval_need_body({ title: s(p, 'title') }, { locale })
		],
		action: { label: m.mail_action_decide({}, { locale }), path: path(p) }
	}),
	pool_message: (p, locale) => ({
		subject: m.mail_pool_message_subject(
			{ organisation: s(p, 'organisation'), subject: s(p, 'subject') },
			{ locale }
		),
		lines: s(p, 'text').split(/\n{2,}/),
		action: { label: m.mail_action_open_pools({}, { locale }), path: path(p, '/pools') }
	})
};
