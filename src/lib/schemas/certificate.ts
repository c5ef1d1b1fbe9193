// The period of a certificate of engagement: from and to as calendar months ('yyyy-mm'), read
// from the page's query string. Empty fields mean the default: the last 12 months up to this one.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { addMonths } from '$lib/domain/hours/month';

/** A certificate covers at most five years, as references for volunteering usually do. */
export const MAX_PERIOD_MONTHS = 60;
/** The default period: this month and the eleven before it. */
export const DEFAULT_PERIOD_MONTHS = 12;

export interface CertificatePeriod {
	/** First day of the first month, 'yyyy-mm-01'. */
	from: string;
	/** First day of the last month, 'yyyy-mm-01'; the period includes this whole month. */
	to: string;
}

/** Months between two first days, counting both ends: 2026-01 to 2026-12 is 12. */
export function monthsIn(from: string, to: string): number {
	const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
	return index(to) - index(from) + 1;
}

const month = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
	z
		.string({ error: () => m.validation_certificate_month() })
		.regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: () => m.validation_certificate_month() })
		.transform((v) => `${v}-01`)
		.optional()
);

/** The period schema for a given current month ('yyyy-mm-01', in Europe/Berlin). */
export function certificatePeriodSchema(thisMonth: string) {
	return z
		.object({ from: month, to: month })
		.transform(({ from, to }) => {
			const end = to ?? thisMonth;
			return { from: from ?? addMonths(end, 1 - DEFAULT_PERIOD_MONTHS), to: end };
		})
		.superRefine((period, ctx) => {
			const future = (['from', 'to'] as const).filter((field) => period[field] > thisMonth);
			for (const field of future)
				ctx.addIssue({ code: 'custom', path: [field], message: m.validation_certificate_future() });
			if (future.length > 0) return;
			if (period.to < period.from) {
				ctx.addIssue({ code: 'custom', path: ['to'], message: m.validation_certificate_order() });
			} else if (monthsIn(period.from, period.to) > MAX_PERIOD_MONTHS) {
				ctx.addIssue({
					code: 'custom',
					path: ['from'],
					message: m.validation_certificate_too_long({ years: MAX_PERIOD_MONTHS / 12 })
				});
			}
		});
}
