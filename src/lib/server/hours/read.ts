// Reading a helper's hours for "Meine Stunden". Runs as the person: RLS decides what is visible.
import {
	berlinToday,
	freeHours,
	monthFigures,
	recentMonths,
	type Commitment,
	type LoggedHours,
	type MyMonth
} from '../../domain/hours/month.ts';
import type { Queryable } from '../db/types.ts';

export type { MyMonth };

export interface ActiveMatch {
	id: string;
	needTitle: string;
	organisationName: string;
}

/** The helper's active matches: where hours can be logged. */
export async function activeMatches(tx: Queryable, personId: string): Promise<ActiveMatch[]> {
	const { rows } = await tx.query<ActiveMatch>(
		`select m.id, n.title as "needTitle", o.name as "organisationName"
		 from matches m
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = m.organisation_id
		 where m.helper_id = $1 and m.status = 'active'
		 order by n.title`,
		[personId]
	);
	return rows;
}

export interface HourLog {
	id: string;
	needTitle: string;
	organisationName: string;
	workedOn: string;
	hours: number;
	note: string;
	status: LoggedHours['status'];
	reviewNote: string | null;
}

/** The helper's own logs, newest day first. */
export async function myHourLogs(tx: Queryable, personId: string, limit = 100): Promise<HourLog[]> {
	const { rows } = await tx.query<HourLog & { hours: string }>(
		`select h.id, n.title as "needTitle", o.name as "organisationName",
		        to_char(h.worked_on, 'YYYY-MM-DD') as "workedOn", h.hours, h.note, h.status,
		        h.review_note as "reviewNote"
		 from hour_logs h
		 join matches m on m.id = h.match_id
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = h.organisation_id
		 where h.helper_id = $1
		 order by h.worked_on desc, h.created_at desc
		 limit $2`,
		[personId, limit]
	);
	return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

/** Offered, committed, logged, confirmed and free hours this month, and the `before` months before. */
export async function myMonth(tx: Queryable, personId: string, before = 6): Promise<MyMonth> {
	const today = berlinToday();
	const months = recentMonths(today, before);
	const first = months[months.length - 1]!;
	const offer = await tx.query<{ hours: string }>(
		'select hours_per_month as hours from offers where helper_id = $1',
		[personId]
	);
	// As the database counts capacity: waiting-for-approval and active matches commit hours.
	const commitments = await tx.query<Commitment & { hours: string }>(
		`select n.hours, n.cadence, to_char(n.starts_on, 'YYYY-MM-DD') as "startsOn",
		        to_char(n.ends_on, 'YYYY-MM-DD') as "endsOn"
		 from matches m join needs n on n.id = m.need_id
		 where m.helper_id = $1 and m.status in ('pending_approval', 'active')`,
		[personId]
	);
	const logs = await tx.query<LoggedHours & { hours: string }>(
		`select to_char(worked_on, 'YYYY-MM-DD') as "workedOn", hours, status
		 from hour_logs where helper_id = $1 and worked_on >= $2`,
		[personId, first]
	);
	const figures = monthFigures(
		months,
		commitments.rows.map((c) => ({ ...c, hours: Number(c.hours) })),
		logs.rows.map((l) => ({ ...l, hours: Number(l.hours) }))
	);
	const offered = offer.rows[0] ? Number(offer.rows[0].hours) : null;
	return {
		today,
		offered,
		free: offered === null ? null : freeHours(offered, figures[0]!.committed),
		months: figures
	};
}
