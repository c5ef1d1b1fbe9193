// The hard rules of matching as pure predicates over plain objects: the same rules, in the same
// order, as private.pair_checks in supabase/migrations/20261128000900_matching.sql. The database
// is what production asks; tests/db/matching/rules-agree.test.ts checks on random pairs that
// both give the same verdict, so this file stays a readable, tested statement of the rules.
import { haversineKm } from './distance.ts';
import { fitsCapacity, type Cadence, type Commitment } from './month.ts';
import { overlap, type WeekWindow } from './windows.ts';

export type { WeekWindow };

export type Category = 'errands' | 'homework' | 'advice' | 'digital' | 'company';
export type TargetGroup = 'children' | 'youth' | 'seniors';

export interface RuleNeed {
	id: string;
	organisationId: string;
	municipalityId: string;
	category: Category;
	targetGroup: TargetGroup;
	hours: number;
	cadence: Cadence;
	startsOn: string;
	endsOn: string | null;
	timeWindows: WeekWindow[] | null;
	lat: number | null;
	lng: number | null;
	remote: boolean;
	requiredLanguages: string[];
	requires72a: boolean;
}

export interface RuleOffer {
	helperId: string;
	municipalityId: string;
	categories: Category[];
	targetGroups: TargetGroup[];
	hoursPerMonth: number;
	availability: WeekWindow[] | null;
	homeLat: number | null;
	homeLng: number | null;
	radiusKm: number;
	remoteOk: boolean;
	languages: string[];
	pausedUntil: string | null;
}

export interface RuleInspection {
	/** Who recorded it; an inspection the helper recorded of themselves never counts. */
	inspectedBy: string | null;
	inspectingOrganisationId: string;
	inspectingOrganisationKind: 'municipal' | 'nonprofit';
	inspectingMunicipalityId: string;
	convictionListed: boolean;
	recheckOn: string;
}

/** What else the rules need to know about the pair. */
export interface RuleContext {
	/** Europe/Berlin today, 'YYYY-MM-DD'. */
	today: string;
	/** The town is the inspecting body for §72a (municipalities.municipality_inspects_72a). */
	townInspects72a: boolean;
	/** The helper's §72a inspections (any organisation). */
	inspections: RuleInspection[];
	/** The helper's matches with their needs' hours and dates. */
	commitments: Commitment[];
	/** A match row for this need and helper exists (in any status). */
	alreadyMatched: boolean;
}

export type Violation =
	| 'wrong_municipality'
	| 'category_mismatch'
	| 'target_group_mismatch'
	| 'language_missing'
	| 'out_of_range'
	| 'windows_do_not_fit'
	| 'helper_paused'
	| 'already_matched'
	| 'inspection_required'
	| 'capacity_exceeded';

/** True when the pair meets remotely: the need can be done remotely and remote is fine for the helper. */
export const meetsRemotely = (n: RuleNeed, o: RuleOffer): boolean => n.remote && o.remoteOk;

/** Distance from the helper's home to the need; null when they meet remotely or a point is missing. */
export function distanceKm(n: RuleNeed, o: RuleOffer): number | null {
	if (
		meetsRemotely(n, o) ||
		n.lat === null ||
		n.lng === null ||
		o.homeLat === null ||
		o.homeLng === null
	)
		return null;
	return haversineKm(n.lat, n.lng, o.homeLat, o.homeLng);
}

export const sameMunicipality = (n: RuleNeed, o: RuleOffer): boolean =>
	n.municipalityId === o.municipalityId;
export const categoryFits = (n: RuleNeed, o: RuleOffer): boolean =>
	o.categories.includes(n.category);
export const targetGroupFits = (n: RuleNeed, o: RuleOffer): boolean =>
	o.targetGroups.includes(n.targetGroup);
export const languagesSpoken = (n: RuleNeed, o: RuleOffer): boolean =>
	n.requiredLanguages.every((l) => o.languages.includes(l));

/** Within the helper's radius, or remote on both sides. */
export function withinReach(n: RuleNeed, o: RuleOffer): boolean {
	if (meetsRemotely(n, o)) return true;
	const d = distanceKm(n, o);
	return d !== null && d <= o.radiusKm;
}

/** Whether any window overlaps; null when either side gave none (then the rule does not apply). */
export function windowsFit(n: RuleNeed, o: RuleOffer): boolean | null {
	if (n.timeWindows === null || o.availability === null) return null;
	return overlap(n.timeWindows, o.availability).length > 0;
}

/** The day the match would begin: the need's start, or today for a need already running. */
// Stryker disable next-line EqualityOperator: on the day itself both are the same date
const beginsOn = (n: RuleNeed, today: string) => (n.startsOn > today ? n.startsOn : today);

/** Not paused on the day the match would begin (paused_until is the last paused day). */
export const notPaused = (n: RuleNeed, o: RuleOffer, today: string): boolean =>
	o.pausedUntil === null || o.pausedUntil < beginsOn(n, today);

/** The need's last day: its end, or its start for a need without an end. */
export const lastDay = (n: RuleNeed): string => n.endsOn ?? n.startsOn;

/**
 * A §72a inspection of the helper that counts for the need: right inspector, no conviction,
 * re-check after the last day, not recorded by the helper.
 */
export function inspectionValid(
	n: RuleNeed,
	helperId: string,
	inspections: readonly RuleInspection[],
	townInspects72a: boolean
): boolean {
	return inspections.some(
		(i) =>
			!i.convictionListed &&
			i.inspectedBy !== helperId &&
			i.recheckOn > lastDay(n) &&
			(i.inspectingOrganisationId === n.organisationId ||
				(townInspects72a &&
					i.inspectingOrganisationKind === 'municipal' &&
					i.inspectingMunicipalityId === n.municipalityId))
	);
}

/** The first hard rule the pair breaks, in the SQL's order; null when the helper fits. */
export function firstViolation(n: RuleNeed, o: RuleOffer, ctx: RuleContext): Violation | null {
	if (!sameMunicipality(n, o)) return 'wrong_municipality';
	if (!categoryFits(n, o)) return 'category_mismatch';
	if (!targetGroupFits(n, o)) return 'target_group_mismatch';
	if (!languagesSpoken(n, o)) return 'language_missing';
	if (!withinReach(n, o)) return 'out_of_range';
	if (windowsFit(n, o) === false) return 'windows_do_not_fit';
	if (!notPaused(n, o, ctx.today)) return 'helper_paused';
	if (ctx.alreadyMatched) return 'already_matched';
	if (n.requires72a && !inspectionValid(n, o.helperId, ctx.inspections, ctx.townInspects72a))
		return 'inspection_required';
	if (!fitsCapacity(o.hoursPerMonth, ctx.commitments, n)) return 'capacity_exceeded';
	return null;
}
