// The suggestions inbox's forms: a person suggests a need for a town, a coordinator answers one.
// Lengths count the trimmed text, as the database does.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { plainText } from './text.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (min: number, max: number, message: (count: number) => string) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v : ''),
		plainText({ multiline: true }).pipe(
			z.string().check((ctx) => {
				const count = [...ctx.value].length;
				if (count < min || count > max)
					ctx.issues.push({ code: 'custom', input: ctx.value, message: message(count) });
			})
		)
	);

/** A suggestion: a town from the list, optionally one of its districts, 10–1000 characters. */
export const suggestionSchema = z.object({
	municipalityId: z
		.string({ error: () => m.suggestions_town_required() })
		.regex(UUID, { error: () => m.suggestions_town_required() })
		.transform((v) => v.toLowerCase()),
	districtId: z.preprocess(
		(v) => (v === '' || v === null || v === undefined ? null : v),
		z
			.string({ error: () => m.suggestions_district_invalid() })
			.regex(UUID, { error: () => m.suggestions_district_invalid() })
			.transform((v) => v.toLowerCase())
			.nullable()
	),
	body: text(10, 1000, (count) => m.suggestions_body_length({ count }))
});

/** A coordinator's answer to a suggestion: 3–1000 characters its author reads. */
export const answerSchema = z.object({
	suggestionId: z
		.string({ error: () => m.suggestions_reference() })
		.regex(UUID, { error: () => m.suggestions_reference() })
		.transform((v) => v.toLowerCase()),
	answer: text(3, 1000, (count) => m.suggestions_answer_length({ count }))
});

export type SuggestionInput = z.infer<typeof suggestionSchema>;
export type AnswerInput = z.infer<typeof answerSchema>;
