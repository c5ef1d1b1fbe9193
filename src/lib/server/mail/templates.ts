// Mail templates: an outbox row of an event kind becomes a mail in the recipient's language —
// plain text and a simple, accessible HTML part with the same words, a link to the page where
// they act, and the one-click unsubscribe link (also as List-Unsubscribe headers). A row written
// out by an older verb (subject + body) goes as it is. The words are paraglide messages (mail_*).
import { m } from '../../paraglide/messages.js';
import type { Mail } from './port.ts';
import { isMailKind, type MailKind } from '../../domain/mail/kinds.ts';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe.ts';
import { CHECK_IN_ANSWERS, checkInToken } from './check-in.ts';
import { EVENTS, type P, type Parts } from './event-mails.ts';

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
