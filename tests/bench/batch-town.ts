// A town for the batch-planning bench, written in a few set-based statements (generate_series):
// `helpers` helpers with offers clustered around the centre, one nonprofit with `needs` open needs
// next month (weekly windows, a tenth remote, a tenth monthly, some wanting two helpers, two in
// five asking for §72a, which two thirds of the helpers have), and a second organisation whose
// active matches take time and hours (one per helper at most, so no helper is double-booked by the
// load itself).
import type { Database } from '../../src/lib/server/db/open.ts';
import { CENTRE, KM_LAT, KM_LNG, insertHelpers } from './bench-helpers.ts';

export interface BatchTown {
	organisation: string;
	coordinator: string;
	/** A helper of the town, for the "another page" queries. */
	helper: string;
	helpers: number;
	needs: number;
}

export async function populateBatchTown(
	db: Database,
	size: { helpers: number; needs: number; loadMatches: number }
): Promise<BatchTown> {
	const client = await db.pool.connect();
	const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
	let organisation: string;
	let coordinator: string;
	try {
		await q('begin');
		await q(`select setseed(0.1234)`);
		const town = (
			await q(
				`insert into public.municipalities (name, ags, nonprofit_needs_need_approval) values ('Stapelstadt', '09999002', false) returning id`
			)
		).rows[0].id as string;
		const [ours, other] = (
			await q(
				`insert into public.organisations (municipality_id, name, kind)
				 values ($1, 'Stapel e. V.', 'nonprofit'), ($1, 'Andere Hilfe e. V.', 'nonprofit') returning id`,
				[town]
			)
		).rows.map((r) => r.id as string);
		organisation = ours!;
		coordinator = (
			await q(
				`insert into auth.users (email) values ('batch-coordinator@test.example') returning id`
			)
		).rows[0].id as string;
		await q(
			`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
			[organisation, coordinator]
		);
		await insertHelpers(client, {
			idPrefix: 'bt-helper-',
			emailPrefix: 'bt',
			count: size.helpers,
			municipality: town
		});
		// The other organisation's active matches: next month, Tuesday/Thursday afternoons.
		const loadNeeds = Math.max(1, Math.round(size.loadMatches / 10));
		await q(
			`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, time_windows, lat, lng, status, helpers_wanted)
			 select $1, 'Last ' || g, 'errands', 'seniors', 1 + (g % 4), date_trunc('month', current_date + 35)::date + (g % 28),
			   '{[2280,2460),[5160,5340)}', $2, $3, 'open', 10 from generate_series(1, $4) g`,
			[other, CENTRE.lat, CENTRE.lng, loadNeeds]
		);
		await q(
			`insert into public.matches (need_id, helper_id, status, initiated_by)
			 select n.id, md5('bt-helper-' || ((g * 7919) % $2 + 1))::uuid, 'active', 'coordinator'
			 from generate_series(1, $1) g
			 join (select id, row_number() over (order by id) - 1 as i from public.needs where organisation_id = $4) n on n.i = g % $3`,
			[size.loadMatches, size.helpers, loadNeeds, other]
		);
		// The needs to plan: spread over the town and over next month, two-hour weekly windows.
		await q(
			`insert into public.needs (organisation_id, title, category, target_group, hours, cadence, starts_on, ends_on,
			   time_windows, remote, lat, lng, preferred_languages, status, helpers_wanted, requires_72a)
			 select $1, 'Bedarf ' || g, (enum_range(null::public.need_category))[1 + g % 5],
			   (enum_range(null::public.target_group))[1 + g % 3], 1 + (g % 3),
			   case when g % 10 = 0 then 'monthly'::public.need_cadence else 'one_off' end,
			   date_trunc('month', current_date + 35)::date + (g % 28),
			   case when g % 10 = 0 then date_trunc('month', current_date + 35)::date + 90 end,
			   case when g % 10 = 5 then null
			        else int4multirange(int4range((g % 7) * 1440 + (array[480, 840, 1080])[1 + g % 3],
			                                      (g % 7) * 1440 + (array[480, 840, 1080])[1 + g % 3] + 120)) end,
			   g % 10 = 5,
			   $2 + ((g * 7919) % 1000 / 1000.0 - 0.5) * 16 * $4,
			   $3 + ((g * 104729) % 1000 / 1000.0 - 0.5) * 16 * $5,
			   case when g % 4 = 0 then array['en'] else '{}' end, 'open', 1 + (g % 5 = 0)::int, g % 5 in (0, 2)
			 from generate_series(1, $6) g`,
			[organisation, CENTRE.lat, CENTRE.lng, KM_LAT, KM_LNG, size.needs]
		);
		// §72a: two needs in five ask for it (above). A third of the helpers were inspected by the
		// organisation, a third by the town's office (the town inspects), each due for re-checking
		// on a day of the planned months, so some needs end after their helper's inspection.
		const office = (
			await q(
				`insert into public.organisations (municipality_id, name, kind) values ($1, 'Stadt Stapelstadt', 'municipal') returning id`,
				[town]
			)
		).rows[0].id as string;
		await q(`update public.municipalities set municipality_inspects_72a = true where id = $1`, [
			town
		]);
		await q(
			`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_by, certificate_date,
			   conviction_listed, recheck_on)
			 select md5('bt-helper-' || g)::uuid, case when g % 3 = 0 then $1 else $2 end::uuid, $3, current_date, false,
			   date_trunc('month', current_date + 35)::date + (g % 60)
			 from generate_series(1, $4) g where g % 3 <> 2`,
			[organisation, office, coordinator, size.helpers]
		);
		await q('commit');
	} catch (error) {
		await q('rollback');
		throw error;
	} finally {
		client.release();
	}
	// A town's offers are written over months, so autovacuum has marked their pages all-visible,
	// which the reach index's index-only probes rely on: as here, not as straight after a bulk load.
	await db.pool.query('vacuum analyze');
	const helper = (await db.pool.query(`select md5('bt-helper-' || 1)::uuid as id`)).rows[0]
		.id as string;
	return { organisation, coordinator, helper, helpers: size.helpers, needs: size.needs };
}

/** A further organisation of the town, for the sends: its coordinator signs in with `email`. */
export interface SendingOrganisation {
	organisation: string;
	coordinator: string;
	email: string;
}

/**
 * `count` more nonprofits of the batch town, each with a coordinator and a copy of the planned
 * organisation's open needs: five sends at once come from five organisations, since an
 * organisation sends one batch at a time (sendBatchFor). Written after the plan's figures, so
 * the plan is measured in the town as populateBatchTown leaves it.
 */
export async function addSendingOrganisations(
	db: Database,
	town: BatchTown,
	count: number
): Promise<SendingOrganisation[]> {
	const client = await db.pool.connect();
	const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
	const added: SendingOrganisation[] = [];
	try {
		await q('begin');
		for (let k = 1; k <= count; k++) {
			const email = `batch-coordinator-${k}@test.example`;
			const { rows } = await q(
				`with o as (insert into public.organisations (municipality_id, name, kind)
				            select municipality_id, 'Sender ' || $2 || ' e. V.', 'nonprofit' from public.organisations where id = $1
				            returning id),
				      u as (insert into auth.users (email) values ($3) returning id)
				 select o.id as organisation, u.id as coordinator from o, u`,
				[town.organisation, k, email]
			);
			const { organisation, coordinator } = rows[0] as {
				organisation: string;
				coordinator: string;
			};
			await q(
				`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
				[organisation, coordinator]
			);
			await q(
				`insert into public.needs (organisation_id, title, category, target_group, hours, cadence, starts_on, ends_on,
				   time_windows, remote, lat, lng, preferred_languages, status, helpers_wanted, requires_72a)
				 select $2, title, category, target_group, hours, cadence, starts_on, ends_on, time_windows, remote, lat, lng,
				   preferred_languages, 'open', helpers_wanted, requires_72a
				 from public.needs where organisation_id = $1 and status = 'open'`,
				[town.organisation, organisation]
			);
			added.push({ organisation, coordinator, email });
		}
		await q('commit');
	} catch (error) {
		await q('rollback');
		throw error;
	} finally {
		client.release();
	}
	await db.pool.query('analyze');
	return added;
}
