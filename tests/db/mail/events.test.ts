// The mails people wait for: each step writes exactly its mails, to exactly the right people, in
// their language, in the step's own transaction; a step that rolls back writes none; a person's
// preferences decide (off, or the daily digest); a mail never carries more than its kind needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { MAIL_KINDS } from '../../../src/lib/domain/mail/kinds.ts';
import { BERLIN_TODAY } from '../fixtures.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, coordinator, helper, need, town, type Town } from '../matching/world.ts';

interface Mail {
	person_id: string;
	kind: string;
	locale: string;
	digest: boolean;
	payload: Record<string, unknown>;
}

describe.each(backends)('event mails on %s', (backend) => {
	let db: Database;
	let t: Town;
	let approving: Town;
	/** A second coordinator of organisation A: mails go to every coordinator but the actor. */
	let coordA2: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		approving = await town(db.pool, { minor_matches_need_approval: true });
		await db.pool.query(
			'update public.municipalities set nonprofit_needs_need_approval = true where id = $1',
			[approving.municipality]
		);
		coordA2 = await coordinator(db.pool, t.orgA, 'Koordination A2');
		await coordinator(db.pool, approving.orgA, 'Koordination A2');
		// Koordination A reads English.
		await db.pool.query(`update public.profiles set locale = 'en' where id = $1`, [t.coordA]);
	});
	afterAll(() => db.close());

	async function mark(): Promise<number> {
		const { rows } = await db.pool.query(
			'select coalesce(max(id), 0)::int as n from private.outbox'
		);
		return rows[0].n;
	}
	/** The mails written since `from`, by recipient and kind. */
	async function since(from: number): Promise<Mail[]> {
		const { rows } = await db.pool.query<Mail>(
			`select person_id, kind, locale, digest, payload from private.outbox
			 where id > $1 and kind is not null order by id`,
			[from]
		);
		return rows;
	}
	const who = (mails: Mail[]) => mails.map((m) => [m.kind, m.person_id]).sort();
	const call = (person: string, sql: string, params: unknown[]) =>
		as(db.pool, person, (tx) => tx.query(sql, params));
	const propose = async (by: string, needId: string, helperId: string) =>
		(await call(by, 'select app.propose_match($1, $2, 80) as id', [needId, helperId])).rows[0]!.id;

	it('the kinds in TypeScript are those of the database', async () => {
		const { rows } = await db.pool.query('select private.mail_kinds() as k');
		expect(rows[0].k).toEqual([...MAIL_KINDS]);
	});

	it("a coordinator's proposal: one mail to the helper, in her language, with the link; nobody else", async () => {
		const n = await need(db.pool, { organisation: t.orgA, title: 'Mathe in Klasse 7' });
		const h = await helper(db.pool, { municipality: t.municipality });
		await db.pool.query(`update public.profiles set locale = 'en' where id = $1`, [h]);
		const from = await mark();
		await propose(t.coordA, n, h);
		expect(await since(from)).toEqual([
			{
				person_id: h,
				kind: 'proposal',
				locale: 'en',
				digest: false,
				payload: { title: 'Mathe in Klasse 7', organisation: 'Verein A', path: '/matches' }
			}
		]);
	});

	it('the helper accepts: the other coordinators hear the answer, she gets the contact person', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const h = await helper(db.pool, { municipality: t.municipality });
		const id = await propose(t.coordA, n, h);
		const from = await mark();
		await call(h, 'select app.accept_match($1)', [id]);
		const mails = await since(from);
		expect(who(mails)).toEqual(
			[
				['match_active', h],
				['proposal_answered', coordA2],
				['proposal_answered', t.coordA]
			].sort()
		);
		const active = mails.find((m) => m.kind === 'match_active')!;
		expect(active.payload).toMatchObject({
			contact_name: 'Koordination A',
			contact_email: `${t.coordA}@test.example`,
			path: '/matches'
		});
		const toA = mails.find((m) => m.person_id === t.coordA)!;
		expect(toA).toMatchObject({ locale: 'en', payload: { accepted: true } });
		expect(mails.find((m) => m.person_id === coordA2)!.locale).toBe('de');
	});

	it('the helper declines: the coordinators hear it, she is not told of her own step', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const h = await helper(db.pool, { municipality: t.municipality });
		const id = await propose(t.coordA, n, h);
		const from = await mark();
		await call(h, 'select app.decline_match($1)', [id]);
		const mails = await since(from);
		expect(who(mails)).toEqual(
			[
				['proposal_answered', coordA2],
				['proposal_answered', t.coordA]
			].sort()
		);
		expect(mails.every((m) => m.payload.accepted === false)).toBe(true);
	});

	it('"I can help" reaches the coordinators of the need\'s organisation only', async () => {
		const n = await need(db.pool, { organisation: t.orgA, title: 'Einkaufen' });
		const h = await helper(db.pool, { municipality: t.municipality });
		const from = await mark();
		await call(h, 'select app.request_match($1)', [n]);
		const mails = await since(from);
		expect(who(mails)).toEqual(
			[
				['help_offered', coordA2],
				['help_offered', t.coordA]
			].sort()
		);
		expect(mails[0]!.payload).toEqual({
			title: 'Einkaufen',
			organisation: 'Verein A',
			path: `/coordinator/${t.orgA}/matches`
		});
	});

	it('a match waiting for the town: its coordinators in a digest; approved, the helper is told', async () => {
		const n = await need(db.pool, { organisation: approving.orgA, target_group: 'children' });
		const h = await helper(db.pool, { municipality: approving.municipality });
		const id = await propose(approving.coordA, n, h);
		let from = await mark();
		expect((await call(h, 'select app.accept_match($1) as s', [id])).rows[0]!.s).toBe(
			'pending_approval'
		);
		const waiting = (await since(from)).filter((m) => m.kind === 'approvals_waiting');
		expect(waiting).toEqual([
			{
				person_id: approving.municipal,
				kind: 'approvals_waiting',
				locale: 'de',
				digest: true,
				payload: expect.objectContaining({
					what: 'match',
					path: `/coordinator/${approving.office}/approvals`
				})
			}
		]);
		from = await mark();
		await call(approving.municipal, 'select app.approve_match($1)', [id]);
		expect(who(await since(from))).toEqual([['match_active', h]]);
	});

	it('a need waits for the town, is sent back with the reason, then approved', async () => {
		const n = await need(db.pool, {
			organisation: approving.orgA,
			status: 'draft',
			title: 'Lesepate'
		});
		let from = await mark();
		await call(
			approving.coordA,
			`update public.needs set status = 'pending_approval' where id = $1`,
			[n]
		);
		expect(who(await since(from))).toEqual([['approvals_waiting', approving.municipal]]);
		from = await mark();
		await call(approving.municipal, 'select app.send_back_need($1, $2)', [
			n,
			'Bitte Zeiten angeben.'
		]);
		const back = await since(from);
		expect(back.map((m) => m.kind)).toEqual(['need_decided', 'need_decided']);
		expect(back[0]!.payload).toEqual({
			title: 'Lesepate',
			approved: false,
			reason: 'Bitte Zeiten angeben.',
			path: `/coordinator/${approving.orgA}/needs/${n}`
		});
		await call(
			approving.coordA,
			`update public.needs set status = 'pending_approval' where id = $1`,
			[n]
		);
		from = await mark();
		await call(approving.municipal, 'select app.approve_need($1)', [n]);
		const approved = await since(from);
		expect(approved).toHaveLength(2);
		expect(approved.every((m) => m.kind === 'need_decided' && m.payload.approved === true)).toBe(
			true
		);
	});

	it('hours: the coordinators get a digest item, the helper the review with the reason', async () => {
		const n = await need(db.pool, { organisation: t.orgA, title: 'Hausaufgaben' });
		const h = await helper(db.pool, { municipality: t.municipality });
		const id = await propose(t.coordA, n, h);
		await call(h, 'select app.accept_match($1)', [id]);
		let from = await mark();
		const log = (
			await call(h, `select app.log_hours(null, $1, ${BERLIN_TODAY}, 2.5, null) as id`, [id])
		).rows[0]!.id;
		const toReview = await since(from);
		expect(who(toReview)).toEqual(
			[
				['hours_to_review', coordA2],
				['hours_to_review', t.coordA]
			].sort()
		);
		expect(toReview.every((m) => m.digest)).toBe(true);
		from = await mark();
		await call(
			t.coordA,
			`update public.hour_logs set status = 'rejected', review_note = $2 where id = $1`,
			[log, 'An dem Tag war zu.']
		);
		expect(await since(from)).toEqual([
			expect.objectContaining({
				person_id: h,
				kind: 'hours_reviewed',
				digest: false,
				payload: expect.objectContaining({
					confirmed: false,
					reason: 'An dem Tag war zu.',
					hours: 2.5,
					path: '/hours'
				})
			})
		]);
	});

	it('a match ended by the coordinator is told to the helper; ended by the helper, to nobody', async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		const n1 = await need(db.pool, { organisation: t.orgA });
		const m1 = await propose(t.coordA, n1, h);
		await call(h, 'select app.accept_match($1)', [m1]);
		let from = await mark();
		await call(t.coordA, `select app.withdraw_match_with_reason($1, 'Familie umgezogen')`, [m1]);
		const ended = await since(from);
		expect(who(ended)).toEqual([['match_ended', h]]);
		// No reason: words about a match may be about the people helped.
		expect(ended[0]!.payload).toEqual({
			title: 'Hausaufgabenhilfe',
			organisation: 'Verein A',
			path: '/matches'
		});
		const n2 = await need(db.pool, { organisation: t.orgA, starts_on: '2027-06-01' });
		const m2 = await propose(t.coordA, n2, h);
		await call(h, 'select app.accept_match($1)', [m2]);
		from = await mark();
		await call(h, `select app.withdraw_match_with_reason($1, '')`, [m2]);
		expect(await since(from)).toEqual([]);
	});

	it('a step that rolls back writes no mail', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const h = await helper(db.pool, { municipality: t.municipality });
		const from = await mark();
		await expect(
			as(db.pool, t.coordA, async (tx) => {
				await tx.query('select app.propose_match($1, $2, 80)', [n, h]);
				throw new Error('later step fails');
			})
		).rejects.toThrow('later step fails');
		expect(await since(from)).toEqual([]);
		// A refused step writes none either: a coordinator of another organisation.
		await expect(propose(t.coordB, n, h)).rejects.toThrow('need_not_found');
		expect(await since(from)).toEqual([]);
	});

	it('the system (seed, jobs) changing rows writes no event mail', async () => {
		const n = await need(db.pool, { organisation: t.orgA });
		const h = await helper(db.pool, { municipality: t.municipality });
		const from = await mark();
		await db.pool.query(
			`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'proposed', 'coordinator')`,
			[n, h]
		);
		expect(await since(from)).toEqual([]);
	});

	it('preferences: a kind turned off writes nothing; a digest waits for 07:00 and goes out as one mail', async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		await call(
			h,
			`insert into public.mail_preferences (person_id, kind, enabled) values ($1, 'proposal', false)`,
			[h]
		);
		let from = await mark();
		await propose(t.coordA, await need(db.pool, { organisation: t.orgA }), h);
		expect(await since(from)).toEqual([]);

		await call(
			h,
			`update public.mail_preferences set enabled = true, digest = true where person_id = $1`,
			[h]
		);
		from = await mark();
		await propose(t.coordA, await need(db.pool, { organisation: t.orgA, title: 'Eins' }), h);
		await propose(t.coordA, await need(db.pool, { organisation: t.orgA, title: 'Zwei' }), h);
		const items = await since(from);
		expect(items.map((m) => [m.kind, m.digest])).toEqual([
			['proposal', true],
			['proposal', true]
		]);
		const { rows: due } = await db.pool.query(
			`select distinct next_attempt_at = private.next_mail_digest_at(now()) as at_seven,
			        extract(hour from next_attempt_at at time zone 'Europe/Berlin')::int as hour
			 from private.outbox where id > $1`,
			[from]
		);
		expect(due).toEqual([{ at_seven: true, hour: 7 }]);
		// Not yet due now; due tomorrow morning: one digest with both items.
		const compose = async (at: string) =>
			(await db.pool.query(`select private.compose_mail_digests(${at}) as n`)).rows[0].n;
		expect(await compose('now()')).toBe(0);
		// (Other tests' digest items are due too: one digest per recipient.)
		expect(await compose(`now() + interval '1 day'`)).toBeGreaterThanOrEqual(1);
		const { rows: digest } = await db.pool.query(
			`select kind, person_id, jsonb_array_length(payload->'items') as items from private.outbox
			 where id > $1 and kind = 'digest' and person_id = $2`,
			[from, h]
		);
		expect(digest).toEqual([{ kind: 'digest', person_id: h, items: 2 }]);
		const { rows: states } = await db.pool.query(
			`select distinct status from private.outbox where id > $1 and kind = 'proposal'`,
			[from]
		);
		expect(states).toEqual([{ status: 'digested' }]);
	});

	it("preferences are one's own: nobody sets or reads another person's, unknown kinds are refused", async () => {
		const h = await helper(db.pool, { municipality: t.municipality });
		await expect(
			call(
				t.coordA,
				`insert into public.mail_preferences (person_id, kind, enabled) values ($1, 'proposal', false)`,
				[h]
			)
		).rejects.toThrow(/row-level security/);
		await expect(
			call(
				h,
				`insert into public.mail_preferences (person_id, kind, enabled) values ($1, 'sign_in_code', false)`,
				[h]
			)
		).rejects.toThrow(/check constraint/);
		await call(
			h,
			`insert into public.mail_preferences (person_id, kind, enabled) values ($1, 'match_ended', false)`,
			[h]
		);
		expect((await call(t.coordA, 'select * from public.mail_preferences', [])).rows).toEqual([]);
	});

	it('a mail never carries the people helped or contact details outside the active-match mail', async () => {
		const { rows } = await db.pool.query<{ kind: string; keys: string[] }>(
			`select kind, array_agg(distinct k order by k) as keys
			 from private.outbox, jsonb_object_keys(payload) k
			 where kind is not null and kind <> 'digest' group by kind order by kind`
		);
		const allowed = [
			'title',
			'organisation',
			'path',
			'accepted',
			'approved',
			'reason',
			'what',
			'hours',
			'worked_on',
			'confirmed'
		];
		for (const { kind, keys } of rows) {
			const extra = keys.filter((k) => !allowed.includes(k));
			expect([kind, extra]).toEqual([
				kind,
				kind === 'match_active' ? ['contact_email', 'contact_name'] : []
			]);
		}
	});
});
