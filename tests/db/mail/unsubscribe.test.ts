// The one-click unsubscribe as the server runs it once a link's signature is checked
// (src/lib/server/mail/preferences.ts → private.unsubscribe_mail): it turns the link's kinds off
// for the link's person only, drops their waiting mails of those kinds, and changes nothing else;
// an unknown kind is refused with nothing changed; nobody but the system may call it. Invitations
// are no kind: a person who turned every kind off still gets theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { MAIL_KINDS, type MailKind } from '../../../src/lib/domain/mail/kinds.ts';
import { unsubscribe } from '../../../src/lib/server/mail/preferences.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('one-click unsubscribe on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const call = (person: string, sql: string, params: unknown[]) =>
		as(db.pool, person, (tx) => tx.query(sql, params));
	const propose = (helperId: string) =>
		need(db.pool, { organisation: t.orgA }).then((n) =>
			call(t.coordA, 'select app.propose_match($1, $2, 80)', [n, helperId])
		);
	const preferences = async (person: string) =>
		(
			await db.pool.query(
				`select kind, enabled, digest from public.mail_preferences where person_id = $1 order by kind`,
				[person]
			)
		).rows;
	/** The person's mails of the kind that are still to go out (queued, digest items included). */
	const queued = async (person: string, kind: string) =>
		(
			await db.pool.query(
				`select count(*)::int as n from private.outbox
				 where person_id = $1 and kind = $2 and status = 'queued'`,
				[person, kind]
			)
		).rows[0].n as number;

	it("turns the link's kinds off for its person only, and their waiting mails of those kinds do not go", async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		const other = await helper(db.pool, { municipality: t.municipality });
		// Both take proposals as a daily digest and turned match mails off: one item waits each.
		for (const person of [h, other]) {
			await call(
				person,
				`insert into public.mail_preferences (person_id, kind, enabled, digest)
				 values ($1, 'proposal', true, true), ($1, 'match_ended', false, false)`,
				[person]
			);
			await propose(person);
			expect(await queued(person, 'proposal')).toBe(1);
		}

		await unsubscribe(db.pool, h, ['proposal', 'hours_reviewed']);

		expect(await preferences(h)).toEqual([
			{ kind: 'hours_reviewed', enabled: false, digest: false },
			{ kind: 'match_ended', enabled: false, digest: false },
			// Off, its timing kept for when the person turns it on again.
			{ kind: 'proposal', enabled: false, digest: true }
		]);
		expect(await queued(h, 'proposal')).toBe(0);
		// The other helper: as before.
		expect(await preferences(other)).toEqual([
			{ kind: 'match_ended', enabled: false, digest: false },
			{ kind: 'proposal', enabled: true, digest: true }
		]);
		expect(await queued(other, 'proposal')).toBe(1);

		// The next proposal reaches the other helper only; the same link again changes nothing.
		await propose(h);
		await propose(other);
		expect(await queued(h, 'proposal')).toBe(0);
		expect(await queued(other, 'proposal')).toBe(2);
		await unsubscribe(db.pool, h, ['proposal']);
		expect((await preferences(h)).filter((p) => p.enabled)).toEqual([]);
		expect(await preferences(h)).toHaveLength(3);
	});

	it('an unknown kind is refused and nothing changes', async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		await expect(unsubscribe(db.pool, h, ['proposal', 'sign_in_code' as MailKind])).rejects.toThrow(
			/unknown mail kind/
		);
		expect(await preferences(h)).toEqual([]);
	});

	it('only the system runs it: a signed-in person cannot turn off anyone’s mail', async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		for (const person of [h, t.coordA]) {
			await expect(
				call(person, `select private.unsubscribe_mail($1, array['proposal'])`, [h])
			).rejects.toThrow(/permission denied/);
		}
		expect(await preferences(h)).toEqual([]);
	});

	it('with every kind turned off, a pool invitation still reaches the person', async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		await unsubscribe(db.pool, h, [...MAIL_KINDS]);
		expect((await preferences(h)).map((p) => p.enabled)).toEqual(MAIL_KINDS.map(() => false));
		const { rows: address } = await db.pool.query('select email from auth.users where id = $1', [
			h
		]);
		await call(t.coordA, `select app.invite_to_pool($1, $2, 'de', 'https://zeitspende.test')`, [
			t.orgA,
			address[0].email
		]);
		const { rows } = await db.pool.query(
			`select recipient, subject from private.outbox where recipient = $1`,
			[address[0].email]
		);
		expect(rows).toEqual([
			{ recipient: address[0].email, subject: 'Einladung in den Pool von Verein A' }
		]);
	});
});
