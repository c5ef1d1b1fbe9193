// Small groups in the town's report: a count of one to four people is never shown as a number
// (page, print view, CSV tables), nor a share or an average built on it; the anonymous match
// rows never hold a district, category and target group that fewer than five rows share. Where
// the group's active helpers are one to four, their matches, hours and series figures are withheld.
import { describe, expect, it } from 'vitest';
import {
	peopleCount,
	protectSmallGroups,
	shareOf,
	unusedShown,
	type PeopleCount,
	type TownReport
} from '../../../src/lib/domain/reports/report.ts';
import { type MatchRow } from '../../../src/lib/server/reports/town-report.ts';
import {
	anonymiseMatchRows,
	DISTRICT_WITHHELD,
	matchRowsCsv,
	reportTables
} from '../../../src/lib/server/reports/csv.ts';

const report = (helpers: TownReport['helpers'], feedbackCount = 0): TownReport => ({
	municipalityId: 'm',
	from: '2026-01-01',
	to: '2026-03-31',
	by: 'month',
	helpers,
	matchesByRole: {
		initiated: 1,
		approved: 0,
		verified: 0,
		co_produced: 0,
		informed: 0,
		none: 2
	},
	needs: { posted: 3, matched: 2, medianDaysToMatch: 4, withTown: 1, coProduced: 0 },
	openNeedsByAge: { under7: 1, under30: 0, under90: 0, over90: 0 },
	hours: { offered: 30, committed: 10, confirmed: 4 },
	nonprofits: 2,
	feedback: {
		helper: { count: feedbackCount, average: feedbackCount ? 4.5 : null },
		coordinator: { count: 7, average: 3.86 },
		beneficiary: { count: 0, average: null }
	},
	series: []
});

describe('counts of people', () => {
	it.each([
		[0, 0],
		[1, 'under5'],
		[4, 'under5'],
		[5, 5],
		[120, 120]
	] as const)('%d is shown as %s', (n, shown) => {
		expect(peopleCount(n)).toBe(shown);
	});

	it('withholds helpers, their share and feedback of one to four people', () => {
		const r = protectSmallGroups(report({ active: 12, withTown: 3, firstTime: 0 }, 2));
		expect(r.helpers).toEqual({ active: 12, withTown: 'under5', firstTime: 0 });
		expect(shareOf(r.helpers.withTown, r.helpers.active)).toBeNull();
		expect(r.feedback.helper).toEqual({ count: 'under5', average: null });
		expect(r.feedback.coordinator).toEqual({ count: 7, average: 3.86 });
		expect(r.feedback.beneficiary).toEqual({ count: 0, average: null });
		// Figures that do not count people stay.
		expect(r.needs).toEqual(report({ active: 0, withTown: 0, firstTime: 0 }).needs);
	});

	it('writes "<5" into the CSV tables, and no share from a withheld figure', () => {
		const t = reportTables(report({ active: 4, withTown: 4, firstTime: 1 }, 3));
		expect(t.helpers!.rows).toEqual([['<5', '<5', '<5', null, 0.1]]);
		expect(t.feedback!.rows[0]).toEqual(['helper', '<5', null]);
		const shown = reportTables(report({ active: 20, withTown: 5, firstTime: 0 }, 6));
		expect(shown.helpers!.rows).toEqual([[20, 5, 0, 0.25, 0.1]]);
		expect(shown.feedback!.rows[0]).toEqual(['helper', 6, 4.5]);
	});
});

