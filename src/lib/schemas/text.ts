import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

// Control and format characters (NUL, zero-width spaces, bidi overrides) are refused: Postgres
// cannot store NUL, and invisible characters let a name look empty or like someone else's.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const INVISIBLE_EXCEPT_LINES = /(?![\n\t])[\p{Cc}\p{Cf}]/u;

/** Trimmed text a person typed: visible characters only (line breaks where `multiline`). */
export function plainText(options: { multiline?: boolean } = {}) {
	const forbidden = options.multiline ? INVISIBLE_EXCEPT_LINES : INVISIBLE;
	return z
		.string()
		.refine((v) => !forbidden.test(v), { error: () => m.validation_plain_text() })
		.transform((v) => v.trim());
}
