// The migrations as regrouped before the first release (issue #6): one concern per file, every
// function, trigger and policy defined once, and each table's columns, constraints, grants,
// policies and comments in the file that creates it. From then on they are append-only: a later
// migration may replace what these define (fix forward), but these files do not change, which the
// fingerprint below holds (the migration runner records versions, not contents, so an edited file
// would never reach a database that has it already).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../supabase/migrations');
/** The last migration of the regrouped set; later files are fix-forward migrations. */
const REGROUPED_UNTIL = '20261129000200';
/** sha256 over the regrouped files' names and contents, in order. */
const FINGERPRINT = '8e1e22c70ed107e145c7bdfddc2c3741793a73943d9dfa57d7e64a57b96606ef';

interface Migration {
	file: string;
	/** The SQL without comments, lower case. */
	sql: string;
	raw: string;
}

const regrouped: Migration[] = readdirSync(dir)
	.filter((f) => /^\d{14}_.+\.sql$/.test(f) && f.slice(0, 14) <= REGROUPED_UNTIL)
	.sort()
	.map((file) => {
		const raw = readFileSync(join(dir, file), 'utf8');
		return { file, raw, sql: raw.replace(/--[^\n]*/g, '').toLowerCase() };
	});

/** Where each key occurs, for the keys that occur more than once. */
function repeated(found: Array<[key: string, file: string]>): Record<string, string[]> {
	const byKey = new Map<string, string[]>();
	for (const [key, file] of found) byKey.set(key, [...(byKey.get(key) ?? []), file]);
	return Object.fromEntries([...byKey].filter(([, files]) => files.length > 1));
}

/** The functions a text defines, by schema and name: overloads count as defining a name again. */
function functionsOf(sql: string): string[] {
	return [...sql.matchAll(/create\s+(?:or\s+replace\s+)?function\s+([\w."]+)\s*\(/g)].map(
		(m) => m[1]!
	);
}

function triggersOf(sql: string): string[] {
	return [
		...sql.matchAll(/create\s+(?:constraint\s+)?trigger\s+(\w+)\s[^;]*?\son\s+([\w.]+)/g)
	].map((m) => `${m[1]} on ${m[2]}`);
}

function policiesOf(sql: string): string[] {
	return [...sql.matchAll(/create\s+policy\s+("[^"]+"|\w+)\s+on\s+([\w.]+)/g)].map(
		(m) => `${m[1]} on ${m[2]}`
	);
}

/** Tables and views a file creates. */
function relationsOf(sql: string): string[] {
	return [
		...sql.matchAll(/create\s+(?:unlogged\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([\w.]+)/g)
	].map((m) => m[1]!);
}

/** Relations a file changes, grants on, writes policies or comments for. */
function relationsTouched(sql: string): string[] {
	const touch =
		/(alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?|comment\s+on\s+(?:table|view)\s+|comment\s+on\s+column\s+|(?:grant|revoke)\s+[\w ,()]+?\s+on\s+(?:table\s+)?|(?:create|alter)\s+policy\s+(?:"[^"]+"|\w+)\s+on\s+)([\w.]+)/g;
	return [...sql.matchAll(touch)].map((m) =>
		m[1]!.startsWith('comment on column') ? m[2]!.split('.').slice(0, 2).join('.') : m[2]!
	);
}

describe('the regrouped migrations', () => {
	it('define every function name once (no overloads either)', () => {
		const found = regrouped.flatMap((m) =>
			functionsOf(m.sql).map((f) => [f, m.file] as [string, string])
		);
		expect(found.length).toBeGreaterThan(150);
		expect(repeated(found)).toEqual({});
		// Nothing to replace, nothing to drop, no policy changed after it was written.
		for (const m of regrouped) {
			expect(m.sql, m.file).not.toMatch(/create\s+or\s+replace\s+function/);
			expect(m.sql, m.file).not.toMatch(/\bdrop\s+(function|trigger|policy)\b|\balter\s+policy\b/);
		}
	});

	it('define every trigger and every policy once', () => {
		const triggers = regrouped.flatMap((m) =>
			triggersOf(m.sql).map((t) => [t, m.file] as [string, string])
		);
		const policies = regrouped.flatMap((m) =>
			policiesOf(m.sql).map((p) => [p, m.file] as [string, string])
		);
		expect(triggers.length).toBeGreaterThan(50);
		expect(policies.length).toBeGreaterThan(40);
		expect(repeated(triggers)).toEqual({});
		expect(repeated(policies)).toEqual({});
	});

	it("keep each table's columns, constraints, grants, policies and comments in the file that creates it", () => {
		const home = new Map(
			regrouped.flatMap((m) => relationsOf(m.sql).map((r) => [r, m.file] as const))
		);
		const elsewhere = regrouped.flatMap((m) =>
			relationsTouched(m.sql)
				.filter((r) => home.has(r) && home.get(r) !== m.file)
				.map((r) => `${r} in ${m.file} (created in ${home.get(r)})`)
		);
		expect(home.size).toBeGreaterThan(30);
		expect(elsewhere).toEqual([]);
	});

	it('are append-only: their contents are as released (fix forward in a new migration)', () => {
		const hash = createHash('sha256');
		// Line endings as in the repository, whatever a checkout made of them.
		for (const m of regrouped) hash.update(`${m.file}\n${m.raw.replaceAll('\r\n', '\n')}\n`);
		expect(hash.digest('hex'), 'a released migration changed: write a new one instead').toBe(
			FINGERPRINT
		);
	});
});

describe('the parsing these checks rely on', () => {
	it('finds functions by schema and name, a replacement or an overload again', () => {
		expect(
			functionsOf(
				'create function app.f(p uuid) returns void; create or replace function app.f(q uuid, r int)'
			)
		).toEqual(['app.f', 'app.f']);
	});

	it('finds triggers, policies and the tables a statement touches', () => {
		expect(
			triggersOf('create trigger t_a before insert or update of x on public.needs for each row')
		).toEqual(['t_a on public.needs']);
		expect(policiesOf('create policy "people read" on public.needs for select')).toEqual([
			'"people read" on public.needs'
		]);
		expect(
			relationsTouched(
				"alter table public.matches add column x int; comment on column public.matches.x is ''; " +
					'grant select (id) on public.needs to authenticated; alter policy "p" on public.offers using (true);'
			)
		).toEqual(['public.matches', 'public.matches', 'public.needs', 'public.offers']);
	});
});
