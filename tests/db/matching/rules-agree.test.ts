// src/lib/domain/matching/rules.ts states the hard rules of matching in TypeScript; production
// asks the database (private.pair_checks). This property test keeps the two in agreement: random
// need × offer pairs (with §72a inspections, other matches that load the helper's months and
// sometimes a match for the pair itself) are written to the database, and both must name the same
// first broken rule, or both none. Each rule is broken only now and then, so later rules are
// reached too; the test also checks that every verdict actually occurred.
import { randomUUID } from 'node:crypto';
import { addDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	firstViolation,
	type Category,
	type RuleContext,
	type RuleInspection,
	type RuleNeed,
	type RuleOffer,
	type TargetGroup,
	type Violation
} from '../../../src/lib/domain/matching/rules.ts';
import type { Commitment } from '../../../src/lib/domain/matching/month.ts';
import { parseWeekWindows, type WeekWindow } from '../../../src/lib/domain/matching/windows.ts';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, violations, type Town } from './world.ts';

const CATEGORIES: Category[] = ['errands', 'homework', 'advice', 'digital', 'company'];
const TARGET_GROUPS: TargetGroup[] = ['children', 'youth', 'seniors'];
const MATCH_STATUSES = [
	'proposed',
	'requested',
	'pending_approval',
	'active',
	'completed',
	'declined',
	'withdrawn'
] as const;
const RUNS = Number(process.env.RULES_AGREE_RUNS ?? 200);

/** True with probability p (unbiased: fast-check otherwise favours the smallest integers). */
const chance = (p: number) => fc.noBias(fc.integer({ min: 0, max: 999 })).map((x) => x < p * 1000);
/** Half-hour steps between min and max. */
const halves = (min: number, max: number) =>
	fc.integer({ min: min * 2, max: max * 2 }).map((x) => x / 2);
/** null with weight `none`, else a value of `arb`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, none: number) =>
	fc.oneof({ arbitrary: fc.constant(null), weight: none }, { arbitrary: arb, weight: 1 });
/** One or two windows on Monday or Tuesday daytime, so that need and offer often overlap; or none given. */
const window = fc
	.record({
		day: fc.integer({ min: 0, max: 1 }),
		hour: fc.integer({ min: 8, max: 18 }),
		length: fc.integer({ min: 1, max: 4 })
	})
	.map(({ day, hour, length }) => ({
		from: day * 1440 + hour * 60,
		to: day * 1440 + (hour + length) * 60
	}));
const windows = fc.option(
	fc.oneof(
		{ arbitrary: fc.array(window, { minLength: 1, maxLength: 2 }), weight: 8 },
		// An empty list ('{}') is not "no windows given": it fits nothing.
		{ arbitrary: fc.constant([]), weight: 1 }
	),
	{ freq: 4 }
);
const dated = {
	monthly: fc.boolean(),
	startInDays: fc.integer({ min: -60, max: 120 }),
	lengthInDays: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 3 })
};

const pairArb = fc.record({
	need: fc.record({
		organisation: fc.integer({ min: 0, max: 4 }),
		category: fc.constantFrom(...CATEGORIES),
		targetGroup: fc.constantFrom(...TARGET_GROUPS),
		hours: halves(0.5, 8),
		...dated,
		windows,
		remote: chance(0.3),
		point: chance(0.9),
		requiredLanguages: fc.oneof(
			{ arbitrary: fc.constant([]), weight: 3 },
			{ arbitrary: fc.constant(['de']), weight: 3 },
			{ arbitrary: fc.constant(['tr']), weight: 1 }
		),
		requires72a: chance(0.5)
	}),
	offer: fc.record({
		otherTown: chance(0.05),
		categories: fc.subarray(CATEGORIES),
		keepCategory: chance(0.95),
		targetGroups: fc.subarray(TARGET_GROUPS),
		keepTargetGroup: chance(0.95),
		languages: fc.subarray(['tr', 'ar', 'en']),
		speaksGerman: chance(0.95),
		hoursPerMonth: fc.integer({ min: 1, max: 16 }),
		windows,
		home: fc.option(fc.record({ northKm: halves(-2.5, 2.5), eastKm: halves(-2.5, 2.5) }), {
			freq: 10
		}),
		radiusKm: halves(1, 8),
		remoteOk: chance(0.4),
		pausedInDays: sometimes(fc.integer({ min: -2, max: 2 }), 4)
	}),
	inspections: fc.uniqueArray(
		fc.record({
			organisation: fc.integer({ min: 0, max: 3 }),
			convictionListed: chance(0.1),
			/** Days after the need's last day the re-check falls due; null for years away. */
			recheckInDays: fc.option(fc.integer({ min: -2, max: 2 }), { freq: 2 })
		}),
		{ maxLength: 2, selector: (i) => i.organisation }
	),
	commitments: fc.array(
		fc.record({
			organisation: fc.integer({ min: 0, max: 4 }),
			hours: halves(0.5, 8),
			...dated,
			status: fc.constantFrom(...MATCH_STATUSES)
		}),
		{ maxLength: 3 }
	),
	// One pair in four already has a match: "already matched" follows six rules that must all pass,
	// and at one in ten it was seen in none of 200 pairs about once in twenty runs.
	pairMatch: sometimes(fc.constantFrom(...MATCH_STATUSES), 3)
});
type Pair = typeof pairArb extends fc.Arbitrary<infer T> ? T : never;

