// Benchmark of the town's report (app.town_report_summary through townReport, as the office's
// coordinator): a town with 5 000 helpers, 20 000 matches and 200 000 ledger events over three
// years, and the same at a tenth of the data, on PGlite (memory) and, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set, on a fresh database of that PostgreSQL server (created and dropped
// here). The town is written in bulk statements with the report's fact and rollup triggers on
// (migrations 20261128003600–3640), as the app's writes keep them. Prints the report's median and
// p95 server time for the last 12 months by month, for five years by year and for a filtered
// year, the time of the same report computed from the base tables (private.town_report_scan, the
// way before the rollups) and whether every figure is equal (exit status 1 if not), then the
// ratio full/tenth (target: under 2 for 10× the data; ≤ 300 ms on PostgreSQL).
// BENCH_REPORT_SCALE (default 1) multiplies the full size; BENCH_REPORT_SKIP_PGLITE=1 runs only
// PostgreSQL.
import { isDeepStrictEqual } from 'node:util';
import { openDatabase, type Database } from '../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../src/lib/server/db/person.ts';
import { townReport, type ReportParams } from '../../src/lib/server/reports/town-report.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from '../db/server-admin.ts';

const SCALE = Number(process.env.BENCH_REPORT_SCALE ?? 1);
const FULL = { helpers: 5_000, matches: 20_000, events: 200_000 };
const RUNS = 7;

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

interface World {
	office: string;
	coordinator: string;
	district: string;
	counts: { helpers: number; matches: number; events: number; needs: number; hourLogs: number };
}

