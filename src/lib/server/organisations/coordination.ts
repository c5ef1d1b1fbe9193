// What a coordinator sees of their organisations. Runs as the person: RLS decides.
import type { Tx } from '../db/person.ts';
import { expirePastNeeds } from '../needs/expiry.ts';

export interface CoordinatedOrganisation {
	id: string;
	name: string;
	kind: 'municipal' | 'nonprofit';
	municipalityName: string;
}

/** The organisations person $1 actively coordinates, as they may see them. */
const COORDINATED = `select o.id, o.name, o.kind, mu.name as "municipalityName"
	 from memberships m
	 join organisations o on o.id = m.organisation_id
	 join municipalities mu on mu.id = o.municipality_id
	 where m.person_id = $1 and m.role = 'coordinator' and m.status = 'active'`;

export async function coordinatedOrganisations(
	tx: Tx,
	personId: string
): Promise<CoordinatedOrganisation[]> {
	const { rows } = await tx.query<CoordinatedOrganisation>(`${COORDINATED} order by o.name`, [
		personId
	]);
	return rows;
}

/** True when the person actively coordinates at least one organisation (the navigation shows it). */
export async function isCoordinator(tx: Tx, personId: string): Promise<boolean> {
	const { rows } = await tx.query<{ yes: boolean }>('select app.is_coordinator($1) as yes', [
		personId
	]);
	return rows[0]!.yes;
}

export interface NeedSummary {
	id: string;
	title: string;
	status: string;
	category: string;
	targetGroup: string;
	startsOn: string;
	helpersWanted: number;
	/** For a draft the town sent back: its reason. */
	sentBackReason: string | null;
}

export interface OrganisationOverview extends CoordinatedOrganisation {
	municipalityId: string;
	poolSize: number;
	pausedInPool: number;
	needs: NeedSummary[];
	/** For a municipal office: needs and matches of its town waiting for the town's approval. */
	needsAwaitingApproval: number;
	/** A municipal office whose town approves needs or matches: its approval queue exists. */
	townApproves: boolean;
}

export type Access =
	| { found: false }
	| { found: true; mine: false }
	| { found: true; mine: true; organisation: CoordinatedOrganisation };

/** Whether the person coordinates the organisation: pages answer 404 for unknown, 403 for others'. */
export async function coordinatorAccess(
	tx: Tx,
	personId: string,
	organisationId: string
): Promise<Access> {
	// One statement: the organisation as the person may see it, and their coordination of it.
	const { rows } = await tx.query<{ id: string; mine: CoordinatedOrganisation | null }>(
		'select * from app.coordinator_access($1, $2)',
		[personId, organisationId]
	);
	const row = rows[0];
	if (!row) return { found: false };
	return row.mine
		? { found: true, mine: true, organisation: row.mine }
		: { found: true, mine: false };
}

/** The organisation's page, for a person already known to coordinate it (see coordinatorAccess). */
export async function organisationOverview(
	tx: Tx,
	mine: CoordinatedOrganisation
): Promise<OrganisationOverview> {
	const organisationId = mine.id;
	await expirePastNeeds(tx);
	const { rows } = await tx.query<{
		municipalityId: string;
		poolSize: number;
		pausedInPool: number;
		needsAwaitingApproval: number;
		townApproves: boolean;
	}>(
		`select o.municipality_id as "municipalityId",
		   (select count(*)::int from memberships m where m.organisation_id = o.id and m.role = 'helper' and m.status = 'active') as "poolSize",
		   (select count(*)::int from memberships m where m.organisation_id = o.id and m.role = 'helper' and m.status = 'paused') as "pausedInPool",
		   (select count(*)::int from needs n where n.municipality_id = o.municipality_id and n.status = 'pending_approval'
		      and o.kind = 'municipal')
		   + (select count(*)::int from matches x where x.municipality_id = o.municipality_id and x.status = 'pending_approval'
		      and o.kind = 'municipal') as "needsAwaitingApproval",
		   o.kind = 'municipal' and (mu.nonprofit_needs_need_approval or mu.minor_matches_need_approval) as "townApproves"
		 from organisations o join municipalities mu on mu.id = o.municipality_id where o.id = $1`,
		[organisationId]
	);
	const needs = await tx.query<NeedSummary>(
		`select id, title, status, category, target_group as "targetGroup", starts_on as "startsOn",
		        helpers_wanted as "helpersWanted",
		        case when status = 'draft' then sent_back_reason end as "sentBackReason"
		 from needs where organisation_id = $1
		 order by case status when 'pending_approval' then 0 when 'open' then 1 when 'draft' then 2 else 3 end, starts_on
		 limit 100`,
		[organisationId]
	);
	return { ...mine, ...rows[0]!, needs: needs.rows };
}