const day = (date: string, days: number) => format(addDays(parseISO(date), days), 'yyyy-MM-dd');
const multirange = (w: readonly WeekWindow[] | null) =>
	w === null ? null : `{${w.map((x) => `[${x.from},${x.to})`).join(',')}}`;

function needDates(
	today: string,
	d: { monthly: boolean; startInDays: number; lengthInDays: number | null }
) {
	const startsOn = day(today, d.startInDays);
	// A monthly need has an end; a one-off need may have one.
	const length = d.lengthInDays ?? (d.monthly ? 30 : null);
	return {
		cadence: d.monthly ? ('monthly' as const) : ('one_off' as const),
		starts_on: startsOn,
		ends_on: length === null ? null : day(startsOn, length)
	};
}

describe.each(backends)('rules.ts agrees with private.pair_checks on %s', (backend) => {
	let db: Database;
	let pool: pg.Pool;
	let t1: Town;
	let t2: Town;
	let today: string;
	/** Need organisations: three in T1 (which inspects §72a), two in T2 (which does not). */
	let needOrganisations: string[];
	/** Inspecting organisations: A and B of T1, both towns' offices. */
	let inspectors: string[];
	const seen = new Map<Violation | null, number>();

	beforeAll(async () => {
		db = await freshDatabase(backend);
		pool = db.pool;
		t1 = await town(pool, { municipality_inspects_72a: true });
		t2 = await town(pool, { municipality_inspects_72a: false });
		needOrganisations = [t1.orgA, t1.orgB, t1.office, t2.orgA, t2.office];
		inspectors = [t1.orgA, t1.orgB, t1.office, t2.office];
		today = (await pool.query<{ d: string }>('select private.berlin_today() as d')).rows[0]!.d;
	});
	afterAll(() => db?.close());

	/** Writes the pair as the system; returns the need's and the helper's id. */
	async function write(p: Pair): Promise<{ needId: string; helperId: string }> {
		const dates = needDates(today, p.need);
		const remote = p.need.remote;
		const needId = await need(pool, {
			organisation: needOrganisations[p.need.organisation]!,
			category: p.need.category,
			target_group: p.need.targetGroup,
			hours: p.need.hours,
			...dates,
			time_windows: multirange(p.need.windows),
			north_km: remote && !p.need.point ? null : 0,
			remote,
			required_languages: [...p.need.requiredLanguages],
			preferred_languages: [],
			requires_72a: p.need.requires72a
		});
		const categories = new Set(p.offer.categories);
		if (p.offer.keepCategory) categories.add(p.need.category);
		else categories.delete(p.need.category);
		const targetGroups = new Set(p.offer.targetGroups);
		if (p.offer.keepTargetGroup) targetGroups.add(p.need.targetGroup);
		else targetGroups.delete(p.need.targetGroup);
		const languages = p.offer.speaksGerman ? ['de', ...p.offer.languages] : p.offer.languages;
		const begins = dates.starts_on > today ? dates.starts_on : today;
		const helperId = await helper(pool, {
			// The need's town, now and then the other one.
			municipality: (p.need.organisation < 3 !== p.offer.otherTown ? t1 : t2).municipality,
			categories:
				categories.size > 0
					? [...categories]
					: [p.need.category === 'errands' ? 'advice' : 'errands'],
			target_groups:
				targetGroups.size > 0
					? [...targetGroups]
					: [p.need.targetGroup === 'seniors' ? 'youth' : 'seniors'],
			hours_per_month: p.offer.hoursPerMonth,
			availability: multirange(p.offer.windows),
			north_km: p.offer.home?.northKm ?? null,
			east_km: p.offer.home?.eastKm ?? 0,
			radius_km: p.offer.radiusKm,
			// An offer without a home point is remote only.
			remote_ok: p.offer.remoteOk || p.offer.home === null,
			languages: languages.length > 0 ? languages : ['en'],
			paused_until: p.offer.pausedInDays === null ? null : day(begins, p.offer.pausedInDays)
		});
		const lastDay = dates.ends_on ?? dates.starts_on;
		for (const i of p.inspections) {
			await pool.query(
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, inspected_on,
				   certificate_date, conviction_listed, recheck_on)
				 values ($1, $2, '2026-01-15', '2026-01-10', $3, $4)`,
				[
					helperId,
					inspectors[i.organisation]!,
					i.convictionListed,
					i.recheckInDays === null ? '2031-01-10' : day(lastDay, i.recheckInDays)
				]
			);
		}
		for (const c of p.commitments) {
			const other = await need(pool, {
				organisation: needOrganisations[c.organisation]!,
				title: `Andere ${randomUUID().slice(0, 8)}`,
				hours: c.hours,
				...needDates(today, c),
				// Load without fixed times: pair_checks leaves double booking to its own guard
				// (20261128002900_double_booking.sql), which would refuse clashing fixtures.
				time_windows: null
			});
			await match(pool, other, helperId, c.status);
		}
		if (p.pairMatch !== null) await match(pool, needId, helperId, p.pairMatch);
		return { needId, helperId };
	}

	/** The pair as rules.ts sees it, read back from the database. */
	async function read(needId: string, helperId: string) {
		const n = (
			await pool.query(
				`select n.id, n.organisation_id as "organisationId", n.municipality_id as "municipalityId",
				        n.category, n.target_group as "targetGroup", n.hours, n.cadence, n.starts_on as "startsOn",
				        n.ends_on as "endsOn", n.time_windows::text as "timeWindows", n.lat, n.lng, n.remote,
				        n.required_languages as "requiredLanguages", n.requires_72a as "requires72a",
				        mu.municipality_inspects_72a as "townInspects72a"
				 from public.needs n join public.municipalities mu on mu.id = n.municipality_id
				 where n.id = $1`,
				[needId]
			)
		).rows[0]!;
		const o = (
			await pool.query(
				`select helper_id as "helperId", municipality_id as "municipalityId",
				        categories::text[] as categories, target_groups::text[] as "targetGroups",
				        hours_per_month as "hoursPerMonth", availability::text as availability,
				        home_lat as "homeLat", home_lng as "homeLng", radius_km as "radiusKm",
				        remote_ok as "remoteOk", languages, paused_until as "pausedUntil"
				 from public.offers where helper_id = $1`,
				[helperId]
			)
		).rows[0]!;
		const inspections = (
			await pool.query<RuleInspection>(
				`select i.inspected_by as "inspectedBy", i.inspecting_organisation_id as "inspectingOrganisationId",
				        o.kind as "inspectingOrganisationKind", o.municipality_id as "inspectingMunicipalityId",
				        i.conviction_listed as "convictionListed", i.recheck_on as "recheckOn"
				 from public.inspections_72a i join public.organisations o on o.id = i.inspecting_organisation_id
				 where i.helper_id = $1`,
				[helperId]
			)
		).rows;
		const commitments = (
			await pool.query<Commitment>(
				`select n.hours, n.cadence, n.starts_on as "startsOn", n.ends_on as "endsOn", m.status
				 from public.matches m join public.needs n on n.id = m.need_id
				 where m.helper_id = $1`,
				[helperId]
			)
		).rows;
		const alreadyMatched =
			(
				await pool.query('select 1 from public.matches where need_id = $1 and helper_id = $2', [
					needId,
					helperId
				])
			).rows.length > 0;
		const ruleNeed: RuleNeed = { ...n, timeWindows: parseWeekWindows(n.timeWindows) };
		const ruleOffer: RuleOffer = { ...o, availability: parseWeekWindows(o.availability) };
		const ctx: RuleContext = {
			today,
			townInspects72a: n.townInspects72a,
			inspections,
			commitments,
			alreadyMatched
		};
		return { ruleNeed, ruleOffer, ctx };
	}

	it('both name the same first broken rule for random pairs', async () => {
		await fc.assert(
			// Unbiased: each rule breaks about as often as pairArb says, so later rules are reached.
			fc.asyncProperty(fc.noBias(pairArb), async (p) => {
				const { needId, helperId } = await write(p);
				const sql = (await violations(pool, needId, [helperId])).get(helperId);
				const { ruleNeed, ruleOffer, ctx } = await read(needId, helperId);
				const ts = firstViolation(ruleNeed, ruleOffer, ctx);
				seen.set(ts, (seen.get(ts) ?? 0) + 1);
				expect(ts).toBe(sql);
			}),
			// Replays a reported failure: RULES_AGREE_SEED=… RULES_AGREE_PATH=… npx vitest run …
			{
				numRuns: RUNS,
				seed: process.env.RULES_AGREE_SEED ? Number(process.env.RULES_AGREE_SEED) : undefined,
				path: process.env.RULES_AGREE_PATH
			}
		);
		// Not vacuous: every verdict occurred (a replay of one failure skips this).
		if (!process.env.RULES_AGREE_PATH) {
			const verdicts: (Violation | null)[] = [
				null,
				'wrong_municipality',
				'category_mismatch',
				'target_group_mismatch',
				'language_missing',
				'out_of_range',
				'windows_do_not_fit',
				'helper_paused',
				'already_matched',
				'inspection_required',
				'capacity_exceeded'
			];
			expect(verdicts.filter((v) => !seen.has(v))).toEqual([]);
		}
	});
});