describe('figures of a group of one to four helpers', () => {
	const small = (active: number): TownReport => ({
		...report({ active, withTown: 1, firstTime: 1 }),
		series: [
			{ bucket: '2026-01-01', needsPosted: 2, matchesStarted: 1, hoursConfirmed: 3 },
			{ bucket: '2026-02-01', needsPosted: 1, matchesStarted: 0, hoursConfirmed: 0 }
		]
	});

	it.each([1, 4])('withholds matches, hours and the series for %d helpers', (active) => {
		const r = protectSmallGroups(small(active));
		expect(Object.values(r.matchesByRole)).toEqual(Array(6).fill('under5'));
		expect(r.hours).toEqual({ offered: 'under5', committed: 'under5', confirmed: 'under5' });
		expect(unusedShown(r)).toBe('under5');
		expect(r.needs).toEqual({
			posted: 3,
			matched: 'under5',
			medianDaysToMatch: null,
			withTown: 1,
			coProduced: 0
		});
		expect(r.series).toEqual([
			{ bucket: '2026-01-01', needsPosted: 2, matchesStarted: 'under5', hoursConfirmed: 'under5' },
			{ bucket: '2026-02-01', needsPosted: 1, matchesStarted: 'under5', hoursConfirmed: 'under5' }
		]);
		const t = reportTables(small(active));
		expect(t.roles!.rows.map((row) => row[1])).toEqual(Array(6).fill('<5'));
		expect(t.hours!.rows).toEqual([['<5', '<5', '<5', '<5', null]]);
		expect(t.needs!.rows).toEqual([[3, '<5', null, null, 1, 0]]);
		expect(t.series!.rows).toEqual([
			['2026-01-01', 2, '<5', '<5'],
			['2026-02-01', 1, '<5', '<5']
		]);
	});

	it.each([0, 5])('shows them for %d helpers', (active) => {
		const raw = small(active);
		const r = protectSmallGroups(raw);
		expect(r.matchesByRole).toEqual(raw.matchesByRole);
		expect(r.hours).toEqual(raw.hours);
		expect(r.needs).toEqual(raw.needs);
		expect(r.series).toEqual(raw.series);
		expect(unusedShown(r)).toBe(20);
		const t = reportTables(raw);
		expect(t.roles!.rows.map((row) => row[1])).toEqual([1, 0, 0, 0, 0, 2]);
		expect(t.hours!.rows).toEqual([[30, 10, 4, 20, 0.667]]);
		expect(t.needs!.rows).toEqual([[3, 2, 0.667, 4, 1, 0]]);
		expect(t.series!.rows).toEqual([
			['2026-01-01', 2, 1, 3],
			['2026-02-01', 1, 0, 0]
		]);
	});

	it('withholds the unused hours when either the offered or the committed hours are withheld', () => {
		const hours = (offered: PeopleCount, committed: PeopleCount) => ({
			hours: { offered, committed, confirmed: 0 }
		});
		expect(unusedShown(hours(30, 'under5'))).toBe('under5');
		expect(unusedShown(hours('under5', 10))).toBe('under5');
		expect(unusedShown(hours(30, 10))).toBe(20);
		expect(unusedShown(hours(10, 30))).toBe(0);
	});

	it('leaves the raw report untouched', () => {
		const raw = small(1);
		const copy = structuredClone(raw);
		protectSmallGroups(raw);
		reportTables(raw);
		expect(raw).toEqual(copy);
	});
});

describe('anonymous match rows', () => {
	const row = (district: string | null, category: string, targetGroup: string, n: number) =>
		Array.from({ length: n }, (_, i): MatchRow => ({
			category,
			targetGroup,
			district,
			organisationKind: 'nonprofit',
			townRole: null,
			status: 'active',
			startedMonth: `2026-0${(i % 3) + 1}`,
			endedMonth: null,
			daysPostingToStart: i,
			hoursCommitted: 2,
			hoursConfirmed: 1,
			firstWithTown: false
		}));

	it('keeps groups of five, withholds the district of smaller ones, drops what stays small', () => {
		const rows = [
			...row('Nord', 'homework', 'children', 5), // kept whole
			...row('Süd', 'errands', 'seniors', 3), // with Ost's 2: five withheld together
			...row('Ost', 'errands', 'seniors', 2),
			...row('Süd', 'advice', 'seniors', 4), // alone with its category and group: left out
			...row(null, 'company', 'seniors', 1) // left out
		];
		const out = anonymiseMatchRows(rows);
		expect(out.filter((r) => r.district === 'Nord')).toHaveLength(5);
		expect(out.filter((r) => r.district === DISTRICT_WITHHELD)).toHaveLength(5);
		expect(out.filter((r) => r.district === DISTRICT_WITHHELD).map((r) => r.category)).toEqual(
			Array(5).fill('errands')
		);
		expect(out).toHaveLength(10);
		// Every combination in the export stands for five rows or more.
		const groups = new Map<string, number>();
		for (const r of out) {
			const k = `${r.district}|${r.category}|${r.targetGroup}`;
			groups.set(k, (groups.get(k) ?? 0) + 1);
		}
		expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(5);
	});

	it('the CSV holds only anonymised rows', () => {
		const csv = matchRowsCsv([...row('Nord', 'homework', 'children', 4)]);
		expect(csv.trim().split('\r\n')).toHaveLength(1); // the header alone
		const five = matchRowsCsv(row('Nord', 'homework', 'children', 5));
		expect(five.trim().split('\r\n')).toHaveLength(6);
		expect(five).toContain('homework,children,Nord,');
	});
});
