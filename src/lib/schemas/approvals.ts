import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { plainText } from './text.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ApprovalKind = 'need' | 'match';
export interface ApprovalItem {
	kind: ApprovalKind;
	id: string;
}

/** One entry of the queue as a form sends it: "need:<uuid>" or "match:<uuid>". */
const itemRef = z
	.string({ error: () => m.validation_reference() })
	.refine(
		(v) => {
			const [kind, id, ...rest] = v.split(':');
			return rest.length === 0 && (kind === 'need' || kind === 'match') && UUID.test(id ?? '');
		},
		{ error: () => m.validation_reference() }
	)
	.transform((v): ApprovalItem => {
		const [kind, id] = v.split(':') as [ApprovalKind, string];
		return { kind, id: id.toLowerCase() };
	});

const decision = z.enum(['approve', 'send_back'], { error: () => m.validation_reference() });

const reason = z.preprocess(
	(v) => v ?? '',
	plainText({ multiline: true }).pipe(
		z.string().max(500, { error: () => m.approvals_reason_required() })
	)
);

/** A sent-back item needs a reason the organisation reads: 3–500 characters. */
const reasonWhenSentBack = (v: { decision: string; reason: string }) =>
	v.decision === 'approve' || v.reason.length >= 3;

/** The town decides on one need or match. */
export const decideOneSchema = z
	.object({ item: itemRef, decision, reason })
	.refine(reasonWhenSentBack, {
		path: ['reason'],
		error: () => m.approvals_reason_required()
	});

/** The town decides on several at once: the ticked items, one decision, one reason for all. */
export const decideManySchema = z
	.object({
		items: z
			.array(itemRef, { error: () => m.approvals_nothing_selected() })
			.min(1, { error: () => m.approvals_nothing_selected() })
			.max(200, { error: () => m.validation_reference() }),
		decision,
		reason
	})
	.refine(reasonWhenSentBack, {
		path: ['reason'],
		error: () => m.approvals_reason_required()
	});

export type DecideOne = z.infer<typeof decideOneSchema>;
export type DecideMany = z.infer<typeof decideManySchema>;