/** One town: its office, 20 nonprofits, 6 districts; helpers, needs, matches, hours, feedback, ledger. */
export async function populate(db: Database, helpers: number, matches: number): Promise<World> {
	const needs = matches / 2;
	const client = await db.pool.connect();
	const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
	try {
		await q('begin');
		await q(`select setseed(0.2026)`);
		const town = (
			await q(
				`insert into public.municipalities (name, ags) values ('Berichtstadt ' || $1, lpad(($1)::text, 8, '0')) returning id`,
				[helpers]
			)
		).rows[0].id as string;
		const office = (
			await q(
				`insert into public.organisations (municipality_id, name, kind) values ($1, 'Stadt – Freiwilligenagentur', 'municipal') returning id`,
				[town]
			)
		).rows[0].id as string;
		await q(
			`insert into public.organisations (municipality_id, name, kind)
			 select $1, 'Verein ' || g, 'nonprofit' from generate_series(1, 20) g`,
			[town]
		);
		await q(
			`insert into public.districts (municipality_id, name, centre_lat, centre_lng)
			 select $1, 'Bezirk ' || g, 48.3 + g / 100.0, 10.8 from generate_series(1, 6) g`,
			[town]
		);
		const coordinator = (
			await q(
				`insert into auth.users (email) values ('report-bench-' || $1 || '@test.example') returning id`,
				[helpers]
			)
		).rows[0].id as string;
		await q(
			`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
			[office, coordinator]
		);
		const tag = `rb${helpers}-`;
		await q('alter table auth.users disable trigger on_auth_user_created');
		await q(
			`insert into auth.users (id, email) select md5($2 || g)::uuid, $2 || g || '@bench.example'
			 from generate_series(1, $1) g`,
			[helpers, tag]
		);
		await q('alter table auth.users enable trigger on_auth_user_created');
		await q(
			`insert into public.profiles (id, display_name) select md5($2 || g)::uuid, 'Helfer*in ' || g
			 from generate_series(1, $1) g`,
			[helpers, tag]
		);
		await q(
			`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, home_lat, home_lng, radius_km)
			 select md5($2 || g)::uuid, $3, '{errands,homework,advice,digital,company}', '{children,youth,seniors}',
			        2 + g % 15, 48.37, 10.89, 5
			 from generate_series(1, $1) g`,
			[helpers, tag, town]
		);
		// Bulk rows as history (the seed's way): their derived columns are set here, without the
		// per-row guards and mails a person's step runs.
		// The report's fact and rollup triggers (migrations 20261128003600–3640) stay on: the bulk
		// statements below are folded into the rollups as the app's writes are.
		for (const table of ['needs', 'matches', 'hour_logs', 'feedback']) {
			await q(`alter table public.${table} disable trigger user`);
			for (const op of ['insert', 'update', 'delete'])
				await q(`alter table public.${table} enable trigger ${table}_report_${op}`);
		}
		// Needs: posted over the last three years, 10 % by the office, a fifth monthly.
		await q(
			`create temporary table bench_needs on commit drop as
			 select g, gen_random_uuid() as id,
			        (select id from public.organisations o where o.municipality_id = $2
			         order by o.kind, o.name offset (case when g % 10 = 0 then 0 else 1 + g % 20 end) limit 1) as organisation_id,
			        (select id from public.districts d where d.municipality_id = $2 order by d.name offset g % 6 limit 1) as district_id,
			        (enum_range(null::public.need_category))[1 + g % 5] as category,
			        (enum_range(null::public.target_group))[1 + (g / 5) % 3] as target_group,
			        now() - (random() * 1095 || ' days')::interval as posted_at
			 from generate_series(1, $1) g`,
			[needs, town]
		);
		await q(
			`insert into public.needs (id, organisation_id, municipality_id, title, category, target_group, hours, cadence,
			   starts_on, ends_on, district_id, lat, lng, status, helpers_wanted, created_at)
			 select id, organisation_id, $1::uuid, 'Bedarf ' || g, category, target_group, 1 + g % 4,
			        case when g % 5 = 0 then 'monthly'::public.need_cadence else 'one_off' end,
			        (posted_at at time zone 'Europe/Berlin')::date + 7,
			        case when g % 5 = 0 then (posted_at at time zone 'Europe/Berlin')::date + 200 end,
			        district_id, 48.37, 10.89,
			        case when g % 50 = 0 then 'open'::public.need_status when g % 3 = 0 then 'completed' else 'matched' end,
			        2, posted_at
			 from bench_needs`,
			[town]
		);
		// Matches: two per need, started 1–30 days after posting; two thirds ended since.
		await q(
			`create temporary table bench_matches on commit drop as
			 select s.i as g, gen_random_uuid() as id, n.id as need_id, n.organisation_id,
			        md5($3 || ((s.i * 7919) % $2 + 1))::uuid as helper_id,
			        least(n.posted_at + ((1 + s.i % 30) || ' days')::interval, now()) as activated_at,
			        s.i % 3 <> 0 as ended
			 from generate_series(0, $1 - 1) s(i) join bench_needs n on n.g = s.i / 2 + 1`,
			[matches, helpers, tag]
		);
		await q(
			`insert into public.matches (id, need_id, helper_id, organisation_id, municipality_id, status, initiated_by,
			   activated_at, ended_at, helper_accepted_at, organisation_accepted_at, created_at)
			 select id, need_id, helper_id, organisation_id, $1::uuid,
			        case when ended then 'completed'::public.match_status else 'active' end, 'coordinator',
			        activated_at, case when ended then least(activated_at + interval '60 days', now()) end,
			        activated_at, activated_at, activated_at - interval '1 day'
			 from bench_matches`,
			[town]
		);
		// Hours: two logs per match (one in three of them still waiting), feedback on ended ones.
		await q(
			`insert into public.hour_logs (match_id, helper_id, organisation_id, municipality_id, worked_on, hours, status,
			   reviewed_by, reviewed_at)
			 select m.id, m.helper_id, m.organisation_id, $1::uuid,
			        least((m.activated_at at time zone 'Europe/Berlin')::date + k * 10, current_date), 1 + k,
			        case when (m.g + k) % 3 = 0 then 'logged'::public.hour_log_status else 'confirmed' end,
			        case when (m.g + k) % 3 <> 0 then $2::uuid end, case when (m.g + k) % 3 <> 0 then now() end
			 from bench_matches m cross join generate_series(1, 2) k`,
			[town, coordinator]
		);
		await q(
			`insert into public.feedback (match_id, organisation_id, perspective, rating, created_at)
			 select m.id, m.organisation_id, (enum_range(null::public.feedback_perspective))[1 + m.g % 3], 1 + m.g % 5,
			        least(m.activated_at + interval '61 days', now())
			 from bench_matches m where m.ended`
		);
		for (const table of ['needs', 'matches', 'hour_logs', 'feedback'])
			await q(`alter table public.${table} enable trigger user`);
		// The ledger: two events per need (posted; approved by the town or completed) and nine per
		// match, with the town's role as the verbs would give it. One statement: the summary
		// trigger folds it in one pass.
		await q(
			`insert into public.involvement_events (occurred_at, kind, municipality_id, organisation_id, need_id, match_id,
			   helper_id, actor_id, municipal_role)
			 select n.posted_at + (k || ' hours')::interval,
			        case k when 0 then 'need_posted'::public.involvement_kind
			               else case when n.g % 4 = 1 then 'need_approved'::public.involvement_kind else 'need_completed' end end,
			        $1::uuid, n.organisation_id, n.id, null::uuid, null::uuid, null::uuid,
			        case when n.g % 10 = 0 then 'initiated'::public.involvement_role
			             when k = 1 and n.g % 4 = 1 then 'approved' end
			 from bench_needs n cross join generate_series(0, 1) k
			 union all
			 select m.activated_at - ((9 - k) || ' hours')::interval,
			        (array['match_proposed', 'match_accepted', 'match_approved', 'hours_confirmed', 'hours_confirmed',
			               'feedback_given', 'match_completed', 'hours_rejected', 'feedback_given'])[k]::public.involvement_kind,
			        $1::uuid, m.organisation_id, m.need_id, m.id, m.helper_id, m.helper_id,
			        case when m.g % 7 = 0 and k = 3 then 'approved'::public.involvement_role
			             when m.g % 11 = 0 and k = 4 then 'verified'
			             when m.g % 13 = 0 then 'informed' end
			 from bench_matches m cross join generate_series(1, 9) k`,
			[town]
		);
		await q('commit');
		await q('analyze');
		const district = (
			await q(`select id from public.districts where municipality_id = $1 order by name limit 1`, [
				town
			])
		).rows[0].id as string;
		const count = async (table: string) =>
			Number(
				(await q(`select count(*) as n from public.${table} where municipality_id = $1`, [town]))
					.rows[0].n
			);
		return {
			office,
			coordinator,
			district,
			counts: {
				helpers,
				needs: await count('needs'),
				matches: await count('matches'),
				events: await count('involvement_events'),
				hourLogs: await count('hour_logs')
			}
		};
	} catch (error) {
		await q('rollback');
		throw error;
	} finally {
		client.release();
	}
}

const berlinMonth = (offset: number) => {
	const [y, m] = new Date()
		.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' })
		.split('-')
		.map(Number);
	const i = y! * 12 + m! - 1 + offset;
	return { first: `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, index: i };
};
const lastDay = (offset: number) => {
	const i = berlinMonth(offset).index;
	return new Date(Date.UTC(Math.floor(i / 12), (i % 12) + 1, 0)).toISOString().slice(0, 10);
};

