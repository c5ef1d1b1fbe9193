// A statement and its values as one literal text, for the simple protocol: how a transaction's
// opening and a page's side-by-side reads travel in one message (person.ts).
import { createRequire } from 'node:module';
import pg from 'pg';

/** node-postgres' own conversion of a value to the text it sends (a Date, an array, JSON …). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
	prepareValue(value: unknown): unknown;
};

/**
 * Where the `$n` parameters of a statement lie, or null when the statement is not plain enough
 * to say for sure (an E'…' string, a dollar-quoted body, an unterminated quote or comment). A
 * `$n` inside a string, a quoted name or a comment is no parameter and is not listed.
 */
function parameterSpans(text: string): { at: number; end: number; index: number }[] | null {
	const spans: { at: number; end: number; index: number }[] = [];
	let i = 0;
	// Stryker disable next-line EqualityOperator: one step past the end reads nothing and stops
	while (i < text.length) {
		const ch = text[i]!;
		const next = text[i + 1];
		if (ch === "'" || ch === '"') {
			// Stryker disable next-line StringLiteral: '' is no word character either
			if (ch === "'" && i > 0 && /[eE]/.test(text[i - 1]!) && !/\w/.test(text[i - 2] ?? ' '))
				return null;
			// '' (or "") inside continues the quoted text.
			let j = i + 1;
			for (;;) {
				j = text.indexOf(ch, j);
				// Stryker disable next-line EqualityOperator: found from i + 1, j is never 0
				if (j < 0) return null;
				// Stryker disable next-line ConditionalExpression: 'a''b' read as 'a' then 'b' gives the same spans
				if (text[j + 1] === ch) j += 2;
				else break;
			}
			i = j + 1;
		} else if (ch === '-' && next === '-') {
			const j = text.indexOf('\n', i);
			// Stryker disable next-line EqualityOperator: text[i] is '-', so a newline is never at 0
			i = j < 0 ? text.length : j + 1;
		} else if (ch === '/' && next === '*') {
			const j = text.indexOf('*/', i + 2);
			// Stryker disable next-line EqualityOperator: searched from i + 2, j is never 0
			if (j < 0 || text.slice(i + 2, j).includes('/*')) return null;
			i = j + 2;
		} else if (ch === '$') {
			const m = /^\$(\d+)/.exec(text.slice(i));
			// Stryker disable next-line StringLiteral: '' stands for no character before as ' ' does (neither is a word character or $)
			if (!m || /[\w$]/.test(text[i - 1] ?? ' ')) return null;
			spans.push({ at: i, end: i + m[0].length, index: Number(m[1]) - 1 });
			i += m[0].length;
		} else i++;
	}
	return spans;
}

/**
 * A statement and its values as one literal text for the simple protocol, or null when it cannot
 * be written so for sure (see parameterSpans; bytes; a NUL, which a text message cannot carry):
 * each `$n` becomes the text node-postgres would have sent for it (prepareValue), escaped as a
 * literal, so the server infers its type from the context as it does for an untyped parameter.
 */
export function withLiterals(text: string, values: readonly unknown[] = []): string | null {
	const spans = parameterSpans(text);
	if (!spans) return null;
	let out = '';
	let from = 0;
	for (const span of spans) {
		if (span.index < 0 || span.index >= values.length) return null;
		const value = prepareValue(values[span.index]);
		if (value instanceof Uint8Array || (typeof value === 'string' && value.includes('\0')))
			return null;
		out += text.slice(from, span.at) + (value === null ? 'null' : pg.escapeLiteral(String(value)));
		from = span.end;
	}
	return out + text.slice(from);
}
