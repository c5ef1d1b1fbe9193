// Every message in both languages (src/lib/i18n/messages/{de,en}.json), with the same
// placeholders; and the Leichte Sprache / Easy Read page (easy_*) keeps its rules: one sentence a
// line, short sentences, no abbreviations or signs a reader must decode.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../src/lib/i18n/messages');
const load = (locale: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(resolve(dir, `${locale}.json`), 'utf8')
	);
	void _schema;
	return messages;
};
const de = load('de');
const en = load('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
		const empty = Object.entries({ ...de, ...en }).filter(([, text]) => !String(text).trim());
		expect(empty.map(([key]) => key)).toEqual([]);
	});

	it('a message has the same placeholders in both languages', () => {
		const differ = Object.keys(de).filter(
			(key) =>
				typeof de[key] === 'string' &&
				typeof en[key] === 'string' &&
				placeholders(de[key]).join() !== placeholders(en[key]).join()
		);
		expect(differ).toEqual([]);
	});
});

describe('Leichte Sprache and Easy Read (easy_*)', () => {
	const easy = (messages: Record<string, string>) =>
		Object.entries(messages).filter(([key]) => key.startsWith('easy_'));

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