function queries(world: World): [string, ReportParams][] {
	const none = { district: null, category: null, targetGroup: null };
	return [
		['12 months by month', { from: berlinMonth(-11).first, to: lastDay(0), by: 'month', ...none }],
		['5 years by year', { from: berlinMonth(-59).first, to: lastDay(0), by: 'year', ...none }],
		[
			'12 months, district + category',
			{
				from: berlinMonth(-11).first,
				to: lastDay(0),
				by: 'quarter',
				...none,
				district: world.district,
				category: 'homework'
			}
		]
	];
}

/**
 * Median and p95 of the report's server time (the person's transaction included), and the same
 * report computed from the base tables (private.town_report_scan, the way before the rollups):
 * its time once, and whether every figure is equal.
 */
async function timeReport(db: Database, world: World, params: ReportParams) {
	const ms: number[] = [];
	let report: unknown = null;
	for (let i = 0; i < RUNS + 2; i++) {
		const t = performance.now();
		const r = await asPerson(db.pool, claimsFor(world.coordinator), (tx) =>
			townReport(tx, world.office, params)
		);
		if (i >= 2) ms.push(performance.now() - t); // after two warm-up runs
		report = r;
	}
	const t = performance.now();
	const { rows } = await db.pool.query<{ r: Record<string, unknown> }>(
		`select private.town_report_scan(o.municipality_id, $2::date, $3::date, $4, $5::uuid,
		          $6::public.need_category, $7::public.target_group) as r
		 from public.organisations o where o.id = $1`,
		[
			world.office,
			params.from,
			params.to,
			params.by,
			params.district,
			params.category,
			params.targetGroup
		]
	);
	const scanMs = performance.now() - t;
	const same = isDeepStrictEqual(JSON.parse(JSON.stringify(report)), normalise(rows[0]!.r));
	return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), scanMs, same, report };
}

