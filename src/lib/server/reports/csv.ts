// The town's report as CSV tables (the export) and its anonymous match-level rows as CSV, with
// the small-group protection applied to both. Relative imports: the bench loads this under Node.
import {
	AGE_BUCKETS,
	INVOLVEMENT_ROLES,
	PERSPECTIVES,
	protectSmallGroups,
	round,
	shareOf,
	SMALL_GROUP,
	STUDY_SHARE_WITH_TOWN,
	unusedShown,
	type PeopleCount,
	type TownReport
} from '../../domain/reports/report.ts';
import type { MatchRow } from './town-report.ts';

export type Cell = string | number | boolean | null;

/**
 * One CSV field: quoted where needed, and a text starting with =, +, -, @, tab or carriage
 * return (a spreadsheet would run it as a formula) prefixed with an apostrophe. Numbers stay
 * numbers (a negative number is data, not a formula).
 */
export function csvCell(value: Cell): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (comma-separated, CRLF lines, as RFC 4180). */
export function toCsv(header: string[], rows: Cell[][]): string {
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A count of people in a CSV cell: the number, or "<5" for one to four people. */
export const UNDER_FIVE_CELL = '<5';
const peopleCell = (n: PeopleCount): Cell => (n === 'under5' ? UNDER_FIVE_CELL : n);

/**
 * The report's tables, by name, with column keys (the page labels them in the person's language).
 * Counts of one to four people are "<5" (protectSmallGroups), and so are the matches, hours and
 * series figures of a group of one to four helpers; no share or rate is built on a withheld figure.
 */
export function reportTables(
	raw: TownReport
): Record<string, { header: string[]; rows: Cell[][] }> {
	const r = protectSmallGroups(raw);
	const share = shareOf(r.helpers.withTown, r.helpers.active);
	const free = unusedShown(r);
	const freeShare = shareOf(free, r.hours.offered);
	return {
		helpers: {
			header: ['active', 'with_town', 'first_time', 'share_with_town', 'study_share'],
			rows: [
				[
					peopleCell(r.helpers.active),
					peopleCell(r.helpers.withTown),
					peopleCell(r.helpers.firstTime),
					share === null ? null : round(share, 3),
					STUDY_SHARE_WITH_TOWN
				]
			]
		},
		roles: {
			header: ['town_role', 'matches'],
			rows: INVOLVEMENT_ROLES.map((role) => [role, peopleCell(r.matchesByRole[role])])
		},
		needs: {
			header: [
				'posted',
				'matched',
				'fill_rate',
				'median_days_to_match',
				'with_town',
				'co_produced'
			],
			rows: [
				[
					r.needs.posted,
					peopleCell(r.needs.matched),
					typeof r.needs.matched === 'number' && r.needs.posted > 0
						? round(r.needs.matched / r.needs.posted, 3)
						: null,
					r.needs.medianDaysToMatch,
					r.needs.withTown,
					r.needs.coProduced
				]
			]
		},
		open_needs: {
			header: ['age', 'open_needs'],
			rows: AGE_BUCKETS.map((b) => [b, r.openNeedsByAge[b]])
		},
		hours: {
			header: ['offered', 'committed', 'confirmed', 'unused', 'unused_share'],
			rows: [
				[
					peopleCell(r.hours.offered),
					peopleCell(r.hours.committed),
					peopleCell(r.hours.confirmed),
					peopleCell(free),
					freeShare === null ? null : round(freeShare, 3)
				]
			]
		},
		nonprofits: { header: ['nonprofits'], rows: [[r.nonprofits]] },
		feedback: {
			header: ['perspective', 'count', 'average'],
			rows: PERSPECTIVES.map((p) => [p, peopleCell(r.feedback[p].count), r.feedback[p].average])
		},
		series: {
			header: ['period_start', 'needs_posted', 'matches_started', 'hours_confirmed'],
			rows: r.series.map((s) => [
				s.bucket,
				s.needsPosted,
				peopleCell(s.matchesStarted),
				peopleCell(s.hoursConfirmed)
			])
		}
	};
}

export const REPORT_TABLES = [
	'helpers',
	'roles',
	'needs',
	'open_needs',
	'hours',
	'nonprofits',
	'feedback',
	'series',
	'matches'
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const MATCH_ROW_HEADER = [
	'category',
	'target_group',
	'district',
	'organisation_kind',
	'town_role',
	'status',
	'started_month',
	'ended_month',
	'days_posting_to_start',
	'hours_committed',
	'hours_confirmed',
	'first_with_town'
];

/** The district of a match row whose group was too small to name it. */
export const DISTRICT_WITHHELD = '*';

/**
 * Match rows that cannot single out a person. A row names a district, a category and a target
 * group; where fewer than five rows share all three, their district becomes "*" (withheld), and
 * where fewer than five of those withheld rows still share category and target group, they are
 * left out. So every combination of district, category and target group in the export stands for
 * five matches or more, each with its own helper or not. Order kept.
 */
export function anonymiseMatchRows(rows: MatchRow[]): MatchRow[] {
	const sizes = (list: MatchRow[], key: (r: MatchRow) => string) => {
		const counts = new Map<string, number>();
		for (const r of list) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
		return counts;
	};
	const fine = (r: MatchRow) => JSON.stringify([r.district, r.category, r.targetGroup]);
	const coarse = (r: MatchRow) => JSON.stringify([r.category, r.targetGroup]);
	const bySize = sizes(rows, fine);
	const shown = rows.map((r) =>
		(bySize.get(fine(r)) ?? 0) >= SMALL_GROUP ? r : { ...r, district: DISTRICT_WITHHELD }
	);
	const withheld = sizes(
		shown.filter((r) => r.district === DISTRICT_WITHHELD),
		coarse
	);
	return shown.filter(
		(r) => r.district !== DISTRICT_WITHHELD || (withheld.get(coarse(r)) ?? 0) >= SMALL_GROUP
	);
}

/** The anonymous match rows as CSV, after anonymiseMatchRows. */
export function matchRowsCsv(rows: MatchRow[]): string {
	return toCsv(
		MATCH_ROW_HEADER,
		anonymiseMatchRows(rows).map((r) => [
			r.category,
			r.targetGroup,
			r.district,
			r.organisationKind,
			r.townRole ?? 'none',
			r.status,
			r.startedMonth,
			r.endedMonth,
			r.daysPostingToStart,
			r.hoursCommitted,
			r.hoursConfirmed,
			r.firstWithTown
		])
	);
}
