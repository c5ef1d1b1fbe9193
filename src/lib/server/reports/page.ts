// The report pages' shared server part: who may open them (a coordinator of a municipal office;
// the database checks it again), the town's districts, and the query read from the address.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { berlinToday, monthOf } from '$lib/domain/hours/month';
import { parseValues, type FieldErrors } from '$lib/schemas/form';
import { reportQuerySchema, type ReportQuery } from '$lib/schemas/report';
import type { CoordinatedOrganisation } from '../organisations/coordination.ts';
import { logRefusal } from '../http/refusals.ts';
import { requireCoordinator } from '../organisations/guard.ts';
import { townDistricts } from './town-report.ts';

export interface ReportAccess {
	organisation: CoordinatedOrganisation;
	districts: { id: string; name: string }[];
}

/** 404 unknown or another organisation's, 403 a nonprofit's own: the report is the town's. */
export async function requireReportReader(
	locals: App.Locals,
	organisationId: string
): Promise<ReportAccess> {
	const organisation = await requireCoordinator(locals, organisationId);
	if (organisation.kind !== 'municipal') {
		logRefusal(`town report of nonprofit ${organisation.id}`);
		error(403, m.report_error_not_municipal());
	}
	const districts = await locals.db(async (tx) => {
		const { rows } = await tx.query<{ municipality_id: string }>(
			'select municipality_id from organisations where id = $1',
			[organisation.id]
		);
		return townDistricts(tx, rows[0]!.municipality_id);
	});
	return { organisation, districts };
}

export const QUERY_FIELDS = ['from', 'to', 'by', 'district', 'category', 'target_group'] as const;
export type QueryValues = Record<(typeof QUERY_FIELDS)[number], string>;

/** The query as typed (for the form) and, when valid, as the report reads it. */
export function readQuery(
	url: URL,
	districts: { id: string }[]
):
	| { ok: true; query: ReportQuery; values: QueryValues }
	| { ok: false; errors: FieldErrors; values: QueryValues } {
	const values = Object.fromEntries(
		QUERY_FIELDS.map((f) => [f, url.searchParams.get(f) ?? ''])
	) as QueryValues;
	const parsed = parseValues(
		reportQuerySchema(
			monthOf(berlinToday()),
			districts.map((d) => d.id)
		),
		values
	);
	if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
	const q = parsed.value;
	return {
		ok: true,
		query: q,
		values: {
			from: q.from.slice(0, 7),
			to: q.to.slice(0, 7),
			by: q.by,
			district: q.district ?? '',
			category: q.category ?? '',
			target_group: q.targetGroup ?? ''
		}
	};
}
