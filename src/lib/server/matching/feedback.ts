// Feedback after a match is completed: the helper speaks for themselves, a coordinator for the
// organisation and for the beneficiary (as told to them). Written as the person: the insert
// policy decides who may give which perspective; once per match and perspective.
import { FEEDBACK_ERROR_CODES, refusalCode, type FeedbackErrorCode } from '../../domain/errors.ts';
import type { FeedbackInput } from '../../schemas/feedback.ts';
import type { Queryable } from '../db/types.ts';
import { noteRefusal } from '../http/refusals.ts';

export type FeedbackResult = { ok: true } | { ok: false; code: FeedbackErrorCode };

export async function giveFeedback(
	tx: Queryable,
	personId: string,
	input: FeedbackInput
): Promise<FeedbackResult> {
	await tx.query('savepoint feedback');
	try {
		await tx.query(
			`insert into feedback (match_id, author_id, perspective, rating, comment)
			 values ($1, $2, $3, $4, $5)`,
			[input.matchId, personId, input.perspective, input.rating, input.comment]
		);
		// Stryker disable next-line StringLiteral: an unreleased savepoint ends with the transaction all the same
		await tx.query('release savepoint feedback');
		return { ok: true };
	} catch (error) {
		await tx.query('rollback to savepoint feedback');
		const code = refusalCode(FEEDBACK_ERROR_CODES, error);
		// Stryker disable next-line StringLiteral: the database raises only feedback_given here, which is not logged
		if (code) return { ok: false, code: noteRefusal('feedback', code) };
		// The policy refuses a match that is not completed or not the person's to rate.
		if ((error as { code?: string }).code === '42501')
			return { ok: false, code: noteRefusal('feedback', 'not_allowed') };
		// Two submissions at once: the second meets the unique constraint.
		if ((error as { code?: string }).code === '23505') return { ok: false, code: 'feedback_given' };
		throw error;
	}
}

export interface GivenFeedback {
	matchId: string;
	perspective: 'helper' | 'coordinator' | 'beneficiary';
	rating: number;
	comment: string;
}

/** Feedback the person may read on these matches (their own, or their organisation's). */
export async function feedbackOn(
	tx: Queryable,
	matchIds: readonly string[]
): Promise<GivenFeedback[]> {
	const { rows } = await tx.query<GivenFeedback>(
		`select match_id as "matchId", perspective, rating, comment from feedback
		 where match_id = any($1::uuid[]) order by created_at`,
		[matchIds]
	);
	return rows;
}
