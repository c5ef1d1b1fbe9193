// Fixtures for the matching tests, built as the system with random ids, so they coexist with the
// demo seed and with each other in one database. Every town gets its own random AGS; the need's
// point is the town centre (51.0 N, 10.0 E) unless told otherwise.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { asPerson, claimsFor, type Tx } from '../../../src/lib/server/db/person.ts';

export const CENTRE = { lat: 51.0, lng: 10.0 };
/** Degrees of latitude per km (R = 6371 km). */
export const KM = 1 / 111.195;
/** Tuesday 14:00–17:00 in minutes of the week (Monday 00:00 = 0). */
export const TUE_AFTERNOON = '{[2280,2460)}';
/** Monday 08:00–10:00. */
export const MON_MORNING = '{[480,600)}';

export interface Town {
	municipality: string;
	/** Municipal office (e.g. Jugendamt). */
	office: string;
	/** Nonprofits A and B. */
	orgA: string;
	orgB: string;
	coordA: string;
	coordB: string;
	/** Municipal coordinator of the office. */
	municipal: string;
}

export interface TownPolicy {
	minor_matches_need_approval?: boolean;
	municipality_inspects_72a?: boolean;
}

function ags(): string {
	return String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

export async function person(pool: pg.Pool, name: string): Promise<string> {
	const id = randomUUID();
	await pool.query(`insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3)`, [
		id,
		`${id}@test.example`,
		{ display_name: name }
	]);
	return id;
}

async function organisation(
	pool: pg.Pool,
	municipality: string,
	name: string,
	kind: string
): Promise<string> {
	const { rows } = await pool.query<{ id: string }>(
		`insert into public.organisations (municipality_id, name, kind) values ($1, $2, $3) returning id`,
		[municipality, name, kind]
	);
	return rows[0]!.id;
}

export async function coordinator(
	pool: pg.Pool,
	organisation: string,
	name: string
): Promise<string> {
	const id = await person(pool, name);
	await pool.query(
		`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
		[organisation, id]
	);
	return id;
}

export async function town(pool: pg.Pool, policy: TownPolicy = {}): Promise<Town> {
	const { rows } = await pool.query<{ id: string }>(
		`insert into public.municipalities (name, ags, nonprofit_needs_need_approval, minor_matches_need_approval,
		   municipality_inspects_72a) values ($1, $2, false, $3, $4) returning id`,
		[
			`Teststadt ${randomUUID().slice(0, 8)}`,
			ags(),
			policy.minor_matches_need_approval ?? false,
			policy.municipality_inspects_72a ?? false
		]
	);
	const municipality = rows[0]!.id;
	const office = await organisation(pool, municipality, 'Jugendamt', 'municipal');
	const orgA = await organisation(pool, municipality, 'Verein A', 'nonprofit');
	const orgB = await organisation(pool, municipality, 'Verein B', 'nonprofit');
	return {
		municipality,
		office,
		orgA,
		orgB,
		coordA: await coordinator(pool, orgA, 'Koordination A'),
		coordB: await coordinator(pool, orgB, 'Koordination B'),
		municipal: await coordinator(pool, office, 'Jugendamt Koordination')
	};
}

export interface OfferInput {
	municipality: string;
	name?: string;
	categories?: string[];
	target_groups?: string[];
	hours_per_month?: number;
	availability?: string | null;
	/** km north of the centre; null for no home point (remote only). */
	north_km?: number | null;
	east_km?: number;
	radius_km?: number;
	remote_ok?: boolean;
	languages?: string[];
	paused_until?: string | null;
}

/** A helper with a standing offer; by default one that fits the default need. */
export async function helper(pool: pg.Pool, input: OfferInput): Promise<string> {
	const id = await person(pool, input.name ?? 'Helfer*in');
	const north = input.north_km === undefined ? 1 : input.north_km;
	const lat = north === null ? null : CENTRE.lat + north * KM;
	const lng =
		north === null
			? null
			: CENTRE.lng + ((input.east_km ?? 0) * KM) / Math.cos((CENTRE.lat * Math.PI) / 180);
	await pool.query(
		`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, availability,
		   home_lat, home_lng, radius_km, remote_ok, languages, paused_until)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		[
			id,
			input.municipality,
			input.categories ?? ['homework', 'errands'],
			input.target_groups ?? ['children', 'youth', 'seniors'],
			input.hours_per_month ?? 10,
			input.availability === undefined ? TUE_AFTERNOON : input.availability,
			lat,
			lng,
			input.radius_km ?? 3,
			input.remote_ok ?? north === null,
			input.languages ?? ['de', 'tr'],
			input.paused_until ?? null
		]
	);
	return id;
}

