// Mail templates: an outbox row of an event kind becomes a mail in the recipient's language —
// plain text and a simple, accessible HTML part with the same words, a link to the page where
// they act, and the one-click unsubscribe link (also as List-Unsubscribe headers). A row written
// out by an older verb (subject + body) goes as it is. The words are paraglide messages (mail_*).
import { m } from '../../paraglide/messages.js';
import type { Mail } from './port.ts';
import { isMailKind, type MailKind } from '../../domain/mail/kinds.ts';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe.ts';
import { CHECK_IN_ANSWERS, checkInToken } from './check-in.ts';

export type Locale = 'de' | 'en';

export interface OutboxRow {
	id: number;
	recipient: string;
	person_id: string | null;
	kind: string | null;
	locale: Locale;
	payload: Record<string, unknown> | null;
	subject: string | null;
	body: string | null;
}

export interface RenderContext {
	/** The site's address, e.g. https://zeitspende.example (links in the mail). */
	origin: string;
	/** AUTH_SECRET: signs the unsubscribe link. */
	secret: string;
	now?: Date;
}

/** What one event says: a subject, its lines, and where the recipient acts. */
interface Parts {
	subject: string;
	lines: string[];
	action: { label: string; path: string };
	/** A monthly check-in: one-click answers, signed for the recipient. */
	checkIn?: { match: string; month: string };
}

type P = Record<string, unknown>;
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

const EVENTS: Record<MailKind, (p: P, locale: Locale) => Parts> = {
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

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

function html(locale: Locale, subject: string, blocks: string[]): string {
	return [
		`<!doctype html><html lang="${locale}"><head><meta charset="utf-8">`,
		`<title>${escapeHtml(subject)}</title></head>`,
		'<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">',
		...blocks,
		'</body></html>'
	].join('\n');
}

const para = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
const link = (label: string, href: string) =>
	`<p><a href="${escapeHtml(href)}" style="color:#0b5394">${escapeHtml(label)}</a></p>`;

/** The kinds a mail carries: its own, or for a digest those of its items. */
export function kindsOf(row: OutboxRow): MailKind[] {
	if (row.kind === 'digest') {
		const items = Array.isArray(row.payload?.items) ? (row.payload.items as P[]) : [];
		return [...new Set(items.map((i) => i.kind).filter(isMailKind))];
	}
	return isMailKind(row.kind) ? [row.kind] : [];
}

export function renderMail(row: OutboxRow, ctx: RenderContext): Mail {
	const locale = row.locale;
	const kinds = kindsOf(row);
	if (kinds.length === 0 || !row.person_id) {
		// Written out by the step itself (sign-in code, invitation, older verbs).
		const body = row.body ?? '';
		return {
			to: row.recipient,
			subject: row.subject ?? '',
			text: body,
			html: html(locale, row.subject ?? '', body.split(/\n{2,}/).map(para))
		};
	}
	const origin = ctx.origin.replace(/\/$/, '');
	const events: Parts[] =
		row.kind === 'digest'
			? (row.payload!.items as P[])
					.filter((i) => isMailKind(i.kind))
					.map((i) => EVENTS[i.kind as MailKind]((i.payload ?? {}) as P, locale))
			: [EVENTS[row.kind as MailKind](row.payload ?? {}, locale)];
	const subject =
		row.kind === 'digest'
			? m.mail_digest_subject({ count: events.length }, { locale })
			: events[0]!.subject;
	const off = unsubscribeUrl(origin, unsubscribeToken(ctx.secret, row.person_id, kinds, ctx.now));
	const footer = [
		m.mail_footer_why({}, { locale }),
		m.mail_footer_unsubscribe({ url: off }, { locale }),
		m.mail_footer_settings({ url: `${origin}/profile#mail` }, { locale })
	];

	const text: string[] = [m.mail_greeting({}, { locale }), ''];
	const blocks: string[] = [para(m.mail_greeting({}, { locale }))];
	if (row.kind === 'digest') {
		text.push(m.mail_digest_intro({}, { locale }), '');
		blocks.push(para(m.mail_digest_intro({}, { locale })));
	}
	for (const event of events) {
		if (row.kind === 'digest') {
			text.push(`• ${event.subject}`);
			blocks.push(`<h2 style="font-size:1.1em">${escapeHtml(event.subject)}</h2>`);
		}
		const href = origin + event.action.path;
		text.push(...event.lines, '');
		blocks.push(...event.lines.map(para));
		if (event.checkIn) {
			const labels = {
				fine: m.mail_check_in_fine({}, { locale }),
				concern: m.mail_check_in_concern({}, { locale }),
				ended: m.mail_check_in_ended({}, { locale })
			};
			for (const answer of CHECK_IN_ANSWERS) {
				const token = checkInToken(ctx.secret, {
					match: event.checkIn.match,
					helper: row.person_id,
					month: event.checkIn.month,
					answer
				});
				const answerHref = `${origin}/check-in?t=${encodeURIComponent(token)}`;
				text.push(`${labels[answer]}: ${answerHref}`);
				blocks.push(link(labels[answer], answerHref));
			}
			text.push('');
		}
		text.push(`${event.action.label}: ${href}`, '');
		blocks.push(link(event.action.label, href));
	}
	text.push(m.mail_signature({}, { locale }), '', '-- ', ...footer);
	blocks.push(
		para(m.mail_signature({}, { locale })),
		'<hr>',
		`<p style="font-size:0.9em">${escapeHtml(footer[0]!)}<br>`,
		`<a href="${escapeHtml(off)}">${escapeHtml(m.mail_unsubscribe_link({}, { locale }))}</a> · `,
		`<a href="${escapeHtml(origin)}/profile#mail">${escapeHtml(m.mail_settings_link({}, { locale }))}</a></p>`
	);
	return {
		to: row.recipient,
		subject,
		text: text.join('\n') + '\n',
		html: html(locale, subject, blocks),
		// RFC 8058: mail programs offer one-click unsubscribe and POST to the link.
		headers: {
			'List-Unsubscribe': `<${off}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}