/** The scan's jsonb as townReport returns it (numbers as numbers). */
function normalise(r: Record<string, unknown>): unknown {
	const x = r as {
		hours: Record<string, unknown>;
		series: { hoursConfirmed: unknown }[];
	};
	return JSON.parse(
		JSON.stringify({
			...r,
			hours: Object.fromEntries(Object.entries(x.hours).map(([k, v]) => [k, Number(v)])),
			series: x.series.map((s) => ({ ...s, hoursConfirmed: Number(s.hoursConfirmed) }))
		})
	);
}

async function benchOne(label: string, db: Database): Promise<void> {
	console.log(`\n${label}`);
	const sizes = [
		['tenth', 0.1 * SCALE],
		['full', SCALE]
	] as const;
	const results: Record<string, Record<string, number>> = {};
	for (const [name, f] of sizes) {
		const t = performance.now();
		const world = await populate(db, Math.round(FULL.helpers * f), Math.round(FULL.matches * f));
		const c = world.counts;
		console.log(
			`  ${name}: ${c.helpers} helpers, ${c.needs} needs, ${c.matches} matches, ${c.events} ledger events, ${c.hourLogs} hour logs (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`
		);
		results[name] = {};
		for (const [qname, params] of queries(world)) {
			const r = await timeReport(db, world, params);
			results[name]![qname] = r.median;
			console.log(
				`    ${qname.padEnd(32)} median ${r.median.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms` +
					`  (base-table scan ${r.scanMs.toFixed(0)} ms; ${r.same ? 'same figures' : 'FIGURES DIFFER'})`
			);
			if (!r.same) {
				console.log(JSON.stringify(r.report));
				process.exitCode = 1;
			}
		}
	}
	for (const [qname] of Object.entries(results.full!)) {
		const ratio = results.full![qname]! / results.tenth![qname]!;
		console.log(
			`  ratio full/tenth, ${qname.padEnd(32)} ${ratio.toFixed(2)} ${ratio < 2 ? '(< 2: ok)' : '(≥ 2: TOO SLOW)'}`
		);
	}
}

export async function runReportBench(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (url) {
		const name = uniqueDatabaseName('zs_bench');
		await withAdmin(url, (admin) => admin.query(`create database ${name}`));
		const db = await openDatabase({ url: withDatabase(url, name), prepare: true, poolSize: 2 });
		try {
			const { rows } = await db.pool.query<{ v: string }>('select version() as v');
			await benchOne(`PostgreSQL server (${rows[0]!.v.split(' on ')[0]})`, db);
		} finally {
			await db.close();
			await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
		}
	} else {
		console.log('\n(PostgreSQL server skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
	}
	if (process.env.BENCH_REPORT_SKIP_PGLITE) return;
	const lite = await openDatabase({ dataDir: 'memory://', prepare: true });
	try {
		await benchOne('PGlite (memory)', lite);
	} finally {
		await lite.close();
	}
}
