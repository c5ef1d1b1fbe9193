import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

const id = () => z.uuid({ error: () => m.validation_reference() });

export const proposeSchema = z.object({
	helperId: id(),
	score: z.coerce.number().min(0).max(100).nullable().catch(null)
});

export const needRefSchema = z.object({ needId: id() });
export const matchRefSchema = z.object({ matchId: id() });

/** Reviewed batch pairs, posted as "needId/helperId/score" checkbox values. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PAIR = new RegExp(`^(${UUID})/(${UUID})/(\\d{1,3}(?:\\.\\d{1,4})?)$`, 'i');

const pairSchema = z
	.string()
	.regex(PAIR, { error: () => m.validation_reference() })
	.transform((v) => {
		const [, needId, helperId, score] = PAIR.exec(v)!;
		return { needId: needId!, helperId: helperId!, score: Number(score) };
	})
	.refine((p) => p.score <= 100, { error: () => m.validation_reference() });

export const batchSelectionSchema = z
	.array(pairSchema)
	.min(1, { error: () => m.batch_nothing_selected() })
	.max(2000);
