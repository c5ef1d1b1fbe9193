// What a coordinator records of a §72a inspection: the helper and exactly the three facts
// §72a(5) SGB VIII allows — that the certificate was inspected, its date, and whether a
// disqualifying conviction is listed. The re-check date follows from the certificate's date.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

/** A certificate older than this is due for re-check already: recording it would serve nothing. */
export const CERTIFICATE_VALID_YEARS = 5;

/** The same calendar day five years before today, 'yyyy-mm-dd': a certificate must be younger. */
export function fiveYearsBefore(today: string): string {
	return `${Number(today.slice(0, 4)) - CERTIFICATE_VALID_YEARS}${today.slice(4)}`;
}

/** The schema for a given today ('yyyy-mm-dd' in Europe/Berlin). */
export function inspectionSchema(today: string) {
	return z.object({
		helperId: z.uuid({ error: () => m.inspections_validation_helper() }),
		certificateDate: z
			.string({ error: () => m.inspections_validation_date() })
			.trim()
			.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.inspections_validation_date() })
			.refine(
				(v) => {
					const d = new Date(`${v}T00:00:00Z`);
					return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
				},
				{ error: () => m.inspections_validation_date() }
			)
			.refine((v) => v <= today, { error: () => m.inspections_validation_date_future() })
			.refine((v) => v > fiveYearsBefore(today), {
				error: () => m.inspections_validation_date_old()
			}),
		inspected: z.literal('yes', { error: () => m.inspections_validation_inspected() }),
		convictionListed: z
			.enum(['yes', 'no'], { error: () => m.inspections_validation_conviction() })
			.transform((v) => v === 'yes')
	});
}

export type InspectionInput = z.infer<ReturnType<typeof inspectionSchema>>;
