// Benchmark of the candidate query (public.need_candidates) over 100 000 synthetic helpers in one
// municipality, on PGlite (memory) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on
// a fresh database of that PostgreSQL server (created and dropped here). Prints median and p95 ms
// with indexes, the same with index and bitmap scans disabled, their ratio (target ≤ 0.1 on
// PostgreSQL), and EXPLAIN's top nodes of the retrieval step. Figures only, no assertions.
import { openDatabase, type Database } from '../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../src/lib/server/db/person.ts';
import { uniqueDatabaseName, withAdmin, withDatabase } from '../db/server-admin.ts';
import { CENTRE, KM_LAT, KM_LNG, insertHelpers } from './bench-helpers.ts';

const HELPERS = Number(process.env.BENCH_HELPERS ?? 100_000);
const NEEDS = 30;
const SEQ_NEEDS = Number(process.env.BENCH_SEQ_NEEDS ?? 6);
const LOAD_NEEDS = 2000;
const LOAD_MATCHES = 30_000;
// Town centre (Bavaria); helpers cluster around it (sum of three uniforms ≈ bell curve, ±18 km).

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const fmt = (x: number) => x.toFixed(2).padStart(9);

interface World {
	coordinator: string;
	needs: string[];
}

/** Fills the database: one town, one nonprofit and its coordinator, helpers with offers, needs, load. */
export async function populate(db: Database): Promise<World> {
	const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
	const t = performance.now();
	const town = (
		await q(
			`insert into public.municipalities (name, ags, nonprofit_needs_need_approval) values ('Benchstadt', '09999001', false) returning id`
		)
	).rows[0].id as string;
	const org = (
		await q(
			`insert into public.organisations (municipality_id, name, kind) values ($1, 'Bench e. V.', 'nonprofit') returning id`,
			[town]
		)
	).rows[0].id as string;
	const coordinator = (
		await q(`insert into auth.users (email) values ('bench-coordinator@test.example') returning id`)
	).rows[0].id as string;
	await q(
		`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
		[org, coordinator]
	);

	// Accounts without the per-row profile trigger: the profiles are written in one statement.
	const client = await db.pool.connect();
	try {
		await client.query('begin');
		await client.query(`select setseed(0.4242)`);
		await insertHelpers(client, {
			idPrefix: 'bench-helper-',
			emailPrefix: 'h',
			count: HELPERS,
			municipality: town
		});
		await client.query('commit');
	} catch (error) {
		await client.query('rollback');
		throw error;
	} finally {
		client.release();
	}

	// Load: earlier needs with active matches, so capacity is really computed.
	await q(
		`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, lat, lng, status)
		 select $1, 'Last ' || g, 'errands', 'seniors', 1 + (g % 4), date_trunc('month', current_date + 35)::date + (g % 28),
		   $2, $3, 'open' from generate_series(1, $4) g`,
		[org, CENTRE.lat, CENTRE.lng, LOAD_NEEDS]
	);
	await q(
		`insert into public.matches (need_id, helper_id, status, initiated_by)
		 select n.id, md5('bench-helper-' || ((g * 7919) % $2 + 1))::uuid, 'active', 'coordinator'
		 from generate_series(1, $1) g
		 join (select id, row_number() over (order by id) - 1 as i from public.needs where title like 'Last %') n on n.i = g % $3
		 on conflict (need_id, helper_id) do nothing`,
		[LOAD_MATCHES, HELPERS, LOAD_NEEDS]
	);
	// The needs we ask candidates for: spread over the town, next month, Tuesday/Thursday afternoons.
	const { rows } = await q(
		`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, time_windows, lat, lng,
		   required_languages, preferred_languages, status)
		 select $1, 'Bedarf ' || g, (enum_range(null::public.need_category))[1 + g % 5],
		   (enum_range(null::public.target_group))[1 + g % 3], 1 + (g % 3), date_trunc('month', current_date + 35)::date + g,
		   '{[2280,2460),[5160,5340)}', $2 + ((g * 7919) % 1000 / 1000.0 - 0.5) * 16 * $4,
		   $3 + ((g * 104729) % 1000 / 1000.0 - 0.5) * 16 * $5,
		   case when g % 10 = 0 then array['tr'] else '{}' end, array['tr'], 'open'
		 from generate_series(1, $6) g returning id`,
		[org, CENTRE.lat, CENTRE.lng, KM_LAT, KM_LNG, NEEDS]
	);
	await q('analyze');
	console.log(
		`  populated ${HELPERS} helpers, ${LOAD_MATCHES} active matches, ${NEEDS} needs in ${((performance.now() - t) / 1000).toFixed(1)} s`
	);
	return { coordinator, needs: rows.map((r) => r.id as string) };
}

async function timeQueries(
	db: Database,
	world: World,
	indexed: boolean,
	needs = world.needs
): Promise<{ ms: number[]; found: number[] }> {
	const ms: number[] = [];
	const found: number[] = [];
	for (const needId of needs) {
		await asPerson(db.pool, claimsFor(world.coordinator), async (tx) => {
			// Plans may be cached per session; start each query from the same planning state.
			await tx.query('discard plans');
			if (!indexed) {
				await tx.query('set local enable_indexscan = off');
				await tx.query('set local enable_bitmapscan = off');
			}
			const t = performance.now();
			const { rows } = await tx.query('select * from public.need_candidates($1, 50)', [needId]);
			ms.push(performance.now() - t);
			found.push(rows.length);
		});
	}
	return { ms, found };
}

/** EXPLAIN of the retrieval step inside private.need_candidate_rows (the function hides its plan). */
async function explainRetrieval(db: Database, needId: string, indexed: boolean): Promise<string[]> {
	const client = await db.pool.connect();
	try {
		await client.query('begin');
		if (!indexed) {
			await client.query('set local enable_indexscan = off');
			await client.query('set local enable_bitmapscan = off');
		}
		const { rows } = await client.query<{ 'QUERY PLAN': string }>(
			`explain select o.helper_id from public.needs n join public.offers o
			   on o.reach && box(n.point, n.point) and o.municipality_id = n.municipality_id
			  and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
			  and not (n.remote and o.remote_ok)
			 where n.id = $1`,
			[needId]
		);
		await client.query('rollback');
		return rows
			.map((r) => r['QUERY PLAN'])
			.filter((l) => /Scan|Join|Loop|Index Cond|Recheck/.test(l))
			.slice(0, 6);
	} finally {
		client.release();
	}
}

async function benchOne(label: string, db: Database): Promise<void> {
	console.log(`\n${label}`);
	const world = await populate(db);
	await timeQueries(db, world, true); // warm-up: caches and buffers
	const idx = await timeQueries(db, world, true);
	// Without indexes one query takes seconds: time that baseline on the first few needs only,
	// and compare it with the indexed times of the same needs.
	const subset = world.needs.slice(0, SEQ_NEEDS);
	const seq = await timeQueries(db, world, false, subset);
	const idxSubset = { ms: idx.ms.slice(0, SEQ_NEEDS), found: idx.found.slice(0, SEQ_NEEDS) };
	const same = idxSubset.found.every((n, i) => n === seq.found[i]);
	console.log(
		`  candidates per need: median ${quantile(idx.found, 0.5)}, max ${Math.max(...idx.found)} (limit 50); same results without indexes: ${same}`
	);
	console.log(`  ${''.padEnd(22)}${'median ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
	console.log(
		`  ${'indexed'.padEnd(22)}${fmt(quantile(idx.ms, 0.5))}${fmt(quantile(idx.ms, 0.95))}`
	);
	console.log(
		`  ${`index scans disabled (${SEQ_NEEDS} needs)`.padEnd(22)}${fmt(quantile(seq.ms, 0.5))}${fmt(quantile(seq.ms, 0.95))}`
	);
	console.log(
		`  ratio indexed/unindexed on the same ${SEQ_NEEDS} needs: median ${(quantile(idxSubset.ms, 0.5) / quantile(seq.ms, 0.5)).toFixed(3)}, p95 ${(quantile(idxSubset.ms, 0.95) / quantile(seq.ms, 0.95)).toFixed(3)}`
	);
	console.log('  EXPLAIN retrieval step (indexed):');
	for (const line of await explainRetrieval(db, world.needs[0]!, true))
		console.log(`    ${line.trim()}`);
	console.log('  EXPLAIN retrieval step (index scans disabled):');
	for (const line of await explainRetrieval(db, world.needs[0]!, false))
		console.log(`    ${line.trim()}`);
}

export async function runCandidatesBench(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (url) {
		const name = uniqueDatabaseName('zs_bench');
		await withAdmin(url, (admin) => admin.query(`create database ${name}`));
		const db = await openDatabase({
			url: withDatabase(url, name),
			prepare: true,
			seed: true,
			poolSize: 2
		});
		try {
			const { rows } = await db.pool.query<{ v: string }>('select version() as v');
			await benchOne(`PostgreSQL server (${rows[0]!.v.split(' on ')[0]}), ${HELPERS} helpers`, db);
		} finally {
			await db.close();
			await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
		}
	} else {
		console.log('\n(PostgreSQL server skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
	}
	const lite = await openDatabase({ dataDir: 'memory://', prepare: true });
	try {
		await benchOne(`PGlite (memory), ${HELPERS} helpers`, lite);
	} finally {
		await lite.close();
	}
}
