// The certificate of engagement (Ehrenamtsnachweis): a person's confirmed hours in a period, per
// organisation. Runs as the person; RLS lets coordinators see others' logs, so the person's own
// id is a filter here, not left to the policies. Only confirmed hours count.
import { createHash } from 'node:crypto';
import { addMonths } from '../../domain/hours/month.ts';
import type { CertificatePeriod } from '../../schemas/certificate.ts';
import type { Queryable } from '../db/types.ts';

export interface CertificateOrganisation {
	id: string;
	name: string;
	/** The organisation's municipality. */
	town: string;
	/** Where to ask about these hours; null when the organisation gave no address. */
	contactEmail: string | null;
	hours: number;
	/** Distinct needs the person helped in with confirmed hours. */
	activities: number;
	/** The needs' titles (never about the people helped: needs carry no personal data). */
	activityTitles: string[];
	/** The first and the last day with confirmed hours in the period, 'yyyy-mm-dd'. */
	firstDay: string;
	lastDay: string;
}

export interface Certificate {
	/** The person's display name as in their profile ('' when they gave none). */
	name: string;
	period: CertificatePeriod;
	organisations: CertificateOrganisation[];
	total: number;
	/** Confirmed hour logs counted. */
	logs: number;
	/**
	 * A check number derived from exactly the hour logs counted (ids, days, hours) and the period:
	 * the same data always gives the same number, any change another one.
	 */
	reference: string;
}

/** The person's confirmed hours from the first day of `from` to the last day of `to`. */
export async function certificate(
	tx: Queryable,
	personId: string,
	period: CertificatePeriod
): Promise<Certificate> {
	// worked_on is a calendar date in Europe/Berlin, so month edges need no time zone here.
	const range = [personId, period.from, addMonths(period.to, 1)];
	const profile = await tx.query<{ name: string }>(
		'select display_name as name from profiles where id = $1',
		[personId]
	);
	const { rows } = await tx.query<
		Omit<CertificateOrganisation, 'hours' | 'activities'> & { hours: string; activities: number }
	>(
		`select o.id, o.name, mu.name as town, o.contact_email as "contactEmail",
		        sum(h.hours) as hours, count(distinct m.need_id)::int as activities,
		        array_agg(distinct n.title order by n.title) as "activityTitles",
		        to_char(min(h.worked_on), 'YYYY-MM-DD') as "firstDay",
		        to_char(max(h.worked_on), 'YYYY-MM-DD') as "lastDay"
		 from hour_logs h
		 join matches m on m.id = h.match_id
		 join needs n on n.id = m.need_id
		 join organisations o on o.id = h.organisation_id
		 join municipalities mu on mu.id = o.municipality_id
		 where h.helper_id = $1 and h.status = 'confirmed'
		   and h.worked_on >= $2::date and h.worked_on < $3::date
		 group by o.id, o.name, mu.name, o.contact_email
		 order by sum(h.hours) desc, o.name`,
		range
	);
	const logs = await tx.query<{ id: string; day: string; hours: string }>(
		`select h.id, to_char(h.worked_on, 'YYYY-MM-DD') as day, h.hours::text as hours
		 from hour_logs h
		 where h.helper_id = $1 and h.status = 'confirmed'
		   and h.worked_on >= $2::date and h.worked_on < $3::date
		 order by h.id`,
		range
	);
	const organisations = rows.map((r) => ({ ...r, hours: Number(r.hours) }));
	return {
		name: profile.rows[0]?.name ?? '',
		period,
		organisations,
		total: Math.round(organisations.reduce((s, o) => s + o.hours * 100, 0)) / 100,
		logs: logs.rows.length,
		reference: referenceOf(personId, period, logs.rows)
	};
}

/** 'ZS-' and 12 hex digits of a SHA-256 over the person, the period and the logs counted. */
export function referenceOf(
	personId: string,
	period: CertificatePeriod,
	logs: readonly { id: string; day: string; hours: string }[]
): string {
	const hash = createHash('sha256')
		.update(
			[personId, period.from, period.to, ...logs.map((l) => `${l.id}:${l.day}:${l.hours}`)].join(
				'\n'
			)
		)
		.digest('hex')
		.toUpperCase();
	return `ZS-${hash.slice(0, 4)}-${hash.slice(4, 8)}-${hash.slice(8, 12)}`;
}
