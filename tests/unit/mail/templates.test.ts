// Mail templates (src/lib/server/mail/templates.ts): every kind of event mail, in German and
// English, with each of its variants; the links only to this site; escaping in the HTML part;
// dates and hours as the reader reads them; the digest; mails written out by their step.
// Each rendered mail is pinned in a snapshot (tests/unit/mail/__snapshots__), read once by a person.
import { describe, expect, it } from 'vitest';
import { kindsOf, renderMail, type OutboxRow } from '../../../src/lib/server/mail/templates.ts';
import { checkCheckInToken } from '../../../src/lib/server/mail/check-in.ts';
import { checkUnsubscribeToken } from '../../../src/lib/server/mail/unsubscribe.ts';

const ctx = {
	origin: 'https://zeit.example/',
	secret: 'test-secret',
	now: new Date('2027-01-10T09:00:00Z')
};
const PERSON = '00000000-0004-4000-8000-000000000001';
const MATCH = '00000000-0006-4000-8000-000000000001';
const base = { title: 'Lesepatenschaft', organisation: 'Lernpaten e. V.' };

const row = (
	kind: string,
	payload: Record<string, unknown>,
	locale: 'de' | 'en' = 'de'
): OutboxRow => ({
	id: 1,
	recipient: 'mara@lindenau.example',
	person_id: PERSON,
	kind,
	locale,
	payload,
	subject: null,
	body: null
});

// Each kind with each of its variants.
const CASES: [string, string, Record<string, unknown>][] = [
	['proposal', 'proposal', { ...base, path: '/matches/abc' }],
	[
		'match_active',
		'match_active with a contact',
		{ ...base, contact_email: 'k@l.example', contact_name: 'Katrin' }
	],
	[
		'match_active',
		'match_active, contact without a name',
		{ ...base, contact_email: 'k@l.example' }
	],
	['match_active', 'match_active without a contact', base],
	['match_ended', 'match_ended with a reason', { ...base, reason: 'Umzug' }],
	['match_ended', 'match_ended without a reason', base],
	[
		'hours_reviewed',
		'hours confirmed',
		{ ...base, hours: 2.5, worked_on: '2027-01-05', confirmed: true }
	],
	[
		'hours_reviewed',
		'hours sent back',
		{ ...base, hours: 2, worked_on: '2027-01-05', confirmed: false, reason: 'Datum?' }
	],
	['reminder', 'reminder', { ...base, date: '2027-01-11' }],
	['reminder', 'monthly check-in', { ...base, check_in: true, match: MATCH, month: '2027-01-01' }],
	['help_offered', 'help offered', base],
	['proposal_answered', 'proposal accepted', { ...base, accepted: true }],
	['proposal_answered', 'proposal declined', { ...base, accepted: false }],
	['need_decided', 'need approved', { ...base, approved: true }],
	['need_decided', 'need sent back', { ...base, approved: false, reason: 'Bitte genauer' }],
	['hours_to_review', 'hours to review', { ...base, hours: 1, worked_on: '2027-01-06' }],
	['approvals_waiting', 'a match waits', { ...base, what: 'match' }],
	['approvals_waiting', 'a need waits', { ...base, what: 'need' }],
	['pool_message', 'pool message', { ...base, subject: 'Sommerfest', text: 'Hallo!\n\nBis bald.' }]
];

