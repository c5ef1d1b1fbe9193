// The town report's CSV tables, cell by cell: every table's columns in order, every row of a
// hand-built report, the rates and shares left empty where they would divide by nothing or build
// on a withheld figure; the CSV cell itself (a formula character only counts at the start, a
// number that is no number is empty) and the anonymous match rows as the export writes them.
import { describe, expect, it } from 'vitest';
import type { TownReport } from '../../../src/lib/domain/reports/report.ts';
import { type MatchRow } from '../../../src/lib/server/reports/town-report.ts';
import {
	csvCell,
	matchRowsCsv,
	REPORT_TABLES,
	reportTables,
	toCsv
} from '../../../src/lib/server/reports/csv.ts';

/** A town of twenty active helpers: no figure is withheld; every figure differs from the others. */
const town = (): TownReport => ({
	municipalityId: 'm',
	from: '2026-01-01',
	to: '2026-06-30',
	by: 'quarter',
	helpers: { active: 20, withTown: 6, firstTime: 5 },
	matchesByRole: { initiated: 7, approved: 6, verified: 5, co_produced: 8, informed: 9, none: 10 },
	needs: { posted: 40, matched: 25, medianDaysToMatch: 6.5, withTown: 12, coProduced: 3 },
	openNeedsByAge: { under7: 4, under30: 3, under90: 2, over90: 1 },
	hours: { offered: 300, committed: 180, confirmed: 90.5 },
	nonprofits: 11,
	feedback: {
		helper: { count: 8, average: 4.25 },
		coordinator: { count: 5, average: 3.6 },
		beneficiary: { count: 0, average: null }
	},
	series: [
		{ bucket: '2026-01-01', needsPosted: 22, matchesStarted: 14, hoursConfirmed: 40.5 },
		{ bucket: '2026-04-01', needsPosted: 18, matchesStarted: 11, hoursConfirmed: 50 }
	]
});

describe('the CSV tables of the town report', () => {
	it('has every table but the match rows, each with its columns in order', () => {
		const t = reportTables(town());
		expect(Object.keys(t)).toEqual(REPORT_TABLES.filter((name) => name !== 'matches'));
		expect(
			Object.fromEntries(Object.entries(t).map(([name, table]) => [name, table.header]))
		).toEqual({
			helpers: ['active', 'with_town', 'first_time', 'share_with_town', 'study_share'],
			roles: ['town_role', 'matches'],
			needs: ['posted', 'matched', 'fill_rate', 'median_days_to_match', 'with_town', 'co_produced'],
			open_needs: ['age', 'open_needs'],
			hours: ['offered', 'committed', 'confirmed', 'unused', 'unused_share'],
			nonprofits: ['nonprofits'],
			feedback: ['perspective', 'count', 'average'],
			series: ['period_start', 'needs_posted', 'matches_started', 'hours_confirmed']
		});
	});

	it('writes every figure of the report into its row and column', () => {
		const t = reportTables(town());
		expect(
			Object.fromEntries(Object.entries(t).map(([name, table]) => [name, table.rows]))
		).toEqual({
			// 6 of 20 with the town; the study's one in ten beside it.
			helpers: [[20, 6, 5, 0.3, 0.1]],
			roles: [
				['initiated', 7],
				['approved', 6],
				['verified', 5],
				['co_produced', 8],
				['informed', 9],
				['none', 10]
			],
			// 25 of 40 matched.
			needs: [[40, 25, 0.625, 6.5, 12, 3]],
			open_needs: [
				['under7', 4],
				['under30', 3],
				['under90', 2],
				['over90', 1]
			],
			// 300 offered, 180 committed: 120 unused, 0.4 of the offer.
			hours: [[300, 180, 90.5, 120, 0.4]],
			nonprofits: [[11]],
			feedback: [
				['helper', 8, 4.25],
				['coordinator', 5, 3.6],
				['beneficiary', 0, null]
			],
			series: [
				['2026-01-01', 22, 14, 40.5],
				['2026-04-01', 18, 11, 50]
			]
		});
	});

	it('as CSV documents, one line per row', () => {
		const t = reportTables(town());
		const csv = (name: string) => toCsv(t[name]!.header, t[name]!.rows);
		expect(csv('needs')).toBe(
			'posted,matched,fill_rate,median_days_to_match,with_town,co_produced\r\n40,25,0.625,6.5,12,3\r\n'
		);
		expect(csv('feedback')).toBe(
			'perspective,count,average\r\nhelper,8,4.25\r\ncoordinator,5,3.6\r\nbeneficiary,0,\r\n'
		);
		expect(csv('nonprofits')).toBe('nonprofits\r\n11\r\n');
	});

	it('leaves the fill rate and the unused share empty where nothing was posted or offered', () => {
		// No helpers at all is no small group: every figure is shown, 0 included.
		const t = reportTables({
			...town(),
			helpers: { active: 0, withTown: 0, firstTime: 0 },
			matchesByRole: {
				initiated: 0,
				approved: 0,
				verified: 0,
				co_produced: 0,
				informed: 0,
				none: 0
			},
			needs: { posted: 0, matched: 0, medianDaysToMatch: null, withTown: 0, coProduced: 0 },
			hours: { offered: 0, committed: 0, confirmed: 0 },
			series: []
		});
		expect(t.helpers!.rows).toEqual([[0, 0, 0, null, 0.1]]);
		expect(t.needs!.rows).toEqual([[0, 0, null, null, 0, 0]]);
		expect(t.hours!.rows).toEqual([[0, 0, 0, 0, null]]);
		expect(t.series!.rows).toEqual([]);
		// More committed than offered: no unused hours, and no share of an offer of nothing.
		const over = reportTables({ ...town(), hours: { offered: 0, committed: 6, confirmed: 2 } });
		expect(over.hours!.rows).toEqual([[0, 6, 2, 0, null]]);
	});

	it('withholds the rate and share built on a figure of one to four helpers', () => {
		const t = reportTables({ ...town(), helpers: { active: 3, withTown: 2, firstTime: 0 } });
		expect(t.helpers!.rows).toEqual([['<5', '<5', 0, null, 0.1]]);
		// Posted needs count needs, not helpers, and stay; what the helpers did is "<5".
		expect(t.needs!.rows).toEqual([[40, '<5', null, null, 12, 3]]);
		expect(t.hours!.rows).toEqual([['<5', '<5', '<5', '<5', null]]);
		expect(t.open_needs!.rows).toEqual(reportTables(town()).open_needs!.rows);
		expect(t.nonprofits!.rows).toEqual([[11]]);
	});
});

