// A small world for row-level-security tests, built as the system (table owner) with fresh random
// ids, so it coexists with the demo seed and with other worlds in the same database.
//
//   M1 (nonprofit needs need approval, the town inspects §72a): district D1, municipal office,
//      nonprofits A and B.      M2 (no approvals, no town inspection): district D2, municipal office.
//   helper      in A's pool, offers in M1, inspected by A, active match (need aMatched) and a
//               completed match (need aDone) with A, two hour logs, a suggestion
//   helper2     in B's pool, offers in M1, no match, inspected by M1's office (town-wide) and by M2's
//   coordA, coordB, municipal (M1's office), coordM2 (M2's office), stranger (no memberships),
//   admin (platform admin, no memberships)
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { QueryResultRow } from 'pg';
import type { Claims } from '../../src/lib/server/db/types.ts';
import { asSystem, claimsFor, type Tx } from '../../src/lib/server/db/person.ts';

/** Today in Europe/Berlin, as SQL: hour logs may not lie in the future. */
export const BERLIN_TODAY = `(now() at time zone 'Europe/Berlin')::date`;

export const personaNames = [
	'helper',
	'helper2',
	'coordA',
	'coordB',
	'municipal',
	'coordM2',
	'stranger',
	'admin'
] as const;
export type PersonaName = (typeof personaNames)[number];

export const publicTables = [
	'municipalities',
	'districts',
	'organisations',
	'profiles',
	'contact_details',
	'memberships',
	'platform_admins',
	'offers',
	'needs',
	'matches',
	'hour_logs',
	'inspections_72a',
	'involvement_events',
	'feedback',
	'need_suggestions'
] as const;
export type PublicTable = (typeof publicTables)[number];

export const privateTables = [
	'sign_in_codes',
	'sessions',
	'rate_limits',
	'outbox',
	'inspection_reminders',
	'client_requests'
] as const;

/** The column that identifies a row of each table. */
export const keyColumn: Record<PublicTable, string> = {
	municipalities: 'id',
	districts: 'id',
	organisations: 'id',
	profiles: 'id',
	contact_details: 'person_id',
	memberships: 'id',
	platform_admins: 'person_id',
	offers: 'id',
	needs: 'id',
	matches: 'id',
	hour_logs: 'id',
	inspections_72a: 'id',
	involvement_events: 'id',
	feedback: 'id',
	need_suggestions: 'id'
};

export type RowId = string | number;

export interface World {
	municipalities: { m1: string; m2: string };
	districts: { d1: string; d2: string };
	organisations: { officeM1: string; orgA: string; orgB: string; officeM2: string };
	people: Record<PersonaName, string>;
	emails: Record<PersonaName, string>;
	personas: Record<PersonaName, Claims>;
	memberships: {
		helperInA: string;
		helper2InB: string;
		coordAInA: string;
		coordBInB: string;
		municipalInOfficeM1: string;
		coordM2InOfficeM2: string;
	};
	offers: { helper: string; helper2: string };
	needs: {
		aOpen: string;
		aDraft: string;
		aPending: string;
		aMatched: string;
		aDone: string;
		bOpen: string;
		m2Open: string;
		m2Pending: string;
	};
	matches: { active: string; completed: string };
	hourLogs: { onActive: string; onCompleted: string };
	inspections: { helperByA: string; helper2ByTown: string; helper2ByM2: string };
	events: {
		aNeedPosted: number;
		aNeedApproved: number;
		aMatchProposed: number;
		townInspection: number;
		helperSuggestion: number;
		bNeedPosted: number;
		m2NeedPosted: number;
	};
	feedback: { coordAOnCompleted: string };
	suggestions: { byHelper: string; byStranger: string };
	/** Every row of the world, per table: the universe a persona's visibility is measured in. */
	rows: Record<PublicTable, RowId[]>;
}

const short = () => randomUUID().slice(0, 8);

async function one<T extends QueryResultRow>(tx: Tx, sql: string, params: unknown[]): Promise<T> {
	const { rows } = await tx.query<T>(sql, params);
	if (rows.length !== 1) throw new Error(`fixture: expected one row from ${sql}`);
	return rows[0]!;
}

async function id(tx: Tx, sql: string, params: unknown[]): Promise<string> {
	return (await one<{ id: string }>(tx, sql, params)).id;
}

