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
export const batchSelectionSchema = z
	.array(
		z
			.string()
			.regex(/^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9.]+$/i, { error: () => m.validation_reference() })
			.transform((v) => {
				const [needId, helperId, score] = v.split('/');
				return { needId: needId!, helperId: helperId!, score: Number(score) };
			})
	)
	.min(1, { error: () => m.batch_nothing_selected() })
	.max(2000);
