// The town report's query: a period of whole months (from, to as 'yyyy-mm'), grouped by month,
// quarter or year, and the filters district, category and target group. Read from the page's
// query string (a GET form), so a report can be bookmarked, exported and printed as it is shown.
// Empty fields mean the default: grouped by month, the last 12 months up to this one, no filter.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { addMonths } from '$lib/domain/hours/month';
import { monthsIn } from './certificate.ts';
import { CATEGORIES, TARGET_GROUPS } from '../domain/vocabulary.ts';

/** A report covers at most five years. */
export const MAX_REPORT_MONTHS = 60;
export const DEFAULT_REPORT_MONTHS = 12;
export const REPORT_GROUPINGS = ['month', 'quarter', 'year'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export { CATEGORIES, TARGET_GROUPS };

export interface ReportQuery {
	/** First day of the first month, 'yyyy-mm-01'. */
	from: string;
	/** Last day of the last month, 'yyyy-mm-dd'. */
	to: string;
	by: ReportGrouping;
	district: string | null;
	category: (typeof CATEGORIES)[number] | null;
	targetGroup: (typeof TARGET_GROUPS)[number] | null;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

const month = z.preprocess(
	blank,
	z
		.string({ error: () => m.report_error_month() })
		.regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { error: () => m.report_error_month() })
		.transform((v) => `${v}-01`)
		.optional()
);

/** The last day of the month of a first day 'yyyy-mm-01'. */
export function lastDayOf(first: string): string {
	const next = addMonths(first, 1);
	const d = new Date(`${next}T00:00:00Z`);
	d.setUTCDate(0);
	return d.toISOString().slice(0, 10);
}

/** The query schema for the current month ('yyyy-mm-01', Europe/Berlin) and the town's districts. */
export function reportQuerySchema(thisMonth: string, districtIds: readonly string[]) {
	return z
		.object({
			from: month,
			to: month,
			by: z.preprocess(
				blank,
				z.enum(REPORT_GROUPINGS, { error: () => m.report_error_unknown_value() }).default('month')
			),
			district: z.preprocess(
				blank,
				z
					.string()
					.refine((v) => districtIds.includes(v), { error: () => m.report_error_unknown_value() })
					.optional()
			),
			category: z.preprocess(
				blank,
				z.enum(CATEGORIES, { error: () => m.report_error_unknown_value() }).optional()
			),
			target_group: z.preprocess(
				blank,
				z.enum(TARGET_GROUPS, { error: () => m.report_error_unknown_value() }).optional()
			)
		})
		.superRefine((q, ctx) => {
			const to = q.to ?? thisMonth;
			const from = q.from ?? addMonths(to, 1 - DEFAULT_REPORT_MONTHS);
			if (to < from) {
				ctx.addIssue({ code: 'custom', path: ['to'], message: m.report_error_order() });
			} else if (monthsIn(from, to) > MAX_REPORT_MONTHS) {
				ctx.addIssue({
					code: 'custom',
					path: ['from'],
					message: m.report_error_too_long({ years: MAX_REPORT_MONTHS / 12 })
				});
			}
		})
		.transform((q): ReportQuery => {
			const to = q.to ?? thisMonth;
			const from = q.from ?? addMonths(to, 1 - DEFAULT_REPORT_MONTHS);
			return {
				from,
				to: lastDayOf(to),
				by: q.by,
				district: q.district ?? null,
				category: q.category ?? null,
				targetGroup: q.target_group ?? null
			};
		});
}

/** The query as the form and the export links carry it. */
export function reportSearch(q: ReportQuery): URLSearchParams {
	const params = new URLSearchParams({ from: q.from.slice(0, 7), to: q.to.slice(0, 7), by: q.by });
	if (q.district) params.set('district', q.district);
	if (q.category) params.set('category', q.category);
	if (q.targetGroup) params.set('target_group', q.targetGroup);
	return params;
}
