// The town's report for its municipal coordinators (app.town_report_summary and app.town_report_matches:
// the database checks who may read it and computes every figure; definitions in migration
// 20261128003120) and its anonymous match-level rows; their CSV tables: ./csv.ts. Relative imports:
// the bench loads this under plain Node.
import type { TownReport } from '../../domain/reports/report.ts';
import type { Queryable } from '../db/types.ts';

export type { TownReport } from '../../domain/reports/report.ts';

export interface ReportParams {
	from: string;
	to: string;
	by: 'month' | 'quarter' | 'year';
	district: string | null;
	category: string | null;
	targetGroup: string | null;
}

const args = (organisationId: string, p: ReportParams) => [
	organisationId,
	p.from,
	p.to,
	p.district,
	p.category,
	p.targetGroup
];

/** The report; the database refuses (not_allowed) anyone but the office's coordinators. */
export async function townReport(
	tx: Queryable,
	organisationId: string,
	p: ReportParams
): Promise<TownReport> {
	const [org, from, to, district, category, group] = args(organisationId, p);
	const { rows } = await tx.query<{ report: TownReport }>(
		`select app.town_report_summary($1, $2::date, $3::date, $4, $5::uuid, $6::public.need_category,
		                        $7::public.target_group) as report`,
		[org, from, to, p.by, district, category, group]
	);
	const r = rows[0]!.report;
	// jsonb numerics arrive as numbers; keep them numbers (0 where none).
	return {
		...r,
		hours: {
			offered: Number(r.hours.offered),
			committed: Number(r.hours.committed),
			confirmed: Number(r.hours.confirmed)
		},
		series: r.series.map((s) => ({ ...s, hoursConfirmed: Number(s.hoursConfirmed) }))
	};
}

export interface MatchRow {
	category: string;
	targetGroup: string;
	district: string | null;
	organisationKind: string;
	townRole: string | null;
	status: string;
	startedMonth: string;
	endedMonth: string | null;
	daysPostingToStart: number | null;
	hoursCommitted: number;
	hoursConfirmed: number;
	firstWithTown: boolean;
}

/** One anonymous row per match active in the period (no person, no place finer than a district). */
export async function townReportMatches(
	tx: Queryable,
	organisationId: string,
	p: ReportParams
): Promise<MatchRow[]> {
	const { rows } = await tx.query<Record<string, unknown>>(
		`select * from app.town_report_matches($1, $2::date, $3::date, $4::uuid,
		         $5::public.need_category, $6::public.target_group)`,
		args(organisationId, p)
	);
	const num = (v: unknown) => (v === null ? null : Number(v));
	return rows.map((r) => ({
		category: r.category as string,
		targetGroup: r.target_group as string,
		district: r.district as string | null,
		organisationKind: r.organisation_kind as string,
		townRole: r.town_role as string | null,
		status: r.status as string,
		startedMonth: r.started_month as string,
		endedMonth: r.ended_month as string | null,
		daysPostingToStart: num(r.days_posting_to_start),
		hoursCommitted: Number(r.hours_committed),
		hoursConfirmed: Number(r.hours_confirmed),
		firstWithTown: r.first_with_town as boolean
	}));
}

/** The town's districts, for the filter. */
export async function townDistricts(
	tx: Queryable,
	municipalityId: string
): Promise<{ id: string; name: string }[]> {
	const { rows } = await tx.query<{ id: string; name: string }>(
		'select id, name from public.districts where municipality_id = $1 order by name',
		[municipalityId]
	);
	return rows;
}
