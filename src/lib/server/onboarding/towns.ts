// Onboarding a town. The platform admin creates a municipality with its municipal office and the
// invitation of its first coordinator; the town's municipal coordinators manage its districts,
// its approval policies and its nonprofits. Reads run as the person (RLS decides; coordinator
// numbers come from app.organisation_coordinator_counts); every write is one database verb.
import { ONBOARDING_ERROR_CODES, type OnboardingErrorCode } from '../../domain/errors.ts';
import { roundToGrid } from '../../domain/offer/grid.ts';
import type {
	DistrictInput,
	MunicipalityCreate,
	NonprofitCreate,
	TownPolicies
} from '../../schemas/onboarding.ts';
import type { Queryable } from '../db/types.ts';
import { runVerb, type VerbResult } from '../db/verb.ts';
import { openCoordinatorInvitations, type CoordinatorInvitation } from './team.ts';

export type OnboardingResult<T extends object = object> = VerbResult<OnboardingErrorCode, T>;

const nothing = () => ({});
const created = (v: unknown) => ({ id: String(v) });

/** Whether the person is a platform admin (the table shows its rows to platform admins only). */
export async function isPlatformAdmin(tx: Queryable, personId: string): Promise<boolean> {
	const { rows } = await tx.query<{ admin: boolean }>(
		'select exists (select 1 from platform_admins where person_id = $1) as admin',
		[personId]
	);
	// Stryker disable next-line OptionalChaining,BooleanLiteral: select exists (…) always gives one row
	return rows[0]?.admin ?? false;
}

export interface OrganisationSummary {
	id: string;
	name: string;
	kind: 'municipal' | 'nonprofit';
	activeCoordinators: number;
	invitations: CoordinatorInvitation[];
}

async function withTeams(
	tx: Queryable,
	organisations: Omit<OrganisationSummary, 'activeCoordinators' | 'invitations'>[],
	municipalityId: string | null
): Promise<OrganisationSummary[]> {
	const counts = await tx.query<{ organisation_id: string; active_coordinators: number }>(
		'select organisation_id, active_coordinators from app.organisation_coordinator_counts($1)',
		[municipalityId]
	);
	const invitations = await openCoordinatorInvitations(
		tx,
		organisations.map((o) => o.id)
	);
	return organisations.map((o) => ({
		...o,
		activeCoordinators:
			counts.rows.find((c) => c.organisation_id === o.id)?.active_coordinators ?? 0,
		invitations: invitations.filter((i) => i.organisationId === o.id)
	}));
}

export interface PlatformTown {
	id: string;
	name: string;
	ags: string;
	offices: OrganisationSummary[];
}

/** Every town with its municipal offices, how many coordinators each has and open invitations. */
export async function platformTowns(tx: Queryable): Promise<PlatformTown[]> {
	const towns = await tx.query<{ id: string; name: string; ags: string }>(
		'select id, name, ags from municipalities order by name, id'
	);
	const offices = await tx.query<{
		id: string;
		name: string;
		kind: 'municipal';
		municipalityId: string;
	}>(
		`select id, name, kind, municipality_id as "municipalityId" from organisations
		 where kind = 'municipal' order by name, id`
	);
	const summaries = await withTeams(
		tx,
		offices.rows.map(({ id, name, kind }) => ({ id, name, kind })),
		null
	);
	return towns.rows.map((t) => ({
		...t,
		offices: summaries.filter(
			// Stryker disable next-line OptionalChaining: every summary is made from one of offices.rows
			(s) => offices.rows.find((o) => o.id === s.id)?.municipalityId === t.id
		)
	}));
}

export function createMunicipality(
	tx: Queryable,
	input: MunicipalityCreate,
	origin: string
): Promise<OnboardingResult<{ id: string }>> {
	return runVerb(
		tx,
		ONBOARDING_ERROR_CODES,
		'select app.create_municipality($1, $2, $3, $4, $5, $6) as v',
		[input.name, input.ags, input.officeName, input.email, input.locale, origin],
		created
	);
}

export interface District {
	id: string;
	name: string;
	lat: number;
	lng: number;
}