export interface NeedInput {
	organisation: string;
	title?: string;
	category?: string;
	target_group?: string;
	hours?: number;
	cadence?: 'one_off' | 'monthly';
	starts_on?: string;
	ends_on?: string | null;
	time_windows?: string | null;
	north_km?: number | null;
	remote?: boolean;
	required_languages?: string[];
	preferred_languages?: string[];
	helpers_wanted?: number;
	requires_72a?: boolean;
	status?: string;
}

export async function need(pool: pg.Pool, input: NeedInput): Promise<string> {
	const north = input.north_km === undefined ? 0 : input.north_km;
	const { rows } = await pool.query<{ id: string }>(
		`insert into public.needs (organisation_id, title, category, target_group, hours, cadence, starts_on, ends_on,
		   time_windows, lat, lng, remote, required_languages, preferred_languages, helpers_wanted, requires_72a, status)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
		[
			input.organisation,
			input.title ?? 'Hausaufgabenhilfe',
			input.category ?? 'homework',
			input.target_group ?? 'youth',
			input.hours ?? 4,
			input.cadence ?? 'one_off',
			input.starts_on ?? '2027-03-10',
			input.ends_on ?? null,
			input.time_windows === undefined ? TUE_AFTERNOON : input.time_windows,
			north === null ? null : CENTRE.lat + north * KM,
			north === null ? null : CENTRE.lng,
			input.remote ?? false,
			input.required_languages ?? ['de'],
			input.preferred_languages ?? ['tr'],
			input.helpers_wanted ?? 1,
			input.requires_72a ?? false,
			input.status ?? 'open'
		]
	);
	return rows[0]!.id;
}

/** A match row written directly (as the system), e.g. to give a helper load or history. */
export async function match(
	pool: pg.Pool,
	needId: string,
	helperId: string,
	status: string
): Promise<string> {
	const { rows } = await pool.query<{ id: string }>(
		`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, $3, 'coordinator') returning id`,
		[needId, helperId, status]
	);
	return rows[0]!.id;
}

export async function inspection(
	pool: pg.Pool,
	helperId: string,
	organisation: string,
	opts: { recheck_on?: string; conviction_listed?: boolean } = {}
): Promise<void> {
	await pool.query(
		`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_on, certificate_date,
		   conviction_listed, recheck_on) values ($1, $2, '2026-01-15', '2026-01-10', $3, $4)`,
		[helperId, organisation, opts.conviction_listed ?? false, opts.recheck_on ?? '2031-01-10']
	);
}

/** Runs work as the person (role authenticated, their claims): RLS applies. */
export function as<T>(pool: pg.Pool, personId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
	return asPerson(pool, claimsFor(personId), work);
}

export async function candidateIds(
	pool: pg.Pool,
	personId: string,
	needId: string
): Promise<string[]> {
	const rows = await as(
		pool,
		personId,
		async (tx) =>
			(
				await tx.query<{ helper_id: string }>(
					'select helper_id from public.need_candidates($1, 1000)',
					[needId]
				)
			).rows
	);
	return rows.map((r) => r.helper_id).sort();
}

export async function fittingNeedIds(pool: pg.Pool, personId: string): Promise<string[]> {
	const rows = await as(
		pool,
		personId,
		async (tx) =>
			(await tx.query<{ need_id: string }>('select need_id from public.fitting_needs(1000)')).rows
	);
	return rows.map((r) => r.need_id).sort();
}

/** The first rule each offer breaks for the need (null when it fits), straight from the SQL rules. */
export async function violations(
	pool: pg.Pool,
	needId: string,
	helperIds: string[]
): Promise<Map<string, string | null>> {
	const { rows } = await pool.query<{ helper_id: string; violation: string | null }>(
		`select c.helper_id, c.violation
		 from private.pair_checks($1, array(select o from public.offers o where o.helper_id = any ($2::uuid[]))) c`,
		[needId, helperIds]
	);
	return new Map(rows.map((r) => [r.helper_id, r.violation]));
}
