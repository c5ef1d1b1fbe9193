// The town report's shape and the few rules the page, the exports and the server share (safe for
// the browser: no database here). Relative imports: the bench loads this under plain Node.

export const INVOLVEMENT_ROLES = [
	'initiated',
	'approved',
	'verified',
	'co_produced',
	'informed',
	'none'
] as const;
export type RoleOrNone = (typeof INVOLVEMENT_ROLES)[number];
export const PERSPECTIVES = ['helper', 'coordinator', 'beneficiary'] as const;
export const AGE_BUCKETS = ['under7', 'under30', 'under90', 'over90'] as const;

export interface TownReport {
	municipalityId: string;
	from: string;
	to: string;
	by: 'month' | 'quarter' | 'year';
	helpers: { active: number; withTown: number; firstTime: number };
	matchesByRole: Record<RoleOrNone, number>;
	needs: {
		posted: number;
		matched: number;
		medianDaysToMatch: number | null;
		withTown: number;
		coProduced: number;
	};
	openNeedsByAge: Record<(typeof AGE_BUCKETS)[number], number>;
	hours: { offered: number; committed: number; confirmed: number };
	nonprofits: number;
	feedback: Record<(typeof PERSPECTIVES)[number], { count: number; average: number | null }>;
	series: { bucket: string; needsPosted: number; matchesStarted: number; hoursConfirmed: number }[];
}

/**
 * Fewer people than this are never shown as a number, on the page or in an export: one to four
 * people could be pointed at (0 is shown: it points at nobody).
 */
export const SMALL_GROUP = 5;

/** A count of people as shown: the number, or 'under5' for one to four people. */
export type PeopleCount = number | 'under5';

export function peopleCount(n: number): PeopleCount {
	return n > 0 && n < SMALL_GROUP ? 'under5' : n;
}

/**
 * The report as it is shown and exported: every figure that counts people — helpers active, with
 * the town, for the first time, feedback given (a person each) — is 'under5' for one to four, and
 * a feedback average from one to four people is not shown (it would be their own rating).
 *
 * Where the group's active helpers are one to four (a small district, say), the figures that
 * count or sum over those helpers are their own figures too, and are all 'under5' (0 included:
 * it would still say what they did not do): the matches by the town's role, the matched needs
 * and the days to a match, the hours (offered, committed, confirmed, so also the unused hours),
 * and the series' matches started and hours confirmed in every period (the series has no helper
 * count per period, so the group's rule holds for each). Needs posted, open needs and
 * nonprofits count needs and organisations, not helpers, and stay.
 */
export interface ShownReport extends Omit<
	TownReport,
	'helpers' | 'feedback' | 'matchesByRole' | 'needs' | 'hours' | 'series'
> {
	helpers: { active: PeopleCount; withTown: PeopleCount; firstTime: PeopleCount };
	feedback: Record<(typeof PERSPECTIVES)[number], { count: PeopleCount; average: number | null }>;
	matchesByRole: Record<RoleOrNone, PeopleCount>;
	needs: Omit<TownReport['needs'], 'matched'> & { matched: PeopleCount };
	hours: { offered: PeopleCount; committed: PeopleCount; confirmed: PeopleCount };
	series: {
		bucket: string;
		needsPosted: number;
		matchesStarted: PeopleCount;
		hoursConfirmed: PeopleCount;
	}[];
}

/** Whether the report's group of active helpers is one to four people. */
export function smallGroup(r: Pick<TownReport, 'helpers'>): boolean {
	return peopleCount(r.helpers.active) === 'under5';
}

export function protectSmallGroups(r: TownReport): ShownReport {
	const feedback = Object.fromEntries(
		PERSPECTIVES.map((p) => {
			const count = peopleCount(r.feedback[p].count);
			return [p, { count, average: count === 'under5' ? null : r.feedback[p].average }];
		})
	) as ShownReport['feedback'];
	const small = smallGroup(r);
	const theirs = (n: number): PeopleCount => (small ? 'under5' : n);
	return {
		...r,
		helpers: {
			active: peopleCount(r.helpers.active),
			withTown: peopleCount(r.helpers.withTown),
			firstTime: peopleCount(r.helpers.firstTime)
		},
		feedback,
		matchesByRole: Object.fromEntries(
			INVOLVEMENT_ROLES.map((role) => [role, theirs(r.matchesByRole[role] ?? 0)])
		) as ShownReport['matchesByRole'],
		needs: {
			...r.needs,
			matched: theirs(r.needs.matched),
			medianDaysToMatch: small ? null : r.needs.medianDaysToMatch
		},
		hours: {
			offered: theirs(r.hours.offered),
			committed: theirs(r.hours.committed),
			confirmed: theirs(r.hours.confirmed)
		},
		series: r.series.map((s) => ({
			bucket: s.bucket,
			needsPosted: s.needsPosted,
			matchesStarted: theirs(s.matchesStarted),
			hoursConfirmed: theirs(s.hoursConfirmed)
		}))
	};
}

/** part / whole when both are shown as numbers and whole is not 0; null otherwise. */
export function shareOf(part: PeopleCount, whole: PeopleCount): number | null {
	// Stryker disable next-line ConditionalExpression: 'under5' > 0 is false, so whole > 0 alone gives null for it
	return typeof part === 'number' && typeof whole === 'number' && whole > 0 ? part / whole : null;
}

/** The share of people who ever worked with their municipality, in the study: one in ten. */
export const STUDY_SHARE_WITH_TOWN = 0.1;

/** Offered hours no match took up: the unused willingness. */
export function unused(r: Pick<TownReport, 'hours'>): number {
	return Math.max(0, round(r.hours.offered - r.hours.committed, 2));
}

/** The unused hours as shown: withheld ('under5') where the hours are. */
export function unusedShown(r: Pick<ShownReport, 'hours'>): PeopleCount {
	const { offered, committed } = r.hours;
	return typeof offered === 'number' && typeof committed === 'number'
		? unused({ hours: { offered, committed, confirmed: 0 } })
		: 'under5';
}

export function round(x: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}