export async function buildWorld(pool: pg.Pool): Promise<World> {
	return asSystem(pool, async (tx) => {
		const tag = short();
		const ags = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

		// Municipalities and districts
		const m1 = await id(
			tx,
			`insert into public.municipalities (name, ags, nonprofit_needs_need_approval, municipality_inspects_72a)
			 values ($1, $2, true, true) returning id`,
			[`Musterstadt ${tag}`, ags()]
		);
		const m2 = await id(
			tx,
			`insert into public.municipalities (name, ags, nonprofit_needs_need_approval, municipality_inspects_72a)
			 values ($1, $2, false, false) returning id`,
			[`Anderdorf ${tag}`, ags()]
		);
		const d1 = await id(
			tx,
			`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, 'Altstadt', 52.02, 8.53) returning id`,
			[m1]
		);
		const d2 = await id(
			tx,
			`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, 'Ortskern', 51.5, 7.46) returning id`,
			[m2]
		);

		// Organisations
		const org = (municipality: string, name: string, kind: 'municipal' | 'nonprofit') =>
			id(
				tx,
				`insert into public.organisations (municipality_id, name, kind, contact_email)
				 values ($1, $2, $3, $4) returning id`,
				[municipality, name, kind, `${kind}-${short()}@example.org`]
			);
		const officeM1 = await org(m1, 'Freiwilligenagentur Musterstadt', 'municipal');
		const orgA = await org(m1, 'Verein A', 'nonprofit');
		const orgB = await org(m1, 'Verein B', 'nonprofit');
		const officeM2 = await org(m2, 'Seniorenbüro Anderdorf', 'municipal');

		// People: the auth trigger creates profiles and contact details
		const people = {} as Record<PersonaName, string>;
		const emails = {} as Record<PersonaName, string>;
		for (const name of personaNames) {
			const email = `${name.toLowerCase()}-${tag}@example.org`;
			people[name] = await id(
				tx,
				`insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3) returning id`,
				[randomUUID(), email, { display_name: `${name} ${tag}` }]
			);
			emails[name] = email;
		}
		const p = people;
		await tx.query(`insert into public.platform_admins (person_id) values ($1)`, [p.admin]);

		// Memberships
		const member = (organisation: string, person: string, role: 'coordinator' | 'helper') =>
			id(
				tx,
				`insert into public.memberships (organisation_id, person_id, role, status, verified_at)
				 values ($1, $2, $3, 'active', now()) returning id`,
				[organisation, person, role]
			);
		const memberships = {
			helperInA: await member(orgA, p.helper, 'helper'),
			helper2InB: await member(orgB, p.helper2, 'helper'),
			coordAInA: await member(orgA, p.coordA, 'coordinator'),
			coordBInB: await member(orgB, p.coordB, 'coordinator'),
			municipalInOfficeM1: await member(officeM1, p.municipal, 'coordinator'),
			coordM2InOfficeM2: await member(officeM2, p.coordM2, 'coordinator')
		};

		// Offers
		const offer = (helper: string) =>
			id(
				tx,
				`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month,
				   home_district_id, home_lat, home_lng, radius_km)
				 values ($1, $2, '{homework,company}', '{youth,seniors}', 8, $3, 52.02, 8.53, 5) returning id`,
				[helper, m1, d1]
			);
		const offers = { helper: await offer(p.helper), helper2: await offer(p.helper2) };

		// Needs (the system is not held back by the opening guard)
		const need = (
			organisation: string,
			by: string,
			title: string,
			status: string,
			district: string
		) =>
			id(
				tx,
				`insert into public.needs (organisation_id, created_by, title, description, category, target_group,
				   hours, starts_on, district_id, lat, lng, requires_72a, status)
				 values ($1, $2, $3, 'Ohne Namen, nur Gebiet und Bedarf.', 'homework', 'youth', 2, current_date + 30,
				   $4, 52.02, 8.53, true, $5) returning id`,
				[organisation, by, title, district, status]
			);
		const needs = {
			aOpen: await need(orgA, p.coordA, 'A: Hausaufgaben Mathe', 'open', d1),
			aDraft: await need(orgA, p.coordA, 'A: Entwurf Lesepatenschaft', 'draft', d1),
			aPending: await need(orgA, p.coordA, 'A: wartet auf Freigabe', 'pending_approval', d1),
			aMatched: await need(orgA, p.coordA, 'A: Nachhilfe Englisch', 'matched', d1),
			aDone: await need(orgA, p.coordA, 'A: Bewerbungstraining', 'completed', d1),
			bOpen: await need(orgB, p.coordB, 'B: Begleitung zum Amt', 'open', d1),
			m2Open: await need(officeM2, p.coordM2, 'M2: Digitalhilfe', 'open', d2),
			m2Pending: await need(officeM2, p.coordM2, 'M2: wartet', 'pending_approval', d2)
		};
		await tx.query(
			`update public.needs set approved_by = $1, approved_at = now() where id = any($2)`,
			[p.municipal, [needs.aOpen, needs.aMatched, needs.aDone]]
		);

		// Matches
		const match = (needId: string, status: string) =>
			id(
				tx,
				`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by,
				   helper_accepted_at, organisation_accepted_at, activated_at, ended_at, municipal_involvement, created_at)
				 values ($1, $2, $3, 'coordinator', $4, now(), now(), now() - interval '10 days',
				   case when $3::public.match_status = 'completed' then now() end, 'approved', now() - interval '10 days') returning id`,
				[needId, p.helper, status, p.coordA]
			);
		const matches = {
			active: await match(needs.aMatched, 'active'),
			completed: await match(needs.aDone, 'completed')
		};

		// Hour logs
		const hourLogs = {
			onActive: await id(
				tx,
				`insert into public.hour_logs (match_id, worked_on, hours, note) values ($1, ${BERLIN_TODAY} - 2, 1.5, 'Mathe') returning id`,
				[matches.active]
			),
			onCompleted: await id(
				tx,
				`insert into public.hour_logs (match_id, worked_on, hours, status, reviewed_by, reviewed_at)
				 values ($1, ${BERLIN_TODAY} - 3, 2, 'confirmed', $2, now()) returning id`,
				[matches.completed, p.coordA]
			)
		};

		// §72a inspections
		const inspection = (helper: string, organisation: string, by: string) =>
			id(
				tx,
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, inspected_on,
				   certificate_date, conviction_listed, recheck_on)
				 values ($1, $2, $3, '2026-02-01', '2026-01-15', false, '2031-01-15') returning id`,
				[helper, organisation, by]
			);
		const inspections = {
			helperByA: await inspection(p.helper, orgA, p.coordA),
			helper2ByTown: await inspection(p.helper2, officeM1, p.municipal),
			helper2ByM2: await inspection(p.helper2, officeM2, p.coordM2)
		};

		// Feedback on the completed match, from the coordinator's side
		const feedback = {
			coordAOnCompleted: await id(
				tx,
				`insert into public.feedback (match_id, author_id, perspective, rating, comment)
				 values ($1, $2, 'coordinator', 5, 'Zuverlässig') returning id`,
				[matches.completed, p.coordA]
			)
		};

		// Suggestions
		const suggestion = (municipality: string, district: string, author: string) =>
			id(
				tx,
				`insert into public.need_suggestions (municipality_id, district_id, author_id, category, target_group, body)
				 values ($1, $2, $3, 'company', 'seniors', 'Im Viertel fehlt ein Besuchsdienst für Ältere.') returning id`,
				[municipality, district, author]
			);
		const suggestions = {
			byHelper: await suggestion(m1, d1, p.helper),
			byStranger: await suggestion(m2, d2, p.stranger)
		};

		// Involvement ledger
		const event = async (e: {
			kind: string;
			municipality: string;
			organisation?: string;
			actor?: string;
			helper?: string;
			need?: string;
			match?: string;
			role?: string;
		}) =>
			(
				await one<{ id: number }>(
					tx,
					`insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id,
					   need_id, match_id, municipal_role)
					 values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
					[
						e.kind,
						e.municipality,
						e.organisation ?? null,
						e.actor ?? null,
						e.helper ?? null,
						e.need ?? null,
						e.match ?? null,
						e.role ?? null
					]
				)
			).id;
		const events = {
			aNeedPosted: await event({
				kind: 'need_posted',
				municipality: m1,
				organisation: orgA,
				actor: p.coordA,
				need: needs.aOpen
			}),
			aNeedApproved: await event({
				kind: 'need_approved',
				municipality: m1,
				organisation: orgA,
				actor: p.municipal,
				need: needs.aMatched,
				role: 'approved'
			}),
			aMatchProposed: await event({
				kind: 'match_proposed',
				municipality: m1,
				organisation: orgA,
				actor: p.coordA,
				helper: p.helper,
				need: needs.aMatched,
				match: matches.active,
				role: 'approved'
			}),
			townInspection: await event({
				kind: 'inspection_recorded',
				municipality: m1,
				organisation: officeM1,
				actor: p.municipal,
				helper: p.helper2,
				role: 'verified'
			}),
			helperSuggestion: await event({
				kind: 'suggestion_made',
				municipality: m1,
				actor: p.helper,
				role: 'informed'
			}),
			bNeedPosted: await event({
				kind: 'need_posted',
				municipality: m1,
				organisation: orgB,
				actor: p.coordB,
				need: needs.bOpen
			}),
			m2NeedPosted: await event({
				kind: 'need_posted',
				municipality: m2,
				organisation: officeM2,
				actor: p.coordM2,
				need: needs.m2Open,
				role: 'initiated'
			})
		};

		const personas = Object.fromEntries(
			personaNames.map((n) => [n, claimsFor(p[n], emails[n])])
		) as Record<PersonaName, Claims>;
		const everyone = personaNames.map((n) => p[n]);

		return {
			municipalities: { m1, m2 },
			districts: { d1, d2 },
			organisations: { officeM1, orgA, orgB, officeM2 },
			people,
			emails,
			personas,
			memberships,
			offers,
			needs,
			matches,
			hourLogs,
			inspections,
			events,
			feedback,
			suggestions,
			rows: {
				municipalities: [m1, m2],
				districts: [d1, d2],
				organisations: [officeM1, orgA, orgB, officeM2],
				profiles: everyone,
				contact_details: everyone,
				memberships: Object.values(memberships),
				platform_admins: [p.admin],
				offers: Object.values(offers),
				needs: Object.values(needs),
				matches: Object.values(matches),
				hour_logs: Object.values(hourLogs),
				inspections_72a: Object.values(inspections),
				involvement_events: Object.values(events),
				feedback: Object.values(feedback),
				need_suggestions: Object.values(suggestions)
			}
		};
	});
}
