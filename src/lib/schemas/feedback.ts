import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { plainText } from './text.ts';

/** A rating of 1–5 with an optional comment, from one perspective. */
export const feedbackSchema = z.object({
	matchId: z.uuid({ error: () => m.validation_reference() }),
	perspective: z.enum(['helper', 'coordinator', 'beneficiary'], {
		error: () => m.validation_reference()
	}),
	rating: z.coerce
		.number({ error: () => m.feedback_rating_required() })
		.int({ error: () => m.feedback_rating_required() })
		.min(1, { error: () => m.feedback_rating_required() })
		.max(5, { error: () => m.feedback_rating_required() }),
	comment: z.preprocess(
		(v) => v ?? '',
		plainText({ multiline: true }).pipe(
			z.string().max(1000, { error: () => m.feedback_comment_too_long() })
		)
	)
});

export type FeedbackInput = z.infer<typeof feedbackSchema>;