export interface TownOverview {
	id: string;
	name: string;
	ags: string;
	policies: TownPolicies;
	districts: District[];
	organisations: OrganisationSummary[];
}

/** The town's page for one of its municipal coordinators. */
export async function townOverview(tx: Queryable, municipalityId: string): Promise<TownOverview> {
	const town = await tx.query<{
		id: string;
		name: string;
		ags: string;
		nonprofitNeedsNeedApproval: boolean;
		minorMatchesNeedApproval: boolean;
		municipalityInspects72a: boolean;
	}>(
		`select id, name, ags, nonprofit_needs_need_approval as "nonprofitNeedsNeedApproval",
		        minor_matches_need_approval as "minorMatchesNeedApproval",
		        municipality_inspects_72a as "municipalityInspects72a"
		 from municipalities where id = $1`,
		[municipalityId]
	);
	const districts = await tx.query<{ id: string; name: string; lat: number; lng: number }>(
		`select id, name, centre_lat as lat, centre_lng as lng from districts
		 where municipality_id = $1 order by name, id`,
		[municipalityId]
	);
	const organisations = await tx.query<{
		id: string;
		name: string;
		kind: 'municipal' | 'nonprofit';
	}>(
		`select id, name, kind from organisations where municipality_id = $1
		 order by kind, name, id`,
		[municipalityId]
	);
	const t = town.rows[0]!;
	return {
		id: t.id,
		name: t.name,
		ags: t.ags,
		policies: {
			nonprofitNeedsNeedApproval: t.nonprofitNeedsNeedApproval,
			minorMatchesNeedApproval: t.minorMatchesNeedApproval,
			municipalityInspects72a: t.municipalityInspects72a
		},
		districts: districts.rows.map((d) => ({
			id: d.id,
			name: d.name,
			...roundToGrid(d.lat, d.lng)
		})),
		organisations: await withTeams(tx, organisations.rows, municipalityId)
	};
}

export function createNonprofit(
	tx: Queryable,
	municipalityId: string,
	input: NonprofitCreate,
	origin: string
): Promise<OnboardingResult<{ id: string }>> {
	return runVerb(
		tx,
		ONBOARDING_ERROR_CODES,
		'select app.create_nonprofit($1, $2, $3, $4, $5) as v',
		[municipalityId, input.name, input.email, input.locale, origin],
		created
	);
}

export function setTownPolicies(
	tx: Queryable,
	municipalityId: string,
	policies: TownPolicies
): Promise<OnboardingResult> {
	return runVerb(
		tx,
		ONBOARDING_ERROR_CODES,
		'select app.set_town_policies($1, $2, $3, $4) as v',
		[
			municipalityId,
			policies.nonprofitNeedsNeedApproval,
			policies.minorMatchesNeedApproval,
			policies.municipalityInspects72a
		],
		nothing
	);
}

export function addDistrict(
	tx: Queryable,
	municipalityId: string,
	input: DistrictInput
): Promise<OnboardingResult<{ id: string }>> {
	return runVerb(
		tx,
		ONBOARDING_ERROR_CODES,
		'select app.add_district($1, $2, $3, $4) as v',
		[municipalityId, input.name, input.lat, input.lng],
		created
	);
}

export function updateDistrict(
	tx: Queryable,
	districtId: string,
	input: DistrictInput
): Promise<OnboardingResult> {
	return runVerb(
		tx,
		ONBOARDING_ERROR_CODES,
		'select app.update_district($1, $2, $3, $4) as v',
		[districtId, input.name, input.lat, input.lng],
		nothing
	);
}

/** The form field a refusal belongs to, so its message shows next to that field. */
export function fieldOf(code: OnboardingErrorCode, organisationField = 'officeName'): string {
	switch (code) {
		case 'ags_invalid':
		case 'ags_taken':
			return 'ags';
		case 'organisation_name_invalid':
		case 'organisation_name_taken':
			return organisationField;
		case 'municipality_name_invalid':
		case 'district_name_invalid':
		case 'district_name_taken':
			return 'name';
		case 'district_outside_germany':
			return 'lat';
		case 'email_invalid':
		case 'invite_self':
		case 'already_coordinator':
		case 'already_invited':
			return 'email';
		default:
			return 'form';
	}
}
