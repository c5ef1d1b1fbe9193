// The town report's fact rows and monthly rollups (migrations 20261128003600–3640) stay right
// after every kind of write, in the writing transaction: after each write the facts equal what
// the base tables say, the rollups equal the sums of the facts, and the report read from the
// rollups (app.town_report_summary, whole months) equals the report computed from the base
// tables (private.town_report_scan) for every filter and for month, quarter and year. Last, a
// seeded random sequence of writes of every kind, checked the same way.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { backends, freshDatabase } from '../harness.ts';
import { person, town, type Town } from '../matching/world.ts';

// Every check reads the whole town several hundred times (PGlite under load: minutes).
vi.setConfig({ testTimeout: 600_000 });

const DAY = 86_400_000;
const CATEGORIES = ['errands', 'homework', 'advice', 'digital', 'company'] as const;
const GROUPS = ['children', 'youth', 'seniors'] as const;
const ROLES = ['initiated', 'approved', 'verified', 'co_produced', 'informed', null] as const;

const berlinDate = (t: Date) => t.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const firstOf = (index: number) =>
	`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
const lastOf = (index: number) =>
	new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).toISOString().slice(0, 10);

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
	};
}

interface Report {
	helpers: Record<'active' | 'withTown' | 'firstTime', number>;
	hours: Record<'offered' | 'committed' | 'confirmed', number>;
	needs: Record<string, number | null>;
	matchesByRole: Record<string, number>;
	feedback: Record<string, { count: number; average: number | null }>;
}

describe.each(backends)('town report rollups (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let districts: string[];
	const helpers: string[] = [];
	const now = Date.now();
	const thisMonth = monthIndex(berlinDate(new Date(now)));
	const ago = (days: number) => new Date(now - days * DAY).toISOString();
	/** The random sequence's writes run in a transaction of their own (a refused one is rolled back). */
	let inTransaction: { query: Database['pool']['query'] } | null = null;
	const q = (sql: string, params: unknown[] = []) => (inTransaction ?? db.pool).query(sql, params);

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		districts = [];
		for (const name of ['Altstadt', 'Hafen'])
			districts.push(
				(
					await q(
						`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, $2, 51, 10) returning id`,
						[t.municipality, name]
					)
				).rows[0]!.id as string
			);
		for (let i = 0; i < 6; i++) {
			const id = await person(db.pool, `Helfer*in ${i}`);
			helpers.push(id);
			await q(
				`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, home_lat, home_lng, radius_km)
				 values ($1, $2, '{errands,homework,advice,digital,company}', '{children,youth,seniors}', $3, 51.0, 10.0, 5)`,
				[id, t.municipality, 2 + i]
			);
		}
	});
	afterAll(() => db.close());

	// ---- writes -------------------------------------------------------------------------------
	async function postNeed(opts: {
		org?: string;
		district?: string | null;
		category?: string;
		group?: string;
		monthly?: boolean;
		daysAgo: number;
		role?: string | null;
		status?: string;
	}): Promise<string> {
		const { rows } = await q(
			`insert into public.needs (organisation_id, title, category, target_group, hours, cadence, starts_on, ends_on,
			   district_id, lat, lng, status, helpers_wanted)
			 values ($1, 'Bedarf', $2, $3, $4, $5::public.need_cadence, current_date,
			         case when $5::text = 'monthly' then current_date + 300 end,
			         $6, 51.0, 10.0, $7, 2) returning id`,
			[
				opts.org ?? t.orgA,
				opts.category ?? 'errands',
				opts.group ?? 'seniors',
				opts.monthly ? 2 : 3,
				opts.monthly ? 'monthly' : 'one_off',
				opts.district === undefined ? districts[0] : opts.district,
				opts.status ?? 'open'
			]
		);
		const id = rows[0]!.id as string;
		await event('need_posted', opts.daysAgo, { need: id }, opts.role ?? null);
		return id;
	}

	async function event(
		kind: string,
		daysAgo: number,
		refs: { need?: string; match?: string },
		role: string | null
	) {
		await q(
			`insert into public.involvement_events (occurred_at, kind, municipality_id, organisation_id, need_id, match_id,
			   helper_id, municipal_role)
			 select $1, $2, n.municipality_id, n.organisation_id, n.id, m.id, m.helper_id, $5
			 from public.needs n left join public.matches m on m.id = $4 where n.id = coalesce($3, m.need_id)`,
			[ago(daysAgo), kind, refs.need ?? null, refs.match ?? null, role]
		);
	}

	async function match(
		need: string,
		helper: string,
		opts: { activatedDaysAgo: number | null; endedDaysAgo?: number; status?: string }
	): Promise<string> {
		const status =
			opts.status ??
			(opts.activatedDaysAgo === null
				? 'proposed'
				: opts.endedDaysAgo !== undefined
					? 'completed'
					: 'active');
		const { rows } = await q(
			`insert into public.matches (need_id, helper_id, status, initiated_by, activated_at, ended_at,
			   helper_accepted_at, organisation_accepted_at)
			 values ($1, $2, $3, 'coordinator', $4, $5, $4, $4) returning id`,
			[
				need,
				helper,
				status,
				opts.activatedDaysAgo === null ? null : ago(opts.activatedDaysAgo),
				opts.endedDaysAgo === undefined ? null : ago(opts.endedDaysAgo)
			]
		);
		return rows[0]!.id as string;
	}

	/** Hours worked `daysAgo` (not before the match began). */
	async function logHours(m: string, daysAgo: number, hours: number): Promise<string> {
		const { rows } = await q(
			`insert into public.hour_logs (match_id, worked_on, hours, status)
			 select m.id, greatest($2::date, (m.activated_at at time zone 'Europe/Berlin')::date), $3, 'logged'
			 from public.matches m where m.id = $1 returning id`,
			[m, berlinDate(new Date(now - daysAgo * DAY)), hours]
		);
		return rows[0]!.id as string;
	}

	/** A person deletes their account (app.delete_my_account): their matches end, their id is blanked. */
	async function deleteAccount(helper: string) {
		if (!inTransaction) {
			await asPerson(db.pool, claimsFor(helper), (tx) =>
				tx.query('select app.delete_my_account()')
			);
			return;
		}
		// As asPerson does, inside the random sequence's transaction.
		await q(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify(claimsFor(helper))
		]);
		await q('set local role authenticated');
		await q('select app.delete_my_account()');
	}

	const review = (log: string, status: 'confirmed' | 'rejected') =>
		q(
			`update public.hour_logs set status = $2, reviewed_by = $3, reviewed_at = now() where id = $1`,
			[log, status, t.coordA]
		);

	// ---- checks -------------------------------------------------------------------------------
	/** Rows of a query that the other query lacks, both ways (as JSON text, for a clear diff). */
	async function difference(a: string, b: string, params: unknown[] = []) {
		const { rows } = await q(
			`select 'missing' as side, to_jsonb(x)::text as row from ((${a}) except all (${b})) x
			 union all select 'extra', to_jsonb(y)::text from ((${b}) except all (${a})) y`,
			params
		);
		return rows.map((r) => `${r.side}: ${r.row}`);
	}

	/** The facts equal the base tables, the rollups the sums of the facts (no zero rows). */
	async function expectFactsAndRollupsRight() {
		expect(
			await difference(
				`select m.id, m.municipality_id, m.helper_id, m.need_id, m.organisation_id, m.started_at, m.ended_at,
				        m.district_id, m.category, m.target_group, m.cadence = 'monthly' as monthly, m.hours, m.role,
				        m.helper_id is not null and m.role is not null and m.id = (
				          select o.id from private.report_matches o
				          where o.helper_id = m.helper_id and o.municipality_id = m.municipality_id
				            and o.role is not null and o.started_at is not null
				          order by o.started_at, o.id limit 1) as first_with_town
				 from private.report_matches m where m.started_at is not null`,
				`select match_id, municipality_id, helper_id, need_id, organisation_id, started_at, ended_at, district_id,
				        category, target_group, monthly, hours, role, first_with_town
				 from private.report_match_facts`
			)
		).toEqual([]);
		expect(
			await difference(
				`select n.id, t.municipality_id, n.municipality_id, n.organisation_id, t.posted_at, n.district_id,
				        n.category, n.target_group, t.role, t.co_produced,
				        (select min(m.started_at) from private.report_matches m where m.need_id = n.id), n.status = 'open'
				 from public.need_town_involvement t join public.needs n on n.id = t.need_id
				 where t.posted_at is not null`,
				`select need_id, municipality_id, need_municipality_id, organisation_id, posted_at, district_id, category,
				        target_group, role, co_produced, matched_at, open from private.report_need_facts`
			)
		).toEqual([]);
		expect(
			await difference(
				`select h.id, h.municipality_id, h.worked_on, h.hours, n.district_id, n.category, n.target_group
				 from public.hour_logs h join public.matches m on m.id = h.match_id join public.needs n on n.id = m.need_id
				 where h.status = 'confirmed'`,
				`select hour_log_id, municipality_id, worked_on, hours, district_id, category, target_group
				 from private.report_hour_facts`
			)
		).toEqual([]);
		expect(
			await difference(
				`select b.id, m.municipality_id, b.created_at, b.perspective, b.rating::int, n.district_id, n.category,
				        n.target_group
				 from public.feedback b join public.matches m on m.id = b.match_id join public.needs n on n.id = m.need_id`,
				`select feedback_id, municipality_id, created_at, perspective, rating, district_id, category, target_group
				 from private.report_feedback_facts`
			)
		).toEqual([]);
		const month = (col: string) => `date_trunc('month', ${col} at time zone 'Europe/Berlin')::date`;
		const keys = `cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)`;
		expect(
			await difference(
				`select municipality_id, key, month, role, sum(s)::int as started, sum(e)::int as ended,
				        sum(so) as started_oneoff, sum(eo) as ended_oneoff, sum(sm) as started_monthly,
				        sum(em) as ended_monthly, sum(fi)::int as firsts
				 from (select f.municipality_id, k.key, ${month('f.started_at')} as month, coalesce(f.role::text, 'none') as role,
				              1 as s, 0 as e, case when f.monthly then 0 else f.hours end as so, 0 as eo,
				              case when f.monthly then f.hours else 0 end as sm, 0 as em, f.first_with_town::int as fi
				       from private.report_match_facts f ${keys}
				       union all
				       select f.municipality_id, k.key, ${month('f.ended_at')}, coalesce(f.role::text, 'none'),
				              0, 1, 0, case when f.monthly then 0 else f.hours end, 0,
				              case when f.monthly then f.hours else 0 end, 0
				       from private.report_match_facts f ${keys} where f.ended_at is not null) x
				 group by 1, 2, 3, 4`,
				`select municipality_id, key, month, role, started, ended, started_oneoff, ended_oneoff, started_monthly,
				        ended_monthly, firsts from private.report_match_months
				 where (started, ended, started_oneoff, ended_oneoff, started_monthly, ended_monthly, firsts)
				       <> (0, 0, 0, 0, 0, 0, 0)`
			)
		).toEqual([]);
		expect(
			await difference(
				`select f.municipality_id, k.key, ${month('f.posted_at')} as month, count(*)::int,
				        count(*) filter (where f.role is not null)::int, count(*) filter (where f.co_produced)::int,
				        count(*) filter (where f.matched_at is not null)::int
				 from private.report_need_facts f ${keys} group by 1, 2, 3`,
				`select municipality_id, key, month, posted, with_town, co_produced, matched from private.report_need_months
				 where posted <> 0 or with_town <> 0 or co_produced <> 0 or matched <> 0`
			)
		).toEqual([]);
		expect(
			await difference(
				`select f.municipality_id, k.key, date_trunc('month', f.worked_on)::date, sum(f.hours)
				 from private.report_hour_facts f ${keys} group by 1, 2, 3`,
				`select municipality_id, key, month, hours from private.report_hour_months where hours <> 0`
			)
		).toEqual([]);
		expect(
			await difference(
				`select f.municipality_id, k.key, ${month('f.created_at')}, f.perspective, count(*)::int, sum(f.rating)::bigint
				 from private.report_feedback_facts f ${keys} group by 1, 2, 3, 4`,
				`select municipality_id, key, month, perspective, n, rating_sum from private.report_feedback_months where n <> 0`
			)
		).toEqual([]);
	}

	/** The report from the rollups equals the report from the base tables, for every filter. */
	async function expectReportEqualsScan(everyFilter: boolean) {
		// Unfiltered and one filter of each kind for the last three months, five years, and a year
		// ending three months ago, by each grouping; with everyFilter, also every combination of
		// district, category and target group (each or any) for the last 12 months by month.
		const all: [string | null, string | null, string | null][] = [];
		for (const d of [...districts, null])
			for (const c of [...CATEGORIES, null]) for (const g of [...GROUPS, null]) all.push([d, c, g]);
		const some: typeof all = [
			[null, null, null],
			[districts[1]!, null, null],
			[null, 'errands', null],
			[null, null, 'children']
		];
		const runs: [number, number, string, typeof all][] = everyFilter ? [[11, 0, 'month', all]] : [];
		for (const [fromBack, toBack] of [
			[2, 0],
			[59, 0],
			[14, 3]
		] as const)
			for (const by of ['month', 'quarter', 'year']) runs.push([fromBack, toBack, by, some]);
		let compared = 0;
		for (const [fromBack, toBack, by, filters] of runs)
			for (const [district, category, group] of filters) {
				const params = [
					firstOf(thisMonth - fromBack),
					lastOf(thisMonth - toBack),
					by,
					district,
					category,
					group
				];
				const fast = await asPerson(db.pool, claimsFor(t.municipal), (tx) =>
					tx.query(
						`select app.town_report_summary($1, $2::date, $3::date, $4, $5::uuid, $6::public.need_category,
							          $7::public.target_group) as r`,
						[t.office, ...params]
					)
				);
				const { rows } = await q(
					`select s.r, $8::jsonb as fast, s.r = $8::jsonb as same
					 from (select private.town_report_scan($1, $2::date, $3::date, $4, $5::uuid, $6::public.need_category,
					                $7::public.target_group) as r) s`,
					[t.municipality, ...params, JSON.stringify(fast.rows[0]!.r)]
				);
				// jsonb equality: numbers compare as numbers (17 = 17.0).
				if (!rows[0]!.same)
					expect({ params, fast: rows[0]!.fast }).toEqual({ params, fast: rows[0]!.r });
				compared++;
			}
		expect(compared).toBe((everyFilter ? all.length : 0) + 9 * some.length);
	}

	async function expectAllRight(everyFilter = false) {
		await expectFactsAndRollupsRight();
		await expectReportEqualsScan(everyFilter);
	}

	const fast = (p: { from: string; to: string; by?: string }) =>
		asPerson(db.pool, claimsFor(t.municipal), (tx) =>
			tx.query(`select app.town_report_summary($1, $2::date, $3::date, $4) as r`, [
				t.office,
				p.from,
				p.to,
				p.by ?? 'month'
			])
		).then((r) => r.rows[0]!.r as Report);
	const lastThree = { from: firstOf(thisMonth - 2), to: lastOf(thisMonth) };

	// ---- each kind of write -------------------------------------------------------------------
	let n1: string;
	let n2: string;
	let m1: string;
	let m2: string;
	let log1: string;
	let log2: string;

	it('counts a need posted and a match started as they are written', async () => {
		n1 = await postNeed({ daysAgo: 40, role: null });
		n2 = await postNeed({
			daysAgo: 200,
			district: districts[1],
			category: 'homework',
			group: 'children',
			monthly: true
		});
		let r = await fast(lastThree);
		expect(r.needs).toMatchObject({ posted: 1, matched: 0 });
		m1 = await match(n1, helpers[0]!, { activatedDaysAgo: 30 });
		m2 = await match(n2, helpers[1]!, { activatedDaysAgo: 150 });
		r = await fast(lastThree);
		expect(r.needs).toMatchObject({ posted: 1, matched: 1, medianDaysToMatch: 10 });
		expect(r.helpers).toEqual({ active: 2, withTown: 0, firstTime: 0 });
		// m2's monthly 2 hours for each of the three months.
		expect(r.hours).toMatchObject({ committed: 3 + 2 * 3 });
		await expectAllRight();
	});

	it('moves a match with the town role the ledger derives, and counts the first time', async () => {
		await event('match_approved', 29, { match: m1 }, 'approved');
		let r = await fast(lastThree);
		expect(r.helpers).toEqual({ active: 2, withTown: 1, firstTime: 1 });
		expect(r.matchesByRole).toMatchObject({ approved: 1, none: 1 });
		// A stronger role in the earlier match of another helper's need: m2 becomes h1's first
		// with the town, before the period, and h1's count there stays.
		await event('need_approved', 160, { need: n2 }, 'initiated');
		r = await fast(lastThree);
		expect(r.matchesByRole).toMatchObject({ approved: 1, none: 1, initiated: 0 });
		await event('match_proposed', 151, { match: m2 }, 'initiated');
		r = await fast(lastThree);
		expect(r.matchesByRole).toMatchObject({ approved: 1, initiated: 1, none: 0 });
		expect(r.helpers).toEqual({ active: 2, withTown: 2, firstTime: 1 });
		await expectAllRight();
	});

	it('follows a status change: a match ending, a proposed one starting, a need closing', async () => {
		await q(`update public.matches set status = 'completed', ended_at = $2 where id = $1`, [
			m2,
			ago(100)
		]);
		let r = await fast(lastThree);
		expect(r.helpers.active).toBe(1);
		expect(r.hours.committed).toBe(3);
		const n3 = await postNeed({ daysAgo: 20, role: 'initiated', category: 'advice' });
		const m3 = await match(n3, helpers[2]!, { activatedDaysAgo: null });
		r = await fast(lastThree);
		expect(r.helpers.active).toBe(1);
		expect(r.needs).toMatchObject({ posted: 2, matched: 1 });
		await q(`update public.matches set status = 'active', activated_at = $2 where id = $1`, [
			m3,
			ago(5)
		]);
		r = await fast(lastThree);
		expect(r.helpers.active).toBe(2);
		expect(r.needs).toMatchObject({ posted: 2, matched: 2, medianDaysToMatch: 12.5 });
		await q(`update public.needs set status = 'matched' where id = $1`, [n3]);
		await expectAllRight();
	});

	it('moves everything of a need whose district, category or target group changes', async () => {
		await q(`update public.needs set district_id = $2, category = 'digital' where id = $1`, [
			n1,
			districts[1]
		]);
		await expectAllRight();
		await q(`update public.needs set district_id = null where id = $1`, [n1]);
		await expectAllRight(true);
	});

	it('adds confirmed hours, not logged or rejected ones, and takes them back when rejected later', async () => {
		log1 = await logHours(m1, 10, 2);
		log2 = await logHours(m1, 12, 1.5);
		let r = await fast(lastThree);
		expect(r.hours.confirmed).toBe(0);
		await review(log1, 'confirmed');
		await review(log2, 'rejected');
		r = await fast(lastThree);
		expect(r.hours.confirmed).toBe(2);
		await expectAllRight();
		await q(`update public.hour_logs set status = 'rejected' where id = $1`, [log1]);
		r = await fast(lastThree);
		expect(r.hours.confirmed).toBe(0);
		await review(log1, 'confirmed');
		await q(
			`insert into public.feedback (match_id, author_id, perspective, rating, created_at) values ($1, $2, 'helper', 4, $3)`,
			[m1, t.coordA, ago(3)]
		);
		r = await fast(lastThree);
		expect(r.feedback).toMatchObject({ helper: { count: 1, average: 4 } });
		await expectAllRight();
	});

	it("keeps the figures right when a person's account is deleted (their id blanked in matches)", async () => {
		const firstRows = () =>
			asPerson(db.pool, claimsFor(t.municipal), (tx) =>
				tx.query(
					`select count(*)::int as n from app.town_report_matches($1, $2::date, $3::date) where first_with_town`,
					[t.office, lastThree.from, lastThree.to]
				)
			).then((r) => r.rows[0]!.n as number);
		const before = await fast(lastThree);
		const firstsBefore = await firstRows();
		await deleteAccount(helpers[0]!);
		expect((await q(`select helper_id from public.matches where id = $1`, [m1])).rows).toEqual([
			{ helper_id: null }
		]);
		const after = await fast(lastThree);
		// h0 (m1) is no longer a helper nor a first-timer; the match (ended now) still counts, and
		// so do its confirmed hours.
		expect(after.helpers.active).toBe(before.helpers.active - 1);
		expect(after.helpers.firstTime).toBe(before.helpers.firstTime - 1);
		expect(after.matchesByRole).toEqual(before.matchesByRole);
		expect(after.hours.confirmed).toBe(before.hours.confirmed);
		// The anonymous match rows no longer mark m1 as anybody's first.
		expect(await firstRows()).toBe(firstsBefore - 1);
		await expectAllRight();
	});

	it('takes back a deleted match with its hours and feedback, and a deleted need', async () => {
		await q(`delete from public.matches where id = $1`, [m1]);
		const r = await fast(lastThree);
		expect(r.hours.confirmed).toBe(0);
		expect(r.feedback).toMatchObject({ helper: { count: 0, average: null } });
		await expectAllRight();
		await q(`delete from public.needs where id = $1`, [n1]);
		await expectAllRight();
	});

	it('stays right after a random sequence of writes of every kind', async () => {
		const rnd = random(20261128);
		const needs: string[] = [];
		const matches: string[] = [];
		const logs: string[] = [];
		const pairs = new Set<string>();
		const orgs = [t.orgA, t.orgB, t.office];
		for (let i = 0; i < 30; i++)
			needs.push(
				await postNeed({
					org: rnd.pick(orgs),
					district: rnd.pick([...districts, null]),
					category: rnd.pick(CATEGORIES),
					group: rnd.pick(GROUPS),
					monthly: rnd.next() < 0.3,
					daysAgo: 1 + rnd.int(700),
					role: rnd.pick(ROLES),
					status: rnd.pick(['open', 'matched', 'completed'])
				})
			);
		const live = helpers.slice(1);
		let written = 0;
		for (let step = 0; step < 120; step++) {
			const client = await db.pool.connect();
			try {
				await client.query('begin');
				inTransaction = client;
				await randomWrite();
				await client.query('commit');
				written++;
			} catch (error) {
				// A write the database refuses (a double booking, a second feedback from one side):
				// its transaction changed nothing, rollups included.
				await client.query('rollback');
				if (!/^[a-z0-9_]+$|duplicate key/.test((error as Error).message)) throw error;
			} finally {
				inTransaction = null;
				client.release();
			}
			if (step % 40 === 39) await expectFactsAndRollupsRight();
		}
		expect(written).toBeGreaterThan(80);
		await expectAllRight(true);

		async function randomWrite() {
			const kind = rnd.int(10);
			if (kind <= 2 || matches.length === 0) {
				const started = rnd.next() < 0.8 ? 1 + rnd.int(600) : null;
				const ended =
					started !== null && rnd.next() < 0.5 ? Math.max(0, started - rnd.int(200)) : undefined;
				const need = rnd.pick(needs);
				const helper = rnd.pick(live);
				if (pairs.has(need + helper)) return; // one match per need and helper
				pairs.add(need + helper);
				matches.push(
					await match(need, helper, {
						activatedDaysAgo: started,
						endedDaysAgo: ended
					})
				);
			} else if (kind === 3) {
				await event(
					rnd.pick(['match_approved', 'match_proposed', 'hours_confirmed']),
					1 + rnd.int(600),
					{ match: rnd.pick(matches) },
					rnd.pick(ROLES)
				);
			} else if (kind === 4) {
				await event(
					rnd.pick(['need_approved', 'suggestion_adopted', 'need_posted']),
					1 + rnd.int(600),
					{ need: rnd.pick(needs) },
					rnd.pick(ROLES)
				);
			} else if (kind === 5) {
				const m = rnd.pick(matches);
				const days = 1 + rnd.int(300);
				await q(
					`update public.matches set status = 'completed',
					   ended_at = greatest(coalesce(activated_at, now() - interval '1 day'), $2::timestamptz),
					   activated_at = coalesce(activated_at, now() - interval '1 day') where id = $1`,
					[m, ago(days)]
				);
			} else if (kind === 6) {
				logs.push(await logHours(rnd.pick(matches), rnd.int(600), 1 + rnd.int(4)));
				if (rnd.next() < 0.7) await review(logs.at(-1)!, rnd.pick(['confirmed', 'rejected']));
			} else if (kind === 7) {
				await q(
					`insert into public.feedback (match_id, author_id, perspective, rating, created_at)
					 values ($1, $2, $3, $4, $5)`,
					[
						rnd.pick(matches),
						t.coordA,
						rnd.pick(['helper', 'coordinator', 'beneficiary']),
						1 + rnd.int(5),
						ago(rnd.int(600))
					]
				);
			} else if (kind === 8) {
				await q(
					`update public.needs set district_id = $2, category = $3, target_group = $4, status = $5 where id = $1`,
					[
						rnd.pick(needs),
						rnd.pick([...districts, null]),
						rnd.pick(CATEGORIES),
						rnd.pick(GROUPS),
						rnd.pick(['open', 'matched', 'completed'])
					]
				);
			} else if (rnd.next() < 0.5 && matches.length > 3) {
				const i = rnd.int(matches.length);
				await q(`delete from public.matches where id = $1`, [matches[i]]);
				matches.splice(i, 1);
			} else if (live.length > 2) {
				// A person leaves: their matches end and stay with a blank helper.
				const i = rnd.int(live.length);
				await deleteAccount(live[i]!);
				live.splice(i, 1);
			}
		}
	}, 600_000);
});
