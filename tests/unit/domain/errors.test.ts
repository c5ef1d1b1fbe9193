// The list of error codes is complete and every code reads as a sentence in both languages.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ERROR_CODES,
	errorMessage,
	MATCH_ERROR_CODES,
	NEED_VERB_ERROR_CODES,
	refusalCode
} from '../../../src/lib/domain/errors.ts';

const root = resolve(import.meta.dirname, '../../..');
const migrations = join(root, 'supabase', 'migrations');
const messages = (locale: string) =>
	JSON.parse(readFileSync(join(root, 'src/lib/i18n/messages', `${locale}.json`), 'utf8')) as Record<
		string,
		unknown
	>;

describe('stable error codes', () => {
	it('lists every code the migrations raise, and nothing else', () => {
		const raised = new Set<string>();
		for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
			const sql = readFileSync(join(migrations, file), 'utf8');
			for (const match of sql.matchAll(/private\.fail\('([a-z0-9_]+)'\)/g)) raised.add(match[1]!);
			// The hard rules of a pair (private.pair_checks) name their violation in a case.
			for (const match of sql.matchAll(/then '([a-z0-9_]+)'(?!::)/g)) raised.add(match[1]!);
		}
		expect([...new Set(ERROR_CODES)].sort()).toEqual([...raised].sort());
	});

	it('errorMessage gives the sentence of each code in the person’s language (German unless chosen)', () => {
		const de = messages('de');
		for (const code of ERROR_CODES) expect(errorMessage(code)).toBe(de[`error_code_${code}`]);
	});

	it('the verbs’ lists are part of the whole list', () => {
		for (const code of [...MATCH_ERROR_CODES, ...NEED_VERB_ERROR_CODES])
			expect(ERROR_CODES).toContain(code);
	});

	it.each(['de', 'en'])('every code has a message in %s', (locale) => {
		const all = messages(locale);
		const missing = ERROR_CODES.filter((code) => typeof all[`error_code_${code}`] !== 'string');
		expect(missing).toEqual([]);
	});

	it('recognises a refusal only as P0001 with a code of the list', () => {
		expect(refusalCode(MATCH_ERROR_CODES, { code: 'P0001', message: 'need_full' })).toBe(
			'need_full'
		);
		expect(refusalCode(MATCH_ERROR_CODES, { code: 'P0001', message: 'own_need' })).toBeNull();
		expect(refusalCode(MATCH_ERROR_CODES, { code: '23505', message: 'need_full' })).toBeNull();
		expect(refusalCode(MATCH_ERROR_CODES, null)).toBeNull();
	});
});
