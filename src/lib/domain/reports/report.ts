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

/** The share of people who ever worked with their municipality, in the study: one in ten. */
export const STUDY_SHARE_WITH_TOWN = 0.1;

/** Offered hours no match took up: the unused willingness. */
export function unused(r: TownReport): number {
	return Math.max(0, round(r.hours.offered - r.hours.committed, 2));
}

export function round(x: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}
