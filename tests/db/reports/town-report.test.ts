// The town's report on a fixed scenario: every figure, under every filter, equals the figure
// worked out by hand below; only the office's coordinators may read it; the exports carry no
// name, address, phone, e-mail or note of the scenario; the ledger's summary tables say what the
// events say; events cannot be changed or deleted.
//
// The period is the last three calendar months up to this one (Europe/Berlin). Times inside it
// are 3–50 days ago (it began at least 59 days ago); times before it are 95 days ago or more (it
// began at most 92 days ago), so the scenario holds on any day it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, asSystem, claimsFor } from '../../../src/lib/server/db/person.ts';
import {
	townReport,
	townReportMatches,
	type ReportParams
} from '../../../src/lib/server/reports/town-report.ts';
import { matchRowsCsv, reportTables, toCsv } from '../../../src/lib/server/reports/csv.ts';
import { backends, freshDatabase } from '../harness.ts';
import { coordinator, town, type Town } from '../matching/world.ts';

const DAY = 86_400_000;
const berlinDate = (t: Date) => t.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const firstOf = (index: number) =>
	`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
const lastOf = (index: number) => {
	const d = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0));
	return d.toISOString().slice(0, 10);
};

// Words that must never reach an export.
const SECRETS = {
	names: ['Theodora Quistorp', 'Bartholomäus Zwiebelmeier', 'Henrike Ostendorf'],
	emails: ['theodora.quistorp@geheim.example'],
	phone: '+49 5555 918273',
	title: 'Lesehilfe bei Familie Wunderlich',
	address: 'Amselgasse 17b',
	note: 'Schlüssel liegt unter der Fußmatte',
	comment: 'Frau Wunderlich war sehr dankbar'
};

describe.each(backends)('town report (%s)', (backend) => {
	let db: Database;
	let t: Town;
	let d1: string;
	let d2: string;
	let foreignDistrict: string;
	const now = Date.now();
	const thisMonth = monthIndex(berlinDate(new Date(now)));
	const period: ReportParams = {
		from: firstOf(thisMonth - 2),
		to: lastOf(thisMonth),
		by: 'month',
		district: null,
		category: null,
		targetGroup: null
	};
	/** Calendar months from the month of `days` ago up to this one, both counted. */
	const monthsSince = (days: number) =>
		thisMonth - monthIndex(berlinDate(new Date(now - days * DAY))) + 1;
	const ago = (days: number) => new Date(now - days * DAY).toISOString();
	const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
	const ids: Record<string, string> = {};

	async function need(
		key: string,
		org: string,
		district: string,
		category: string,
		group: string,
		status: string,
		opts: { monthly?: boolean; hours?: number } = {}
	) {
		const { rows } = await q(
			`insert into public.needs (organisation_id, title, description, category, target_group, hours, cadence,
			   starts_on, ends_on, district_id, lat, lng, status, helpers_wanted)
			 values ($1, $2, $3, $4, $5, $6, $7, current_date, $8, $9, 51.0, 10.0, $10, 2) returning id`,
			[
				org,
				SECRETS.title,
				`${SECRETS.address}, Tel. ${SECRETS.phone}`,
				category,
				group,
				opts.hours ?? 2,
				opts.monthly ? 'monthly' : 'one_off',
				opts.monthly
					? ((await q(`select (current_date + 300)::text as d`)).rows[0]!.d as string)
					: null,
				district,
				status
			]
		);
		ids[key] = rows[0]!.id as string;
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
			[
				ago(daysAgo),
				kind,
				refs.need ? ids[refs.need] : null,
				refs.match ? ids[refs.match] : null,
				role
			]
		);
	}

	async function matchOf(
		key: string,
		needKey: string,
		helperKey: string,
		status: string,
		activatedDaysAgo: number | null,
		endedDaysAgo: number | null = null
	) {
		const { rows } = await q(
			`insert into public.matches (need_id, helper_id, status, initiated_by, activated_at, ended_at,
			   helper_accepted_at, organisation_accepted_at)
			 values ($1, $2, $3, 'coordinator', $4, $5, $4, $4) returning id`,
			[
				ids[needKey],
				ids[helperKey],
				status,
				activatedDaysAgo === null ? null : ago(activatedDaysAgo),
				endedDaysAgo === null ? null : ago(endedDaysAgo)
			]
		);
		ids[key] = rows[0]!.id as string;
	}

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		const district = async (municipality: string, name: string) =>
			(
				await q(
					`insert into public.districts (municipality_id, name, centre_lat, centre_lng) values ($1, $2, 51, 10) returning id`,
					[municipality, name]
				)
			).rows[0]!.id as string;
		d1 = await district(t.municipality, 'Nordviertel');
		d2 = await district(t.municipality, 'Südviertel');
		const other = await town(db.pool);
		foreignDistrict = await district(other.municipality, 'Anderswo');

		// Helpers and their monthly hours: h1 10, h2 8, h3 6, h4 4, h5 5, h6 12.
		const hours: Record<string, number> = { h1: 10, h2: 8, h3: 6, h4: 4, h5: 5, h6: 12 };
		for (const [i, [key, h]] of Object.entries(hours).entries()) {
			const id = await coordinatorless(SECRETS.names[i % 3]!, i === 0 ? SECRETS.emails[0]! : null);
			ids[key] = id;
			await q(
				`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, home_lat, home_lng, radius_km)
				 values ($1, $2, '{errands,homework,advice,digital,company}', '{children,youth,seniors}', $3, 51.0, 10.0, 5)`,
				[id, t.municipality, h]
			);
			await q(`update public.contact_details set phone = $2 where person_id = $1`, [
				id,
				SECRETS.phone
			]);
		}

		// Needs: key, organisation, district, category, target group, status.
		await need('n0', t.office, d2, 'errands', 'seniors', 'completed', { hours: 3 });
		await need('n1', t.orgA, d1, 'homework', 'children', 'matched', { hours: 4 });
		await need('n2', t.office, d2, 'errands', 'seniors', 'matched', { monthly: true, hours: 2 });
		await need('n3', t.orgB, d1, 'errands', 'seniors', 'matched', { hours: 3 });
		await need('n4', t.orgA, d2, 'homework', 'youth', 'completed', { hours: 2 });
		await need('n5', t.orgA, d1, 'homework', 'children', 'open');
		await need('n6', t.orgB, d2, 'errands', 'seniors', 'open');
		await need('n7', t.office, d1, 'advice', 'seniors', 'open');
		await need('n8', t.orgA, d1, 'homework', 'children', 'open');
		await need('n9', t.orgB, d2, 'company', 'seniors', 'matched', { hours: 5 });

		await matchOf('m0', 'n0', 'h2', 'completed', 110, 100);
		await matchOf('m1', 'n1', 'h1', 'active', 45);
		await matchOf('m2', 'n2', 'h2', 'active', 20);
		await matchOf('m3', 'n3', 'h3', 'active', 10);
		await matchOf('m3b', 'n3', 'h1', 'active', 8);
		await matchOf('m4', 'n4', 'h4', 'completed', 35, 5);
		await matchOf('m5', 'n8', 'h5', 'declined', null, 30);
		await matchOf('m6', 'n9', 'h6', 'active', 98);

		// The ledger, in time order within each need.
		await event('need_posted', 130, { need: 'n0' }, 'initiated');
		await event('match_proposed', 115, { match: 'm0' }, 'initiated');
		await event('match_completed', 100, { match: 'm0' }, 'initiated');
		await event('need_posted', 50, { need: 'n1' }, null);
		await event('need_approved', 49, { need: 'n1' }, 'approved');
		await event('match_proposed', 48, { match: 'm1' }, 'informed');
		await event('match_accepted', 46, { match: 'm1' }, 'informed');
		await event('need_posted', 30, { need: 'n2' }, 'initiated');
		await event('match_proposed', 22, { match: 'm2' }, 'initiated');
		await event('hours_confirmed', 9, { match: 'm2' }, 'verified');
		await event('need_posted', 25, { need: 'n3' }, null);
		await event('match_proposed', 12, { match: 'm3' }, null);
		await event('match_requested', 9, { match: 'm3b' }, null);
		await event('suggestion_adopted', 41, { need: 'n4' }, 'co_produced');
		await event('need_posted', 40, { need: 'n4' }, null);
		await event('match_proposed', 37, { match: 'm4' }, null);
		await event('need_posted', 15, { need: 'n5' }, null);
		await event('need_posted', 3, { need: 'n6' }, null);
		await event('need_posted', 120, { need: 'n7' }, 'initiated');
		await event('need_posted', 45, { need: 'n8' }, null);
		await event('need_approved', 44, { need: 'n8' }, 'approved');
		await event('match_proposed', 32, { match: 'm5' }, 'informed');
		await event('match_declined', 30, { match: 'm5' }, 'informed');
		await event('need_posted', 100, { need: 'n9' }, null);
		await event('match_accepted', 99, { match: 'm6' }, null);
		await event('match_approved', 98, { match: 'm6' }, 'approved');

		// Hours: confirmed 2 (m1, 40 days ago) and 3 (m2, 10 days ago) in the period; 4 before it;
		// a rejected and a logged one never count.
		const log = async (match: string, daysAgo: number, hours: number, status: string) =>
			q(
				`insert into public.hour_logs (match_id, worked_on, hours, note, status, reviewed_by, reviewed_at)
				 values ($1, $2::date, $3, $4, $5::public.hour_log_status, $6, case when $5::text = 'logged' then null else now() end)`,
				[
					ids[match],
					berlinDate(new Date(now - daysAgo * DAY)),
					hours,
					SECRETS.note,
					status,
					status === 'logged' ? null : t.coordA
				]
			);
		await log('m1', 40, 2, 'confirmed');
		await log('m1', 30, 1.5, 'rejected');
		await log('m2', 10, 3, 'confirmed');
		await log('m0', 105, 4, 'confirmed');
		await log('m3', 5, 1, 'logged');

		const feedback = async (match: string, perspective: string, rating: number, daysAgo: number) =>
			q(
				`insert into public.feedback (match_id, author_id, perspective, rating, comment, created_at)
				 values ($1, $2, $3, $4, $5, $6)`,
				[ids[match], t.coordA, perspective, rating, SECRETS.comment, ago(daysAgo)]
			);
		await feedback('m4', 'helper', 4, 4);
		await feedback('m4', 'coordinator', 5, 4);
		await feedback('m0', 'helper', 2, 99);
	});
	afterAll(() => db.close());

	async function coordinatorless(name: string, email: string | null): Promise<string> {
		const { rows } = await q(
			`insert into auth.users (email, raw_user_meta_data) values ($1, $2) returning id`,
			[email ?? `${crypto.randomUUID()}@test.example`, { display_name: name }]
		);
		return rows[0]!.id as string;
	}

	const report = (p: Partial<ReportParams> = {}, person = t.municipal, org = t.office) =>
		asPerson(db.pool, claimsFor(person), (tx) => townReport(tx, org, { ...period, ...p }));

	it('counts every figure of the whole town as worked out by hand', async () => {
		const r = await report();
		// Active in the period: m1 (h1), m2 (h2), m3 (h3), m3b (h1), m4 (h4), m6 (h6, since before).
		// With the town: m1 informed, m2 initiated, m6 approved → h1, h2, h6. First time: only h1
		// (h2's first was m0, h6's m6, both before the period).
		expect(r.helpers).toEqual({ active: 5, withTown: 3, firstTime: 1 });
		expect(r.matchesByRole).toEqual({
			initiated: 1,
			approved: 1,
			verified: 0,
			co_produced: 0,
			informed: 1,
			none: 3
		});
		// Posted in the period: n1, n2, n3, n4, n5, n6, n8; matched n1 (5 days), n2 (10), n3 (15),
		// n4 (5): median 7.5. With the town: n1, n2, n4, n8; co-produced: n4.
		expect(r.needs).toEqual({
			posted: 7,
			matched: 4,
			medianDaysToMatch: 7.5,
			withTown: 4,
			coProduced: 1
		});
		// Open now: n6 3 days, n5 15, n8 45, n7 120.
		expect(r.openNeedsByAge).toEqual({ under7: 1, under30: 1, under90: 1, over90: 1 });
		// Offered: (10 + 8 + 6 + 4 + 12) × 3 months. Committed: 4 + 3 + 3 + 2 + 5 one-off, and
		// m2's monthly 2 h for each month from its start to the period's end.
		expect(r.hours).toEqual({ offered: 120, committed: 17 + 2 * monthsSince(20), confirmed: 5 });
		expect(r.nonprofits).toBe(2);
		expect(r.feedback).toEqual({
			helper: { count: 1, average: 4 },
			coordinator: { count: 1, average: 5 },
			beneficiary: { count: 0, average: null }
		});
	});

	it('puts each need, start and confirmed hour into its month, quarter and year', async () => {
		const monthOfAgo = (days: number) => monthIndex(berlinDate(new Date(now - days * DAY)));
		const posted = [50, 30, 25, 40, 15, 3, 45].map(monthOfAgo);
		const started = [45, 20, 10, 8, 35].map(monthOfAgo);
		const confirmed: [number, number][] = [
			[monthOfAgo(40), 2],
			[monthOfAgo(10), 3]
		];
		const r = await report();
		expect(r.series.map((s) => s.bucket)).toEqual([2, 1, 0].map((k) => firstOf(thisMonth - k)));
		for (const s of r.series) {
			const i = monthIndex(s.bucket);
			expect(s).toEqual({
				bucket: s.bucket,
				needsPosted: posted.filter((x) => x === i).length,
				matchesStarted: started.filter((x) => x === i).length,
				hoursConfirmed: confirmed.filter(([x]) => x === i).reduce((a, [, h]) => a + h, 0)
			});
		}
		for (const by of ['quarter', 'year'] as const) {
			const grouped = await report({ by });
			const sum = (k: 'needsPosted' | 'matchesStarted' | 'hoursConfirmed') =>
				grouped.series.reduce((a, s) => a + s[k], 0);
			expect([sum('needsPosted'), sum('matchesStarted'), sum('hoursConfirmed')]).toEqual([7, 5, 5]);
			expect(grouped.series[0]!.bucket <= period.from).toBe(true);
		}
	});

	it('filters by district', async () => {
		const r = await report({ district: d1 });
		// Nordviertel: n1, n3, n5, n7, n8; active m1, m3, m3b (h1, h3).
		expect(r.helpers).toEqual({ active: 2, withTown: 1, firstTime: 1 });
		expect(r.matchesByRole).toMatchObject({ informed: 1, none: 2, initiated: 0, approved: 0 });
		expect(r.needs).toEqual({
			posted: 4,
			matched: 2,
			medianDaysToMatch: 10,
			withTown: 2,
			coProduced: 0
		});
		expect(r.openNeedsByAge).toEqual({ under7: 0, under30: 1, under90: 1, over90: 1 });
		expect(r.hours).toEqual({ offered: 48, committed: 10, confirmed: 2 });
		expect(r.nonprofits).toBe(2);
		expect(r.feedback.helper).toEqual({ count: 0, average: null });
		const south = await report({ district: d2 });
		expect(south.helpers).toEqual({ active: 3, withTown: 2, firstTime: 0 });
		expect(south.needs).toEqual({
			posted: 3,
			matched: 2,
			medianDaysToMatch: 7.5,
			withTown: 2,
			coProduced: 1
		});
		expect(south.feedback.coordinator).toEqual({ count: 1, average: 5 });
	});

	it('filters by category', async () => {
		const r = await report({ category: 'errands' });
		// errands: n0, n2, n3, n6; active m2 (h2), m3 (h3), m3b (h1). h2's first was m0, before.
		expect(r.helpers).toEqual({ active: 3, withTown: 1, firstTime: 0 });
		expect(r.matchesByRole).toMatchObject({ initiated: 1, none: 2, informed: 0 });
		expect(r.needs).toEqual({
			posted: 3,
			matched: 2,
			medianDaysToMatch: 12.5,
			withTown: 1,
			coProduced: 0
		});
		expect(r.openNeedsByAge).toEqual({ under7: 1, under30: 0, under90: 0, over90: 0 });
		expect(r.hours).toEqual({ offered: 72, committed: 6 + 2 * monthsSince(20), confirmed: 3 });
		expect(r.nonprofits).toBe(1);
	});

	it('filters by target group, and by all three at once', async () => {
		const r = await report({ targetGroup: 'children' });
		expect(r.helpers).toEqual({ active: 1, withTown: 1, firstTime: 1 });
		expect(r.needs).toEqual({
			posted: 3,
			matched: 1,
			medianDaysToMatch: 5,
			withTown: 2,
			coProduced: 0
		});
		expect(r.openNeedsByAge).toEqual({ under7: 0, under30: 1, under90: 1, over90: 0 });
		expect(r.hours).toEqual({ offered: 30, committed: 4, confirmed: 2 });
		expect(r.nonprofits).toBe(1);
		const none = await report({ district: d2, category: 'homework', targetGroup: 'children' });
		expect(none.helpers).toEqual({ active: 0, withTown: 0, firstTime: 0 });
		expect(none.needs.posted).toBe(0);
		expect(none.needs.medianDaysToMatch).toBeNull();
	});

	it('lists one anonymous row per match active in the period', async () => {
		const rows = await asPerson(db.pool, claimsFor(t.municipal), (tx) =>
			townReportMatches(tx, t.office, period)
		);
		expect(rows).toHaveLength(6);
		expect(
			rows
				.filter((r) => r.firstWithTown)
				.map((r) => r.townRole)
				.sort()
		).toEqual(['approved', 'informed']);
		expect(rows.map((r) => r.district).sort()).toEqual([
			'Nordviertel',
			'Nordviertel',
			'Nordviertel',
			'Südviertel',
			'Südviertel',
			'Südviertel'
		]);
		const m4 = rows.find((r) => r.targetGroup === 'youth')!;
		expect(m4).toMatchObject({
			status: 'completed',
			daysPostingToStart: 5,
			hoursCommitted: 2,
			townRole: null
		});
	});

	it('exports no name, e-mail, phone, address, title, note or comment', async () => {
		const r = await report();
		const rows = await asPerson(db.pool, claimsFor(t.municipal), (tx) =>
			townReportMatches(tx, t.office, period)
		);
		const csv = [
			...Object.values(reportTables(r)).map((table) => toCsv(table.header, table.rows)),
			matchRowsCsv(rows),
			JSON.stringify(r)
		].join('\n');
		const secrets = [...Object.values(SECRETS).flat(), ...Object.values(ids)];
		for (const secret of secrets) expect(csv).not.toContain(secret);
		// Nor any fragment of them (the phone without its spaces, the street without its number).
		expect(csv).not.toContain('Amselgasse');
		expect(csv).not.toContain('918273');
		expect(csv).not.toContain('@');
	});

	it("is for the office's coordinators only, for a forward period under five years and the town's districts", async () => {
		const refused = (work: () => Promise<unknown>) =>
			expect(work()).rejects.toMatchObject({ message: 'not_allowed' });
		await refused(() => report({}, t.coordA, t.office)); // a nonprofit's coordinator
		await refused(() => report({}, t.coordA, t.orgA)); // for a nonprofit
		await refused(() => report({}, t.municipal, t.orgA)); // the office's coordinator, for a nonprofit
		const otherOffice = await town(db.pool);
		await refused(() => report({}, t.municipal, otherOffice.office)); // another town
		await refused(() => report({ from: period.to, to: period.from }));
		await refused(() => report({ from: firstOf(thisMonth - 60) })); // 62 months
		await refused(() => report({ district: foreignDistrict }));
		// Five years exactly are fine.
		const five = await report({ from: firstOf(thisMonth - 59), by: 'year' });
		// m0 too (h2 was counted already): two matches the town initiated.
		expect(five.helpers.active).toBe(5);
		expect(five.matchesByRole.initiated).toBe(2);
		const second = await coordinator(db.pool, t.office, 'Zweite Koordination');
		expect((await report({}, second)).helpers.active).toBe(5);
	});

	it('keeps the summary tables equal to what the events say', async () => {
		const { rows } = await q(
			`select (select count(*) from (
			   select match_id, role from private.match_town_roles where municipality_id = $1
			   except select match_id, role from public.match_town_involvement where municipality_id = $1) a) as m,
			        (select count(*) from (
			   select need_id, role, co_produced, posted_at from private.need_town_roles where municipality_id = $1
			   except select need_id, role, co_produced, posted_at from public.need_town_involvement where municipality_id = $1) b) as n,
			        (select count(*) from private.match_town_roles where municipality_id = $1) as total`,
			[t.municipality]
		);
		expect(rows[0]).toEqual({
			m: expect.anything(),
			n: expect.anything(),
			total: expect.anything()
		});
		expect(Number(rows[0]!.m)).toBe(0);
		expect(Number(rows[0]!.n)).toBe(0);
		expect(Number(rows[0]!.total)).toBe(8);
		const first = await q(
			`select match_id from public.helper_first_town_match where municipality_id = $1 and helper_id = $2`,
			[t.municipality, ids.h2]
		);
		expect(first.rows).toEqual([{ match_id: ids.m0 }]);
	});

	it('refuses changing or deleting an event, for the system too', async () => {
		const { rows } = await q(
			`select id from public.involvement_events where match_id = $1 limit 1`,
			[ids.m1]
		);
		const id = rows[0]!.id as string;
		const system = (sql: string) => asSystem(db.pool, (tx) => tx.query(sql, [id]));
		await expect(
			system(`update public.involvement_events set municipal_role = 'initiated' where id = $1`)
		).rejects.toMatchObject({ message: 'involvement_events_append_only' });
		await expect(
			system(`delete from public.involvement_events where id = $1`)
		).rejects.toMatchObject({
			message: 'involvement_events_append_only'
		});
		await expect(
			asPerson(db.pool, claimsFor(t.municipal), (tx) =>
				tx.query(`delete from public.involvement_events where id = $1`, [id])
			)
		).rejects.toThrow();
		// The derived role did not move.
		expect((await report()).matchesByRole.informed).toBe(1);
	});
});
