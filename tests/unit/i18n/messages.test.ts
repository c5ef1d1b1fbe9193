// Every message in both languages (src/lib/i18n/messages/{de,en}.json), with the same
// placeholders; and the Leichte Sprache / Easy Read page (easy_*) keeps its rules: one sentence a
// line, short sentences, no abbreviations or signs a reader must decode.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../src/lib/i18n/messages');
/** A message: a text, or a plural one (inlang's message format: variants by a selector). */
type Message =
	string | { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
const load = (locale: string): Record<string, Message> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(resolve(dir, `${locale}.json`), 'utf8')
	);
	void _schema;
	return messages;
};
const de = load('de');
const en = load('en');
/** Every text of a message: the one, or each variant of a plural one. */
const texts = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
/** The placeholders a message's texts use, over all its variants. */
const placeholders = (message: Message) =>
	[
		...new Set(texts(message).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))
	].sort();

/** The sentences of a Leichte Sprache message that break its rules, each with the rule. */
export function easyReadProblems(text: string, maxWords = 12): string[] {
	return text.split('\n').flatMap((line) => {
		const problems: string[] = [];
		if (!line.trim()) problems.push(`empty line`);
		// A sentence ends and another starts on the same line.
		if (/[.?!]\s+\S/.test(line)) problems.push(`more than one sentence: ${line}`);
		const words = line.split(/\s+/).filter(Boolean).length;
		if (words > maxWords) problems.push(`${words} words: ${line}`);
		if (/\b(z\.\s?B|bzw|usw|d\.\s?h|ggf|e\.\s?g|i\.\s?e|etc)\b|[§%&;()]/i.test(line))
			problems.push(`abbreviation or sign: ${line}`);
		return problems;
	});
}

describe('messages', () => {
	it('every key exists in German and in English, none empty', () => {
		expect(Object.keys(en).filter((key) => !(key in de))).toEqual([]);
		expect(Object.keys(de).filter((key) => !(key in en))).toEqual([]);
		const empty = [de, en].flatMap((messages) =>
			Object.entries(messages).filter(([, message]) => texts(message).some((t) => !t.trim()))
		);
		expect(empty.map(([key]) => key)).toEqual([]);
	});

	it('a message has the same placeholders in both languages', () => {
		const differ = Object.keys(de).filter(
			(key) => placeholders(de[key]!).join() !== placeholders(en[key]!).join()
		);
		expect(differ).toEqual([]);
	});

	it('a plural message is plural in both languages, with a variant for every other count', () => {
		const plural = Object.keys(de).filter((key) => typeof de[key] !== 'string');
		expect(plural.length).toBeGreaterThan(0);
		const broken = plural.filter((key) =>
			[de[key]!, en[key]!].some(
				(message) =>
					typeof message === 'string' ||
					!message.every((v) => Object.keys(v.match).some((k) => k.endsWith('=*')))
			)
		);
		expect(broken).toEqual([]);
	});
});

describe('Leichte Sprache and Easy Read (easy_*)', () => {
	const easy = (messages: Record<string, Message>): [string, string][] =>
		Object.entries(messages).flatMap(([key, message]) =>
			key.startsWith('easy_') ? texts(message).map((text): [string, string] => [key, text]) : []
		);

	it('the check finds what breaks the rules', () => {
		expect(easyReadProblems('Sie melden sich an.\nDann geht es los.')).toEqual([]);
		const kinds = (text: string) => easyReadProblems(text).map((p) => p.split(':')[0]);
		expect(kinds('Sie melden sich an. Dann geht es los.')).toEqual(['more than one sentence']);
		expect(kinds('Das steht in § 72a.')).toEqual(['abbreviation or sign']);
		expect(kinds('Sie helfen z.B. gern')).toContain('abbreviation or sign');
		expect(
			kinds(
				'Mit Zeitspende helfen Sie heute Kindern, Jugendlichen und alten Menschen in der Stadt.'
			)
		).toEqual(['13 words']);
	});

	it('the page has its texts, in both languages, within the rules', () => {
		expect(easy(de).length).toBeGreaterThan(20);
		for (const messages of [de, en]) {
			const problems = easy(messages).flatMap(([key, text]) =>
				easyReadProblems(text).map((problem) => `${key}: ${problem}`)
			);
			expect(problems).toEqual([]);
		}
	});
});
