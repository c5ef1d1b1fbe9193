import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { clientKeyFields } from './offline.ts';
import { plainText } from './text.ts';

const id = () => z.uuid({ error: () => m.validation_reference() });

/**
 * A calendar date as yyyy-mm-dd that exists (no 31 February, no year 0: JavaScript has one,
 * PostgreSQL refuses it, which answered 500).
 */
const isoDate = z
	.string({ error: () => m.validation_hours_date() })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.validation_hours_date() })
	.refine(
		(v) => {
			const d = new Date(`${v}T00:00:00Z`);
			return (
				!v.startsWith('0000') && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
			);
		},
		{ error: () => m.validation_hours_date() }
	);

/** Hours in quarter hours from 0.25 to 24; a German comma is fine ("1,5"). */
const quarterHours = z
	.string({ error: () => m.validation_hours_amount() })
	.trim()
	.regex(/^\d{1,2}([.,]\d{1,2})?$/, { error: () => m.validation_hours_amount() })
	.transform((v) => Number(v.replace(',', '.')))
	.refine((v) => v >= 0.25 && v <= 24 && Number.isInteger(v * 4), {
		error: () => m.validation_hours_amount()
	});

const note = plainText({ multiline: true }).pipe(
	z.string().max(500, { error: () => m.validation_hours_note() })
);

/** What a helper writes down: which day, how long, a short note. */
export const hourLogEntrySchema = z.object({
	workedOn: isoDate,
	hours: quarterHours,
	note: z.preprocess((v) => v ?? '', note)
});

/** Logging hours, which a phone may queue offline (clientKey, clientOwner). */
export const logHoursSchema = hourLogEntrySchema.extend({ matchId: id(), ...clientKeyFields });
export const correctLogSchema = hourLogEntrySchema.extend({ logId: id() });
export const logRefSchema = z.object({ logId: id() });

/** A coordinator's review: confirm, or reject with a reason the helper reads. */
export const hourReviewSchema = z
	.object({
		logId: id(),
		decision: z.enum(['confirmed', 'rejected'], { error: () => m.validation_reference() }),
		reason: z.preprocess((v) => v ?? '', note)
	})
	.refine((v) => v.decision === 'confirmed' || v.reason.length >= 3, {
		path: ['reason'],
		error: () => m.hours_review_reason_required()
	});

/** Several logs confirmed at once (a month's, as the page showed them). */
export const confirmLogsSchema = z.object({
	logIds: z
		.array(id())
		.min(1, { error: () => m.hours_review_nothing_selected() })
		.max(500, { error: () => m.validation_reference() })
});

export type HourLogEntry = z.infer<typeof hourLogEntrySchema>;
export type HourReview = z.infer<typeof hourReviewSchema>;
export type LogHoursInput = z.infer<typeof logHoursSchema>;
export type CorrectLogInput = z.infer<typeof correctLogSchema>;