describe('event mails', () => {
	for (const [kind, name, payload] of CASES)
		for (const locale of ['de', 'en'] as const)
			it(`${name} (${locale})`, () => {
				const mail = renderMail(row(kind, payload, locale), ctx);
				expect(mail.to).toBe('mara@lindenau.example');
				expect(mail.html).toContain(`<html lang="${locale}">`);
				// The one-click unsubscribe for this kind, in the footer and the headers.
				const off = /^<(https:\/\/zeit\.example\/unsubscribe\?t=[^>]+)>$/.exec(
					mail.headers!['List-Unsubscribe']!
				)![1]!;
				expect(mail.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
				expect(mail.text).toContain(off);
				const token = decodeURIComponent(new URL(off).searchParams.get('t')!);
				expect(checkUnsubscribeToken(ctx.secret, token, ctx.now)).toMatchObject({
					person: PERSON,
					kinds: [kind]
				});
				expect(mail.text).toContain('https://zeit.example/profile#mail');
				expect(mail.text.endsWith('\n')).toBe(true);
				expect({ subject: mail.subject, text: mail.text, html: mail.html }).toMatchSnapshot();
			});

	it('the subjects and words differ by language', () => {
		for (const [kind, , payload] of CASES) {
			const de = renderMail(row(kind, payload, 'de'), ctx);
			const en = renderMail(row(kind, payload, 'en'), ctx);
			// A pool message's subject is the organisation's own words.
			if (kind !== 'pool_message') expect(de.subject, kind).not.toBe(en.subject);
			expect(de.text, kind).not.toBe(en.text);
		}
	});

	it('links only to pages of this site: a payload cannot point a mail elsewhere', () => {
		for (const bad of [
			'https://evil.example/x',
			'//evil.example',
			'/a/../b',
			'/x?y=1',
			'matches',
			7
		]) {
			const mail = renderMail(row('proposal', { ...base, path: bad }), ctx);
			expect(mail.text, String(bad)).toContain('https://zeit.example/matches\n');
			expect(mail.text, String(bad)).not.toContain('evil');
		}
		const mail = renderMail(row('proposal', { ...base, path: '/matches/a_b-9' }), ctx);
		expect(mail.text).toContain('https://zeit.example/matches/a_b-9\n');
	});

	it('escapes what the payload says in the HTML part, and leaves the text part as written', () => {
		const title = `<b>"Lesen" & 'Schreiben'</b>`;
		const mail = renderMail(row('help_offered', { title }), ctx);
		expect(mail.text).toContain(title);
		expect(mail.html).not.toContain('<b>');
		expect(mail.html).toContain('&lt;b&gt;&quot;Lesen&quot; &amp; &#39;Schreiben&#39;&lt;/b&gt;');
	});

	it('dates and hours as the reader reads them; what is no date or number stays as it was', () => {
		const de = renderMail(
			row('hours_to_review', { title: 't', hours: 2.5, worked_on: '2027-03-05' }),
			ctx
		);
		expect(de.text).toContain('2,5');
		expect(de.text).toContain('05.03.2027');
		const en = renderMail(
			row('hours_to_review', { title: 't', hours: '2.5', worked_on: '2027-03-05' }, 'en'),
			ctx
		);
		expect(en.text).toContain('2.5');
		expect(en.text).toContain('5 Mar 2027');
		const odd = renderMail(
			row('hours_to_review', { title: 't', hours: 'zwei', worked_on: 'gestern' }),
			ctx
		);
		expect(odd.text).toContain('zwei');
		expect(odd.text).toContain('gestern');
		const none = renderMail(row('hours_to_review', { title: 't', hours: { n: 1 } }), ctx);
		expect(none.text).not.toContain('[object');
	});

	it('the monthly check-in carries one signed answer link for each answer', () => {
		const mail = renderMail(
			row('reminder', { ...base, check_in: true, match: MATCH, month: '2027-01-01' }),
			ctx
		);
		const links = [...mail.text.matchAll(/https:\/\/zeit\.example\/check-in\?t=([^\s]+)/g)];
		expect(
			links.map((l) => checkCheckInToken(ctx.secret, decodeURIComponent(l[1]!))?.answer)
		).toEqual(['fine', 'concern', 'ended']);
		expect(checkCheckInToken(ctx.secret, decodeURIComponent(links[0]![1]!))).toMatchObject({
			match: MATCH,
			helper: PERSON,
			month: '2027-01-01'
		});
		expect(mail.html!.match(/\/check-in\?t=/g)).toHaveLength(3);
	});
});

describe('the daily digest', () => {
	const digest = (items: unknown[], locale: 'de' | 'en' = 'de') =>
		({ ...row('digest', { items }, locale), kind: 'digest' }) as OutboxRow;
	const items = [
		{ kind: 'hours_to_review', payload: { title: 'Alpha', hours: 1, worked_on: '2027-01-02' } },
		{ kind: 'approvals_waiting', payload: { title: 'Beta', what: 'need' } },
		{ kind: 'hours_to_review', payload: { title: 'Gamma', hours: 2, worked_on: '2027-01-03' } },
		{ kind: 'no_such_kind', payload: { title: 'Unbekannt-XYZ' } }
	];

	it('one mail for the known items, each with its heading and link; the unsubscribe covers their kinds', () => {
		expect(kindsOf(digest(items))).toEqual(['hours_to_review', 'approvals_waiting']);
		const mail = renderMail(digest(items), ctx);
		expect(mail.subject).toContain('3');
		for (const title of ['Alpha', 'Beta', 'Gamma']) expect(mail.html).toContain(title);
		expect(mail.text).not.toContain('Unbekannt-XYZ');
		expect(mail.html!.match(/<h2 /g)).toHaveLength(3);
		expect(mail.text.match(/^• /gm)).toHaveLength(3);
		const off = /<(.+)>/.exec(mail.headers!['List-Unsubscribe']!)![1]!;
		const token = decodeURIComponent(new URL(off).searchParams.get('t')!);
		expect(checkUnsubscribeToken(ctx.secret, token, ctx.now)).toMatchObject({
			kinds: ['hours_to_review', 'approvals_waiting']
		});
		expect({ subject: mail.subject, text: mail.text, html: mail.html }).toMatchSnapshot();
	});

	it('a digest without items names no kind', () => {
		expect(kindsOf(digest([]))).toEqual([]);
		expect(kindsOf({ ...digest([]), payload: null })).toEqual([]);
	});
});

describe('mails written out by their step (sign-in code, invitation)', () => {
	it('go as written: the subject, the body, and paragraphs in the HTML part', () => {
		const written: OutboxRow = {
			...row('sign_in_code', {}),
			kind: 'sign_in_code',
			subject: 'Dein Code: 123456 <jetzt>',
			body: 'Hallo,\nhier ist er.\n\n\nBis gleich & danke'
		};
		const mail = renderMail(written, ctx);
		expect(mail).toMatchObject({
			to: 'mara@lindenau.example',
			subject: written.subject,
			text: written.body
		});
		expect(mail.headers).toBeUndefined();
		expect(mail.html).toContain('<title>Dein Code: 123456 &lt;jetzt&gt;</title>');
		expect(mail.html).toContain('<p>Hallo,<br>hier ist er.</p>\n<p>Bis gleich &amp; danke</p>');
	});

	it('an event row without a person, and a row without subject or body, go as written too', () => {
		const anonymous = renderMail(
			{ ...row('proposal', base), person_id: null, subject: 'S', body: 'B' },
			ctx
		);
		expect(anonymous).toMatchObject({ subject: 'S', text: 'B' });
		const empty = renderMail({ ...row('x', {}), kind: null }, ctx);
		expect(empty).toMatchObject({ subject: '', text: '' });
		expect(empty.html).toContain('<title></title>');
	});
});
