// The personal data export (GDPR Art. 15/20): every row of ours that refers to the person, and
// nothing that names anyone else. "Every row" is measured against the catalogue independently of
// the export function: each column with a foreign key to a person, in every table of ours.
import { describe, expect, it } from 'vitest';
import { exportMyData } from '../../../src/lib/server/people/account.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld, type Context } from '../rls/support.ts';
import { personaNames, type PersonaName } from '../fixtures.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

interface PersonColumn {
	table: string;
	column: string;
}

async function personColumns(tx: Tx): Promise<PersonColumn[]> {
	const { rows } = await tx.query<PersonColumn>(
		`select format('%s.%s', n.nspname, c.relname) as table, a.attname as column
		 from pg_constraint k
		 join pg_class c on c.oid = k.conrelid
		 join pg_namespace n on n.oid = c.relnamespace
		 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
		 where k.contype = 'f' and k.confrelid in ('public.profiles'::regclass, 'auth.users'::regclass)
		   and n.nspname in ('public', 'private')`
	);
	return rows;
}

/** Per table, how many rows refer to the person in any of its person columns (as the system). */
async function rowsAbout(tx: Tx, person: string): Promise<Record<string, number>> {
	const byTable = new Map<string, string[]>();
	for (const { table, column } of await personColumns(tx)) {
		byTable.set(table, [...(byTable.get(table) ?? []), column]);
	}
	const counts: Record<string, number> = {};
	for (const [table, columns] of byTable) {
		const where = columns.map((c) => `"${c}" = $1`).join(' or ');
		const { rows } = await tx.query<{ n: number }>(
			`select count(*)::int as n from ${table} where ${where}`,
			[person]
		);
		counts[table] = rows[0]!.n;
	}
	return counts;
}

const exported = (ctx: Context, who: PersonaName) =>
	as(ctx, who, async (tx) => {
		const data = await exportMyData(tx);
		await actAs(ctx, tx, 'system');
		return { data, expected: await rowsAbout(tx, ctx.world.people[who]) };
	});

describe.each(backends)('personal data export (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it.each(['helper', 'coordA', 'municipal'] as const)(
		'holds every row that refers to %s, table by table',
		async (who) => {
			const { data, expected } = await exported(ctx, who);
			const counts = Object.fromEntries(
				Object.keys(expected).map((table) => [table, (data[table] as unknown[]).length])
			);
			expect(counts).toEqual(expected);
			expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
			expect(data.account).toMatchObject({ id: w().people[who], email: w().emails[who] });
		}
	);

	it("holds the helper's own rows whole: offer, matches, hours with their note, §72a, pools", async () => {
		const { data } = await exported(ctx, 'helper');
		const ids = (table: string) => (data[table] as { id: string }[]).map((r) => r.id).sort();
		expect(ids('public.offers')).toEqual([w().offers.helper]);
		expect(ids('public.matches')).toEqual([w().matches.active, w().matches.completed].sort());
		expect(ids('public.hour_logs')).toEqual(
			[w().hourLogs.onActive, w().hourLogs.onCompleted].sort()
		);
		expect(ids('public.inspections_72a')).toEqual([w().inspections.helperByA]);
		expect(ids('public.memberships')).toEqual([w().memberships.helperInA]);
		expect(ids('public.need_suggestions')).toEqual([w().suggestions.byHelper]);
		const log = (data['public.hour_logs'] as { id: string; note: string }[]).find(
			(r) => r.id === w().hourLogs.onActive
		);
		expect(log?.note).toBe('Mathe');
	});

	it.each(personaNames)('names nobody but %s', async (who) => {
		const text = await as(ctx, who, async (tx) => {
			// Words another person wrote about a row the persona appears in: a reviewed log's note.
			await actAs(ctx, tx, 'system');
			await tx.query(`update public.hour_logs set note = 'Zoo mit Frau K.' where id = $1`, [
				w().hourLogs.onCompleted
			]);
			await actAs(ctx, tx, who);
			return JSON.stringify(await exportMyData(tx));
		});
		const { rows: names } = await as(ctx, 'system', (tx) =>
			tx.query<{ id: string; display_name: string }>(
				`select id, display_name from public.profiles where id = any($1)`,
				[Object.values(w().people)]
			)
		);
		for (const other of personaNames.filter((x) => x !== who)) {
			expect(text).not.toContain(w().people[other]);
			expect(text).not.toContain(w().emails[other]);
			const name = names.find((n) => n.id === w().people[other])!.display_name;
			expect(text).not.toContain(`"${name}"`);
		}
		expect(text.includes('Zoo mit Frau K.')).toBe(who === 'helper');
	});

	it('is refused without a signed-in person', async () => {
		await expect(as(ctx, 'anonymous', (tx) => exportMyData(tx))).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('gives a coordinator the needs they posted as what they did, not the text others keep editing', async () => {
		const { data } = await exported(ctx, 'coordA');
		const needs = data['public.needs'] as Record<string, unknown>[];
		expect(needs.length).toBeGreaterThan(0);
		for (const need of needs) {
			expect(need).toMatchObject({ created_by: w().people.coordA });
			expect(need).not.toHaveProperty('description');
			expect(need).not.toHaveProperty('title');
		}
	});

	it("leaves out token hashes and holds feedback others gave on the helper's matches", async () => {
		const { data } = await exported(ctx, 'helper');
		expect(JSON.stringify(data)).not.toMatch(/token_hash|code_hash/);
		expect(data.feedback_on_my_matches).toEqual([
			expect.objectContaining({ id: w().feedback.coordAOnCompleted, comment: 'Zuverlässig' })
		]);
		expect(data.feedback_on_my_matches).not.toContainEqual(
			expect.objectContaining({ author_id: expect.anything() })
		);
	});

	it('holds every mail to the person whole: an event mail with its kind and payload', async () => {
		const data = await as(ctx, 'system', async (tx) => {
			await tx.query(
				`insert into private.outbox (person_id, recipient, locale, kind, payload)
				 select u.id, u.email, 'de', 'proposal', '{"title": "Einkaufshilfe", "path": "/matches"}'::jsonb
				 from auth.users u where u.id = $1`,
				[w().people.helper]
			);
			await actAs(ctx, tx, 'helper');
			return exportMyData(tx);
		});
		expect(data['private.outbox']).toContainEqual(
			expect.objectContaining({
				kind: 'proposal',
				payload: { title: 'Einkaufshilfe', path: '/matches' },
				status: 'queued'
			})
		);
	});
});
