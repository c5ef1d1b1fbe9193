// The profile's e-mail settings form and a coordinator's message to helpers: what they accept,
// and that anything else is refused with nothing taken from it.
import { describe, expect, it } from 'vitest';
import { isMailKind, MAIL_KINDS } from '$lib/domain/mail/kinds';
import { parseForm } from '$lib/schemas/form';
import { helperMessageSchema, parseMailPreferences } from '$lib/schemas/mail';

/** The settings form as the profile posts it: every kind's timing, the checked kinds' box. */
function settings(on: string[], digest: string[] = [], extra: [string, string][] = []) {
	const data = new FormData();
	for (const kind of MAIL_KINDS) {
		data.set(`${kind}.timing`, digest.includes(kind) ? 'digest' : 'instant');
		if (on.includes(kind)) data.set(`${kind}.on`, 'on');
	}
	for (const [k, v] of extra) data.set(k, v);
	return data;
}

describe('e-mail settings', () => {
	it('knows the kinds of mail a person can choose, and nothing else', () => {
		for (const kind of MAIL_KINDS) expect(isMailKind(kind)).toBe(true);
		for (const other of [
			'sign_in_code',
			'',
			'Hours_to_review',
			42,
			null,
			undefined,
			['pool_message']
		])
			expect(isMailKind(other)).toBe(false);
	});

	it('reads every kind: a checked box is on, a missing one off, with its timing', () => {
		const result = parseMailPreferences(
			settings(['proposal', 'hours_to_review'], ['hours_to_review'])
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.map((p) => p.kind)).toEqual([...MAIL_KINDS]);
		expect(result.value.find((p) => p.kind === 'proposal')).toEqual({
			kind: 'proposal',
			enabled: true,
			digest: false
		});
		expect(result.value.find((p) => p.kind === 'hours_to_review')).toEqual({
			kind: 'hours_to_review',
			enabled: true,
			digest: true
		});
		expect(result.value.find((p) => p.kind === 'match_ended')).toEqual({
			kind: 'match_ended',
			enabled: false,
			digest: false
		});
	});

	it('refuses an unknown timing, a missing timing or a box with another value', () => {
		const weekly = settings([...MAIL_KINDS]);
		weekly.set('proposal.timing', 'weekly');
		expect(parseMailPreferences(weekly)).toEqual({ ok: false });
		const missing = settings([...MAIL_KINDS]);
		missing.delete('reminder.timing');
		expect(parseMailPreferences(missing)).toEqual({ ok: false });
		expect(parseMailPreferences(settings([], [], [['proposal.on', 'off']]))).toEqual({ ok: false });
	});

	it('takes nothing from fields of kinds that do not exist (sign-in codes cannot be turned off)', () => {
		const result = parseMailPreferences(
			settings(
				[...MAIL_KINDS],
				[],
				[
					['sign_in_code.timing', 'instant'],
					['invitation.on', 'on']
				]
			)
		);
		expect(result.ok && result.value.map((p) => p.kind)).toEqual([...MAIL_KINDS]);
	});
});

describe('a message to helpers', () => {
	const message = (entries: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries({ needId: '', ...entries })) data.set(k, v);
		return parseForm(helperMessageSchema, data);
	};

	it('takes a subject of 3–120 and a text of 10–4000 characters, to the pool or one need', () => {
		expect(message({ subject: 'Sommerfest', text: 'Am Samstag ist Sommerfest.' })).toEqual({
			ok: true,
			value: { needId: '', subject: 'Sommerfest', text: 'Am Samstag ist Sommerfest.' }
		});
		const needId = crypto.randomUUID();
		expect(message({ needId, subject: 'abc', text: 'x'.repeat(4000) })).toMatchObject({
			ok: true,
			value: { needId }
		});
	});

	it('refuses a short or long subject or text and a broken need, each with its message', () => {
		expect(message({ subject: 'x', text: 'Am Samstag ist Sommerfest.' })).toEqual({
			ok: false,
			errors: { subject: ['Bitte schreib einen Betreff mit 3 bis 120 Zeichen.'] }
		});
		expect(message({ subject: 'x'.repeat(121), text: 'kurz' })).toMatchObject({
			ok: false,
			errors: {
				subject: ['Bitte schreib einen Betreff mit 3 bis 120 Zeichen.'],
				text: ['Bitte schreib eine Nachricht mit 10 bis 4000 Zeichen.']
			}
		});
		expect(message({ subject: 'Hallo', text: 'x'.repeat(4001) })).toMatchObject({ ok: false });
		expect(
			message({ needId: 'nicht-eine-id', subject: 'Hallo', text: 'Am Samstag ist Sommerfest.' })
		).toMatchObject({
			ok: false,
			errors: { needId: ['Dieser Eintrag ist nicht (mehr) gültig. Bitte lade die Seite neu.'] }
		});
	});
});
