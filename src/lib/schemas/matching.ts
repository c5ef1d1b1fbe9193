import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { clientKeyFields } from './offline.ts';
import { plainText } from './text.ts';

const id = () => z.uuid({ error: () => m.validation_reference() });

// No score: the server computes it from the candidate facts.
export const proposeSchema = z.object({ helperId: id() });

export const needRefSchema = z.object({ needId: id() });
export const matchRefSchema = z.object({ matchId: id() });

/** "I can help" and the helper's answer to a proposal, which a phone may queue offline. */
export const keyedNeedRefSchema = needRefSchema.extend(clientKeyFields);
export const keyedMatchRefSchema = matchRefSchema.extend(clientKeyFields);

/** Withdrawing from a match: the reason is optional and read by the other side. */
export const withdrawSchema = matchRefSchema.extend({
	reason: plainText({ multiline: true })
		.pipe(z.string().max(500, { error: () => m.error_code_reason_too_long() }))
		.default('')
});

/** Reviewed batch pairs, posted as "needId/helperId" checkbox values. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PAIR = new RegExp(`^(${UUID})/(${UUID})$`, 'i');

const pairSchema = z
	.string()
	.regex(PAIR, { error: () => m.validation_reference() })
	.transform((v) => {
		const [, needId, helperId] = PAIR.exec(v)!;
		return { needId: needId!, helperId: helperId! };
	});

export const batchSelectionSchema = z
	.array(pairSchema)
	.min(1, { error: () => m.batch_nothing_selected() })
	.max(2000)
	// A pair posted twice is sent once (each would take a turn of its own).
	.transform((pairs) => [
		...new Map(pairs.map((p) => [`${p.needId}/${p.helperId}`.toLowerCase(), p])).values()
	]);
