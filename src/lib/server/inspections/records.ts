// §72a inspections on a coordinator's page: the organisation's records and the pool's helpers to
// choose from, and recording one. Runs as the person: row-level security and
// app.record_inspection decide (never one's own, only helpers the organisation may inspect).
import { INSPECTION_ERROR_CODES, type InspectionErrorCode } from '../../domain/errors.ts';
import type { InspectionInput } from '../../schemas/inspection.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';

export interface InspectionRecord {
	id: string;
	helperId: string;
	helperName: string;
	/** Calendar dates, 'yyyy-mm-dd'. */
	certificateDate: string;
	inspectedOn: string;
	recheckOn: string;
	convictionListed: boolean;
	/** From eight weeks before the re-check date on (private.inspection_recheck_due). */
	dueForRecheck: boolean;
}

export interface PoolHelper {
	id: string;
	name: string;
}

/** The organisation's own records, the soonest re-check first. */
export async function inspectionRecords(
	tx: Queryable,
	organisationId: string
): Promise<InspectionRecord[]> {
	// Names through app.inspection_helpers: a town-wide office cannot read other pools' profiles.
	const { rows } = await tx.query<InspectionRecord>(
		`select i.id, i.helper_id as "helperId", coalesce(h.display_name, '–') as "helperName",
		        to_char(i.certificate_date, 'YYYY-MM-DD') as "certificateDate",
		        to_char(i.inspected_on, 'YYYY-MM-DD') as "inspectedOn",
		        to_char(i.recheck_on, 'YYYY-MM-DD') as "recheckOn",
		        i.conviction_listed as "convictionListed",
		        private.inspection_recheck_due(i.recheck_on, private.berlin_today()) as "dueForRecheck"
		 from inspections_72a i
		 left join app.inspection_helpers($1) h on h.id = i.helper_id
		 where i.inspecting_organisation_id = $1
		 order by i.recheck_on, h.display_name, i.id`,
		[organisationId]
	);
	return rows;
}

/**
 * Helpers the organisation may record an inspection for: its pool's active and paused helpers
 * (for a town office that inspects town-wide, every pool's of the town), never the coordinator.
 */
export async function inspectableHelpers(
	tx: Queryable,
	organisationId: string
): Promise<PoolHelper[]> {
	const { rows } = await tx.query<PoolHelper>(
		`select id, coalesce(display_name, '–') as name
		 from app.inspection_helpers($1) where may_record
		 order by display_name, id`,
		[organisationId]
	);
	return rows;
}

export type InspectionResult = VerbResult<InspectionErrorCode, { inspectionId: string }>;

/** Records (or, for a helper with a record, renews) the organisation's inspection of a helper. */
export function recordInspection(
	tx: Queryable,
	organisationId: string,
	input: InspectionInput
): Promise<InspectionResult> {
	return runVerb(
		tx,
		INSPECTION_ERROR_CODES,
		'select app.record_inspection($1, $2, $3, $4) as v',
		[organisationId, input.helperId, input.certificateDate, input.convictionListed],
		(v) => ({ inspectionId: String(v) })
	);
}
