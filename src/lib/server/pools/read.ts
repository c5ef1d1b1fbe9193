// A coordinator's view of their organisation's pool: who is in it (with consent), what each offers,
// their commitments this month and the hours still free, the private note, and the invitations
// not answered yet. Runs as the person: row-level security decides; the month's commitments
// come from app.pool_commitments, which counts every organisation's matches as numbers only.
import type { Queryable } from '../db/types.ts';

export interface PoolMember {
	membershipId: string;
	personId: string;
	displayName: string;
	status: 'active' | 'paused';
	verified: boolean;
	offer: {
		hoursPerMonth: number;
		categories: string[];
		targetGroups: string[];
		pausedUntil: string | null;
	} | null;
	commitments: number;
	committedHours: number;
	/** Hours of the offer not committed this month (never below 0); null without an offer. */
	freeHours: number | null;
	note: { body: string; updatedAt: string } | null;
}

export interface PendingInvitation {
	id: string;
	email: string;
	invitedOn: string;
	lastSentOn: string;
}

export interface PoolOverview {
	members: PoolMember[];
	invitations: PendingInvitation[];
	/** Invited memberships made without an e-mail invitation (e.g. imported): no address to show. */
	directInvitations: number;
}

type MemberRow = Omit<PoolMember, 'offer' | 'note' | 'freeHours' | 'committedHours'> & {
	hoursPerMonth: string | null;
	categories: string[] | null;
	targetGroups: string[] | null;
	pausedUntil: string | null;
	committedHours: string;
	noteBody: string | null;
	noteUpdatedAt: string | null;
};

export async function poolOverview(
	tx: Queryable,
	organisationId: string,
	month: string | null = null
): Promise<PoolOverview> {
	const members = await tx.query<MemberRow>(
		`select ms.id as "membershipId", ms.person_id as "personId", p.display_name as "displayName",
		        ms.status, ms.verified_at is not null as verified,
		        o.hours_per_month as "hoursPerMonth", o.categories::text[] as categories,
		        o.target_groups::text[] as "targetGroups",
		        case when o.paused_until >= (now() at time zone 'Europe/Berlin')::date
		             then to_char(o.paused_until, 'YYYY-MM-DD') end as "pausedUntil",
		        coalesce(c.commitments, 0)::int as commitments, coalesce(c.committed_hours, 0) as "committedHours",
		        n.body as "noteBody", to_char(n.updated_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "noteUpdatedAt"
		 from memberships ms
		 join profiles p on p.id = ms.person_id
		 left join offers o on o.helper_id = ms.person_id
		 left join app.pool_commitments($1, $2::date) c on c.person_id = ms.person_id
		 left join pool_notes n on n.membership_id = ms.id
		 where ms.organisation_id = $1 and ms.role = 'helper' and ms.status in ('active', 'paused')
		 order by p.display_name, ms.id`,
		[organisationId, month]
	);
	const invitations = await tx.query<PendingInvitation>(
		`select i.id, i.email,
		        to_char(i.created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "invitedOn",
		        to_char(i.last_sent_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "lastSentOn"
		 from pool_invitations i
		 left join memberships ms on ms.id = i.membership_id
		 where i.organisation_id = $1 and (i.membership_id is null or ms.status = 'invited')
		 order by i.created_at, i.id`,
		[organisationId]
	);
	const direct = await tx.query<{ count: number }>(
		`select count(*)::int as count from memberships ms
		 where ms.organisation_id = $1 and ms.role = 'helper' and ms.status = 'invited'
		   and not exists (select 1 from pool_invitations i where i.membership_id = ms.id)`,
		[organisationId]
	);
	return {
		members: members.rows.map((r) => {
			const committedHours = Number(r.committedHours);
			const offer =
				r.hoursPerMonth === null
					? null
					: {
							hoursPerMonth: Number(r.hoursPerMonth),
							// An offer's lists are never null (not-null columns).
							categories: r.categories!,
							targetGroups: r.targetGroups!,
							pausedUntil: r.pausedUntil
						};
			return {
				membershipId: r.membershipId,
				personId: r.personId,
				displayName: r.displayName,
				status: r.status,
				verified: r.verified,
				offer,
				commitments: r.commitments,
				committedHours,
				freeHours: offer ? Math.max(0, offer.hoursPerMonth - committedHours) : null,
				// A note's date is never null (to_char of its not-null updated_at).
				note: r.noteBody === null ? null : { body: r.noteBody, updatedAt: r.noteUpdatedAt! }
			};
		}),
		invitations: invitations.rows,
		// count(*) always gives one row.
		directInvitations: direct.rows[0]!.count
	};
}