describe('a CSV cell', () => {
	it('prefixes a formula character only at the start of the text', () => {
		expect(['Nord-Ost', 'a=b', '1+1', 'name@host', 'a\tb'].map(csvCell)).toEqual([
			'Nord-Ost',
			'a=b',
			'1+1',
			'name@host',
			'a\tb'
		]);
		expect(csvCell('a\rb')).toBe('"a\rb"');
		expect(csvCell('-')).toBe("'-");
	});

	it('leaves a number that is no number empty', () => {
		expect([Number.NaN, Infinity, -Infinity].map(csvCell)).toEqual(['', '', '']);
		expect([0, false].map(csvCell)).toEqual(['0', 'false']);
	});
});

describe('the anonymous match rows as CSV', () => {
	const rows = (townRole: string | null, daysPostingToStart: number | null) =>
		Array.from({ length: 5 }, (): MatchRow => ({
			category: 'homework',
			targetGroup: 'children',
			district: 'Nord',
			organisationKind: 'nonprofit',
			townRole,
			status: 'completed',
			startedMonth: '2026-02',
			endedMonth: '2026-04',
			daysPostingToStart,
			hoursCommitted: 6,
			hoursConfirmed: 5.5,
			firstWithTown: townRole !== null
		}));

	it('writes every column, "none" where the town had no role and empty days where unknown', () => {
		const lines = matchRowsCsv([...rows(null, null), ...rows('approved', 3.5)]).split('\r\n');
		expect(lines[0]).toBe(
			'category,target_group,district,organisation_kind,town_role,status,started_month,' +
				'ended_month,days_posting_to_start,hours_committed,hours_confirmed,first_with_town'
		);
		expect(lines.slice(1)).toEqual([
			...Array(5).fill(
				'homework,children,Nord,nonprofit,none,completed,2026-02,2026-04,,6,5.5,false'
			),
			...Array(5).fill(
				'homework,children,Nord,nonprofit,approved,completed,2026-02,2026-04,3.5,6,5.5,true'
			),
			''
		]);
	});
});
