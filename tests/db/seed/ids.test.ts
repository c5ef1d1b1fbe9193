// tests/support/seed-ids.ts names the demo seed's rows by fixed id: each one exists in a freshly
// seeded database with the name, e-mail address or title the module gives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { seed } from '../../support/seed-ids.ts';
import { backends, freshDatabase } from '../harness.ts';

describe.each(backends)('the demo seed on %s', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	const one = async (sql: string, id: string) => {
		const { rows } = await db.pool.query(sql, [id]);
		return rows;
	};

	it.each(Object.entries(seed.municipalities))('holds the municipality %s', async (_key, m) => {
		expect(await one('select id, name from public.municipalities where id = $1', m.id)).toEqual([
			{ id: m.id, name: m.name }
		]);
	});

	it.each(Object.entries(seed.organisations))('holds the organisation %s', async (_key, o) => {
		expect(
			await one(
				'select id, name, municipality_id as municipality from public.organisations where id = $1',
				o.id
			)
		).toEqual([{ id: o.id, name: o.name, municipality: o.municipality }]);
	});

	it.each(Object.entries(seed.people))(
		'holds %s: account, contact e-mail and display name',
		async (_key, p) => {
			expect(
				await one(
					`select u.id, u.email, c.email as contact_email, pr.display_name
					 from auth.users u
					 join public.contact_details c on c.person_id = u.id
					 join public.profiles pr on pr.id = u.id
					 where u.id = $1`,
					p.id
				)
			).toEqual([
				{ id: p.id, email: p.email, contact_email: p.email, display_name: p.displayName }
			]);
		}
	);

	it.each(Object.entries(seed.needs))('holds the need %s', async (_key, n) => {
		expect(
			await one(
				'select id, title, organisation_id as organisation from public.needs where id = $1',
				n.id
			)
		).toEqual([{ id: n.id, title: n.title, organisation: n.organisation }]);
	});

	it('gives every entry its own id', () => {
		const ids = Object.values(seed).flatMap((kind) =>
			Object.values(kind).map((row: { id: string }) => row.id)
		);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
