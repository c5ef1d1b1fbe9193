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
 */
export interface ShownReport extends Omit<TownReport, 'helpers' | 'feedback'> {
	helpers: { active: PeopleCount; withTown: PeopleCount; firstTime: PeopleCount };
	feedback: Record<(typeof PERSPECTIVES)[number], { count: PeopleCount; average: number | null }>;
}

export function protectSmallGroups(r: TownReport): ShownReport {
	const feedback = Object.fromEntries(
		PERSPECTIVES.map((p) => {
			const count = peopleCount(r.feedback[p].count);
			return [p, { count, average: count === 'under5' ? null : r.feedback[p].average }];
		})
	) as ShownReport['feedback'];
	return {
		...r,
		helpers: {
			active: peopleCount(r.helpers.active),
			withTown: peopleCount(r.helpers.withTown),
			firstTime: peopleCount(r.helpers.firstTime)
		},
		feedback
	};
}

/** part / whole when both are shown as numbers and whole is not 0; null otherwise. */
export function shareOf(part: PeopleCount, whole: PeopleCount): number | null {
	return typeof part === 'number' && typeof whole === 'number' && whole > 0 ? part / whole : null;
}

/** The share of people who ever worked with their municipality, in the study: one in ten. */
export const STUDY_SHARE_WITH_TOWN = 0.1;

/** Offered hours no match took up: the unused willingness. */
export function unused(r: Pick<TownReport, 'hours'>): number {
	return Math.max(0, round(r.hours.offered - r.hours.committed, 2));
}

export function round(x: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}
